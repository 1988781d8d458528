-- ingest_errors: one row per document a run could not read or process, with why
-- (grain: run_id, source_uri, stage).
create or replace view main.ingest_errors as
select
    e.run_id,
    e.source_uri,
    e.stage,
    e.error,
    e.content_hash,
    e.recorded_at,
    r.started_at as run_started_at
from staging.stg_ingest_errors as e
left join staging.stg_runs as r using (run_id);

comment on view main.ingest_errors is 'One row per document a run could not read or process, with why (grain: run_id, source_uri, stage).';
comment on column main.ingest_errors.run_started_at is 'When the run that recorded the error started (UTC).';
