-- staging.stg_ingest_errors: one row per document a run could not read or process
-- (grain: run_id, source_uri, stage).
create or replace view staging.stg_ingest_errors as
select
    run_id,
    source_uri,
    stage,
    error,
    content_hash,
    cast(recorded_at as timestamptz) as recorded_at
from raw.ingest_errors;

comment on view staging.stg_ingest_errors is 'One row per document a run could not read or process (grain: run_id, source_uri, stage). raw.ingest_errors renamed and cast.';
