-- raw.ingest_errors: one row per document a run could not read or process
-- (grain: run_id, source_uri, stage).
create table if not exists raw.ingest_errors (
    run_id varchar not null,
    source_uri varchar not null,
    stage varchar not null,
    error varchar not null,
    content_hash varchar,
    recorded_at timestamptz not null,
    primary key (run_id, source_uri, stage)
);
