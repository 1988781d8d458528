-- dq_latest_checks: one row per data-quality check with its most recent result and how its
-- status has run over its history (grain: check_name).
create or replace view main.dq_latest_checks as
with ranked as (
    select
        *,
        row_number() over (partition by check_name order by checked_at desc) as recency
    from staging.stg_dq_check_results
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
    h.count_runs,
    h.count_warn,
    h.count_error,
    h.first_checked_at
from ranked as r
join history as h using (check_name)
where r.recency = 1;

comment on view main.dq_latest_checks is 'One row per data-quality check with its latest result and its history (grain: check_name).';
comment on column main.dq_latest_checks.check_name is 'The check, as named under [checks.<name>] in dq.toml.';
comment on column main.dq_latest_checks.check_kind is 'validity, completeness, freshness, volume, schema or consistency.';
comment on column main.dq_latest_checks.status is 'pass, warn or error: the metric graded against the thresholds in force.';
comment on column main.dq_latest_checks.metric is 'The measured value (a share, a ratio, days, a count); null when there was nothing to measure.';
comment on column main.dq_latest_checks.count_observed is 'The count behind the metric (e.g. quarantined facts).';
comment on column main.dq_latest_checks.count_total is 'The count it is a share of, or the previous value it is compared with.';
comment on column main.dq_latest_checks.warn_threshold is 'When the check warns, e.g. ''> 0.02''; null for none.';
comment on column main.dq_latest_checks.error_threshold is 'When the check fails at severity error, e.g. ''> 0.1''; null for none.';
comment on column main.dq_latest_checks.message is 'What was found, in words.';
comment on column main.dq_latest_checks.checked_at is 'When the latest result was recorded (UTC).';
comment on column main.dq_latest_checks.run_id is 'The pipeline run that was checked (raw.runs.run_id): the newest run at check time.';
comment on column main.dq_latest_checks.count_runs is 'How many check runs have recorded this check.';
comment on column main.dq_latest_checks.count_warn is 'How many of them warned.';
comment on column main.dq_latest_checks.count_error is 'How many of them failed at severity error.';
comment on column main.dq_latest_checks.first_checked_at is 'When the check was first recorded (UTC).';
