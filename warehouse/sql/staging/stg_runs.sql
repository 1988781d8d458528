-- staging.stg_runs: one row per pipeline run (grain: run_id).
create or replace view staging.stg_runs as
select
    run_id,
    flow_run_id,
    cast(started_at as timestamptz) as started_at,
    cast(finished_at as timestamptz) as finished_at,
    cast(started_at as date) as started_on,
    status,
    sources,
    extractor_version,
    count_documents,
    count_articles_new,
    count_paragraphs_new,
    count_facts_new,
    count_quarantined_new,
    count_errors,
    count_skipped_offtopic
from raw.runs;

comment on view staging.stg_runs is 'One row per run (grain: run_id). raw.runs renamed and cast.';
comment on column staging.stg_runs.started_on is 'Date the run started (UTC).';
