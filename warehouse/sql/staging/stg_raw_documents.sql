-- staging.stg_raw_documents: one row per distinct document content, its bytes as fetched
-- (grain: content_hash).
create or replace view staging.stg_raw_documents as
select
    content_hash,
    source_uri,
    media_type,
    provenance,
    cast(fetched_at as timestamptz) as fetched_at,
    content,
    loaded_run_id
from raw.raw_documents;

comment on view staging.stg_raw_documents is 'One row per distinct document content (grain: content_hash). raw.raw_documents renamed and cast.';
comment on column staging.stg_raw_documents.content_hash is 'SHA-256 hex of the document''s raw bytes as fetched.';
comment on column staging.stg_raw_documents.source_uri is 'Where the document came from: file:// URI, URL, or WARC target URI.';
comment on column staging.stg_raw_documents.media_type is 'text/plain or text/html, from the file suffix or content sniffing.';
comment on column staging.stg_raw_documents.provenance is 'Where inside the source the document was: e.g. the WARC-Record-ID.';
comment on column staging.stg_raw_documents.fetched_at is 'When the bytes were read or downloaded (UTC).';
comment on column staging.stg_raw_documents.content is 'The document''s bytes, untouched.';
comment on column staging.stg_raw_documents.loaded_run_id is 'The run (raw.runs.run_id) that first loaded this row.';
