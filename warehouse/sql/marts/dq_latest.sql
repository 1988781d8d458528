-- dq_latest: one row per data-quality check of the most recent check run, worst first
-- (grain: check_name). "Is the warehouse healthy now?" For each check's history see
-- dq_latest_checks and dq_check_results.
create or replace view main.dq_latest as
with latest_run as (
    select check_run_id, checked_at
    from raw.dq_check_results
    order by checked_at desc, check_run_id desc
    limit 1
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
from raw.dq_check_results as r
join latest_run as l using (check_run_id)
order by case r.status when 'error' then 0 when 'warn' then 1 else 2 end, r.check_name;
