-- raw.ingest_errors: one row per document a run could not read or process
-- (grain: run_id, source_uri, stage).
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.ingest_errors (
    run_id varchar not null,
    source_uri varchar not null,
    stage varchar not null,
    error varchar not null,
    content_hash varchar,
    recorded_at timestamptz not null
);
