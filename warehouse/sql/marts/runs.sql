-- runs: one row per pipeline run (grain: run_id).
create or replace view main.runs as
select
    run_id,
    flow_run_id,
    started_at,
    finished_at,
    date_diff('millisecond', started_at, finished_at) / 1000.0 as duration_seconds,
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
from staging.stg_runs;

comment on view main.runs is 'One row per pipeline run (grain: run_id).';
comment on column main.runs.duration_seconds is 'Wall time of the run in seconds; null until it finishes.';
