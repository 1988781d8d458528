-- raw.raw_documents: one row per distinct document content (grain: content_hash).
-- The bytes exactly as fetched, so a new extractor can reprocess without refetching.
create table if not exists raw.raw_documents (
    content_hash varchar primary key,
    source_uri varchar not null,
    media_type varchar not null,
    provenance varchar,
    fetched_at timestamptz not null,
    content blob not null,
    loaded_run_id varchar not null
);
