package io.laneway.poolservice.demo;

import io.laneway.pool.handler.Checkpoints;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * Long-running-lane example ({@code video.transcode}): works through {@code segments} segments of
 * {@code segmentMillis} each, saving a checkpoint after every segment (the pool writes at most one per
 * {@code laneway.pool.checkpoint-interval}). A crash loses at most that interval plus the segment in progress: the
 * next attempt (on any instance) continues after the last written checkpoint. The effect row records
 * where the final attempt started, so a test can see the resume.
 */
@Component
public class TranscodeHandler implements EnvelopeHandler<TranscodeHandler.Transcode> {

    public record Transcode(String videoId, int segments, long segmentMillis) {
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
    public void handle(Transcode job, HandlerContext context) throws InterruptedException {
        Checkpoints checkpoints = context.checkpoints();
        int segments = Math.max(1, job.segments());
        int resumeFrom = checkpoints.last().map(Integer::parseInt).orElse(0);
        for (int segment = resumeFrom; segment < segments; segment++) {
            Thread.sleep(job.segmentMillis()); // stands in for transcoding one segment
            checkpoints.save(String.valueOf(segment + 1), (segment + 1) * 100 / segments);
        }
        context.jdbc().sql("insert into demo_transcode (message_id, video_id, segments, resumed_from) values (?, ?, ?, ?)")
                .params(context.envelope().getId(), job.videoId(), segments, resumeFrom).update();
    }
}
