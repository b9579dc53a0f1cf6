package io.laneway.router.publish;

import io.laneway.router.config.RouterProperties;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.stereotype.Component;

/**
 * The producer for ROUTED lifecycle events: Boot's producer settings, its own connection, and a longer linger.
 *
 * <p>Why a second producer: a caller of {@code POST /v1/messages} waits for its envelope's ack. Sharing one producer,
 * every produce request carried the envelopes and the previous requests' ROUTED events, and the broker answers a
 * connection's requests one after another, so the events' partitions sat in the envelopes' wait. Nobody waits for a
 * ROUTED event, so it can linger and travel in fewer, fuller requests of its own.
 */
@Component
public class LifecycleProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, Object> factory;
    private final KafkaTemplate<String, Object> template;

    public LifecycleProducer(KafkaProperties kafka, MeterRegistry meters, RouterProperties router) {
        Map<String, Object> settings = kafka.buildProducerProperties();
        settings.put("linger.ms", (int) router.lifecycleLinger().toMillis());
        settings.put("client.id", "router-lifecycle");
        this.factory = new DefaultKafkaProducerFactory<>(settings);
        this.factory.addListener(new MicrometerProducerListener<>(meters));
        this.template = new KafkaTemplate<>(factory);
    }

    KafkaTemplate<String, Object> template() {
        return template;
    }

    @Override
    public void destroy() {
        factory.destroy(); // flushes what is lingering
    }
}
