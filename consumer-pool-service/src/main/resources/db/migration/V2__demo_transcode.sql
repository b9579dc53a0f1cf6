-- Effect table of the long-running example (video.transcode): where its final attempt resumed from.
create table demo_transcode (
    id           bigserial primary key,
    message_id   varchar(64) not null,
    video_id     varchar(200) not null,
    segments     int not null,
    resumed_from int not null,
    created_at   timestamptz not null default clock_timestamp()
);
