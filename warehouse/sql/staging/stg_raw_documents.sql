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
