package io.laneway.pool.deadletter;

import java.time.Instant;

/**
 * Dead letters that failed the same way ({@link Fingerprint}): what an operator triages as one problem.
 *
 * @param errorMessage one of the group's messages (they differ only in masked ids and numbers)
 */
public record FingerprintGroup(String fingerprint, String type, String lane, String errorClass, String errorMessage, long count,
                               Instant firstSeen, Instant lastSeen) {
}
