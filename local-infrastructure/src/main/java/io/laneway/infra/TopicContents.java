package io.laneway.infra;

import java.time.Duration;
import java.util.List;

/**
 * Everything on a topic right now: the record values from the beginning up to the end offsets taken at the
 * start (committed records only), raw bytes for the caller to decode. For tests and checks, not for hot paths.
 */
public final class TopicContents {

    private TopicContents() {
    }

    public static List<byte[]> values(String bootstrapServers, String topic) {
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            List<byte[]> values = reader.readNew(Duration.ofSeconds(15));
            if (!reader.caughtUp()) {
                throw new IllegalStateException("Could not read " + topic + " to its end within 15 s");
            }
            return values;
        }
    }
}
