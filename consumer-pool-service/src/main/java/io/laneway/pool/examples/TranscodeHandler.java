package io.laneway.pool.examples;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * Example of long-running-lane work ({@code video.transcode}). It records the job; real transcoding with
 * checkpoints and heartbeats belongs to the long-running support of the pool.
 */
@Component
public class TranscodeHandler implements EnvelopeHandler<TranscodeHandler.Transcode> {

    public record Transcode(String videoId, int seconds) {
    }

    @Override
    public String type() {
        return "video.transcode";
    }

    @Override
    public Class<Transcode> payloadType() {
        return Transcode.class;
    }

    @Override
    public void handle(Transcode payload, HandlerContext context) {
        context.jdbc().sql("insert into demo_greeting (message_id, greeting) values (?, ?)")
                .params(context.envelope().getId(), "video " + payload.videoId() + " queued for transcoding ("
                        + payload.seconds() + " s of footage)")
                .update();
    }
}
