package io.laneway.pool.lane;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.processing.EnvelopeProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One listener container per lane, so a flood of heavy work never holds the fast lane's threads.
 * Concurrency per lane comes from {@code laneway.pool.lanes.<lane>.concurrency}.
 */
@Component
public class LaneListeners {

    private static final Logger log = LoggerFactory.getLogger(LaneListeners.class);

    private final EnvelopeProcessor processor;

    public LaneListeners(EnvelopeProcessor processor) {
        this.processor = processor;
    }

    @KafkaListener(id = "lane-fast", topics = Topics.LANE_FAST, concurrency = "${laneway.pool.lanes.fast.concurrency:3}")
    void fast(ConsumerRecord<String, Envelope> record) {
        handle(record);
    }

    @KafkaListener(id = "lane-heavy", topics = Topics.LANE_HEAVY, concurrency = "${laneway.pool.lanes.heavy.concurrency:1}")
    void heavy(ConsumerRecord<String, Envelope> record) {
        handle(record);
    }

    @KafkaListener(id = "lane-long-running", topics = Topics.LANE_LONG_RUNNING,
            concurrency = "${laneway.pool.lanes.long-running.concurrency:1}")
    void longRunning(ConsumerRecord<String, Envelope> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        try (var m1 = MDC.putCloseable("messageId", envelope.getId());
             var m2 = MDC.putCloseable("traceId", envelope.getMetadata().getTraceId())) {
            var outcome = processor.process(envelope);
            log.info("{} {} type={} from {}-{}@{}", outcome, envelope.getId(), envelope.getType(),
                    record.topic(), record.partition(), record.offset());
        }
    }
}
