package io.laneway.router.dedupe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two publish requests the same request, for an idempotency key: type, priority, ordering key, correlation
 * id and payload (as the router re-serialises it, so whitespace does not count). Pure.
 */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(String type, String priority, String orderingKey, String correlationId, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {type, priority, orderingKey, correlationId}) {
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) (part == null ? 0 : 1)); // null and "" differ
                sha.update(intBytes(bytes.length)); // lengths keep ("ab","c") apart from ("a","bc")
                sha.update(bytes);
            }
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
