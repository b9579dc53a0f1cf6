package io.laneway.projection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.projection.*}.
 *
 * @param cleanStateOnStart wipe this instance's local state stores at start and rebuild them from the changelogs (the
 *                          rebuild procedure in the README)
 * @param lateGrace         how late an event may arrive and still count in its minute's lane statistics and sales
 * @param statsRetention    how long per-minute lane statistics and sales are kept (and how far back they can be asked)
 */
@ConfigurationProperties("laneway.projection")
public record ProjectionProperties(boolean cleanStateOnStart, Duration lateGrace, Duration statsRetention) {

    public ProjectionProperties {
        lateGrace = lateGrace == null ? Duration.ofMinutes(1) : lateGrace;
        statsRetention = statsRetention == null ? Duration.ofHours(24) : statsRetention;
    }
}
