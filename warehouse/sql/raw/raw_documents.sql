-- raw.raw_documents: one row per distinct document content (grain: content_hash).
-- The bytes exactly as fetched, so a new extractor can reprocess without refetching.
-- No primary key: DuckDB rewrites a table's whole primary-key index at every checkpoint,
-- so a keyed table made each batch's load slower as the warehouse grew. ``warehouse.load``
-- inserts only keys not loaded yet (the one writer holds the file), and the
-- ``duplicate_keys`` check verifies the grain after every run.
create table if not exists raw.raw_documents (
    content_hash varchar not null,
    source_uri varchar not null,
    media_type varchar not null,
    provenance varchar,
    fetched_at timestamptz not null,
    content blob not null,
    loaded_run_id varchar not null
);
