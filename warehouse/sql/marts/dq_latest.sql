-- dq_latest: one row per data-quality check of the most recent check run, worst first
-- (grain: check_name). "Is the warehouse healthy now?" For each check's history see
-- dq_latest_checks and dq_check_results.
create or replace view main.dq_latest as
with latest_run as (
    select check_run_id
    from staging.stg_dq_check_results
    qualify row_number() over (order by checked_at desc, check_run_id desc) = 1
)
select
    r.check_name,
    r.check_kind,
    r.status,
    r.metric,
    r.count_observed,
    r.count_total,
    r.warn_threshold,
    r.error_threshold,
    r.message,
    r.checked_at,
    r.run_id,
    r.invoked_by,
    r.check_run_id
from staging.stg_dq_check_results as r
join latest_run as l using (check_run_id);

comment on view main.dq_latest is 'One row per data-quality check of the most recent check run, worst first (grain: check_name). Is the warehouse healthy now? History: dq_latest_checks, dq_check_results.';
comment on column main.dq_latest.check_name is 'The check, as named in dq.toml.';
comment on column main.dq_latest.check_kind is 'What the check looks at (volume, freshness, schema, share, agreement, ...).';
comment on column main.dq_latest.status is 'pass, warn or error.';
comment on column main.dq_latest.metric is 'The measured value the thresholds apply to.';
comment on column main.dq_latest.count_observed is 'Rows or documents that counted against the check.';
comment on column main.dq_latest.count_total is 'Rows or documents the check looked at.';
comment on column main.dq_latest.warn_threshold is 'When the check warns, as configured.';
comment on column main.dq_latest.error_threshold is 'When the check errors, as configured.';
comment on column main.dq_latest.message is 'The result in words.';
comment on column main.dq_latest.checked_at is 'When the check ran (UTC).';
comment on column main.dq_latest.run_id is 'The pipeline run checked (raw.runs.run_id); null for a standalone newsfacts check.';
comment on column main.dq_latest.invoked_by is 'What ran the checks: flow or cli.';
comment on column main.dq_latest.check_run_id is 'The check run these results belong to.';
