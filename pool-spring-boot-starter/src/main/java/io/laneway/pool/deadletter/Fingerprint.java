package io.laneway.pool.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What makes two failures "the same": envelope type, root exception class and its message with the
 * variable parts (ids, numbers) masked. Pure.
 */
public final class Fingerprint {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private Fingerprint() {
    }

    public static String of(String type, String errorClass, String message) {
        String masked = message == null ? "" : NUMBER.matcher(UUID.matcher(message).replaceAll("<id>")).replaceAll("<n>");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type + '\n' + errorClass + '\n' + masked).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
