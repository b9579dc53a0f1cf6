package io.laneway.contracts;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka headers every producer of lane records sets beside the Avro envelope. The pool reads them before it
 * decodes anything: the envelope's type tells it how long the record's handler usually takes, so it can size
 * a batch by expected time (a slow type runs alone, quick ones share a transaction); its id names a record whose
 * bytes cannot be decoded.
 */
public final class LaneHeaders {

    /** The envelope's {@code type}, UTF-8. Optional for readers: a record without it is sized by the lane's average. */
    public static final String TYPE = "laneway-type";

    /**
     * The envelope's {@code id}, UTF-8: what a record is called even when its bytes cannot be decoded, so its
     * DEAD_LETTERED lifecycle event reaches the status the client follows.
     */
    public static final String MESSAGE_ID = "laneway-message-id";

    private LaneHeaders() {
    }

    public static void putMessageId(Headers headers, String id) {
        headers.remove(MESSAGE_ID);
        headers.add(MESSAGE_ID, id.getBytes(StandardCharsets.UTF_8));
    }

    /** The message id header's value, or null when the producer did not set it. */
    public static String messageId(Headers headers) {
        Header header = headers.lastHeader(MESSAGE_ID);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static void putType(Headers headers, String type) {
        headers.remove(TYPE);
        headers.add(TYPE, type.getBytes(StandardCharsets.UTF_8));
    }

    /** The type header's value, or null when the producer did not set it. */
    public static String type(Headers headers) {
        Header header = headers.lastHeader(TYPE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
