package io.laneway.projection.query;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The read models as this instance sees them: its local stores, which instance owns a key (Kafka Streams
 * query metadata), and every instance hosting a store. Anything not answerable right now (not RUNNING,
 * restoring, rebalancing) becomes {@link StoreNotReadyException}, never a stale or empty answer.
 */
@Component
public class ProjectionStores {

    private final StreamsBuilderFactoryBean factory;
    private final HostInfo self;

    public ProjectionStores(StreamsBuilderFactoryBean factory, KafkaProperties kafka) {
        this.factory = factory;
        Map<String, String> streamsProperties = kafka.getStreams().getProperties();
        this.self = HostInfo.buildFromEndpoint(streamsProperties.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    public HostInfo self() {
        return self;
    }

    public <T> T local(String store, QueryableStoreType<T> type) {
        try {
            return running(store).store(StoreQueryParameters.fromNameAndType(store, type));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReadyException(store);
        }
    }

    /**
     * One partition's part of a store on this instance: a keyed lookup reads exactly the store that holds the key,
     * instead of asking every local partition's store in turn.
     */
    public <T> T local(String store, QueryableStoreType<T> type, int partition) {
        try {
            return running(store).store(StoreQueryParameters.fromNameAndType(store, type).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReadyException(store);
        }
    }

    /** Where {@code key} lives in {@code store}: the instance whose active task holds it, and the partition. */
    public KeyQueryMetadata ownerOf(String store, String key) {
        KeyQueryMetadata metadata = running(store).queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new StoreNotReadyException(store);
        }
        return metadata;
    }

    /** Every instance that hosts a part of {@code store}, this one included. */
    public List<HostInfo> hostsOf(String store) {
        List<HostInfo> hosts = running(store).streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo).distinct().toList();
        if (hosts.isEmpty()) {
            throw new StoreNotReadyException(store);
        }
        return hosts;
    }

    private KafkaStreams running(String store) {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreNotReadyException(store);
        }
        return streams;
    }
}
