package io.laneway.router.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code laneway.router.messages.accepted{lane, priority, type, client}}, for REST and ingress traffic alike. Each tag
 * set's counter is looked up once and cached: building the tags and finding the meter on every message showed up in
 * the single-envelope profile.
 */
@Component
public class AcceptedMessages {

    private final MeterRegistry meters;
    private final Map<Tags, Counter> counters = new ConcurrentHashMap<>();

    public AcceptedMessages(MeterRegistry meters) {
        this.meters = meters;
    }

    /** One more accepted message, routed to the lane stamped on it. */
    public void count(Envelope routed, String client) {
        counters.computeIfAbsent(new Tags(routed.getRouting().getLane(), routed.getPriority(), routed.getType(), client),
                t -> meters.counter("laneway.router.messages.accepted", "lane", Topics.laneName(t.lane()),
                        "priority", t.priority().name(), "type", t.type(), "client", t.client())).increment();
    }

    private record Tags(Lane lane, Priority priority, String type, String client) {
    }
}
