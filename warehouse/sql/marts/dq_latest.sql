-- dq_latest: one row per data-quality check of the most recent check run, with how the check
-- has fared over its history (grain: check_name). "Is the warehouse healthy now?"; every
-- result of every check run is in dq_check_results.
create or replace view main.dq_latest as
with latest_run as (
    select check_run_id
    from staging.stg_dq_check_results
    qualify row_number() over (order by checked_at desc, check_run_id desc) = 1
),
history as (
    select
        check_name,
        count(*) as count_runs,
        count(*) filter (where status = 'warn') as count_warn,
        count(*) filter (where status = 'error') as count_error,
        min(checked_at) as first_checked_at
    from staging.stg_dq_check_results
    group by check_name
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
    r.check_run_id,
    h.count_runs,
    h.count_warn,
    h.count_error,
    h.first_checked_at
from staging.stg_dq_check_results as r
join latest_run as l using (check_run_id)
join history as h using (check_name);

comment on view main.dq_latest is 'One row per data-quality check of the most recent check run (grain: check_name), with how the check has fared over its history. Is the warehouse healthy now? Every result of every run: dq_check_results.';
comment on column main.dq_latest.check_name is 'The check, as named under [checks.<name>] in dq.toml.';
comment on column main.dq_latest.check_kind is 'validity, completeness, freshness, volume, schema or consistency.';
comment on column main.dq_latest.status is 'pass, warn or error: the metric graded against the thresholds in force.';
comment on column main.dq_latest.metric is 'The measured value (a share, a ratio, days, a count); null when there was nothing to measure.';
comment on column main.dq_latest.count_observed is 'The count behind the metric (e.g. quarantined facts).';
comment on column main.dq_latest.count_total is 'The count it is a share of, or the previous value it is compared with.';
comment on column main.dq_latest.warn_threshold is 'When the check warns, e.g. ''> 0.02''; null for none.';
comment on column main.dq_latest.error_threshold is 'When the check fails at severity error, e.g. ''> 0.1''; null for none.';
comment on column main.dq_latest.message is 'What was found, in words.';
comment on column main.dq_latest.checked_at is 'When the check run ran (UTC).';
comment on column main.dq_latest.run_id is 'The pipeline run that was checked (raw.runs.run_id): the newest run at check time.';
comment on column main.dq_latest.invoked_by is 'Who ran the checks: flow (the etl flow''s quality gate) or cli (`newsfacts check`).';
comment on column main.dq_latest.check_run_id is 'The check run these results belong to: the most recent one.';
comment on column main.dq_latest.count_runs is 'How many check runs have recorded this check, this one included.';
comment on column main.dq_latest.count_warn is 'How many of them warned.';
comment on column main.dq_latest.count_error is 'How many of them failed at severity error.';
comment on column main.dq_latest.first_checked_at is 'When the check was first recorded (UTC).';
