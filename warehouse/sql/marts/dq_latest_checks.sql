-- dq_latest_checks: one row per data-quality check with its most recent result and how its
-- status has run over its history (grain: check_name).
create or replace view main.dq_latest_checks as
with ranked as (
    select
        *,
        row_number() over (partition by check_name order by checked_at desc) as recency
    from raw.dq_check_results
),
history as (
    select
        check_name,
        count(*) as count_runs,
        count(*) filter (where status = 'warn') as count_warn,
        count(*) filter (where status = 'error') as count_error,
        min(checked_at) as first_checked_at
    from raw.dq_check_results
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
where r.recency = 1
order by r.check_name;
