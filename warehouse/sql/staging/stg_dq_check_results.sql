-- staging.stg_dq_check_results: one row per data-quality check per check run
-- (grain: check_run_id, check_name).
create or replace view staging.stg_dq_check_results as
select
    check_run_id,
    run_id,
    invoked_by,
    cast(checked_at as timestamptz) as checked_at,
    check_name,
    check_kind,
    status,
    metric,
    count_observed,
    count_total,
    warn_threshold,
    error_threshold,
    message,
    config_source
from raw.dq_check_results;

comment on view staging.stg_dq_check_results is 'One row per data-quality check per check run (grain: check_run_id, check_name). raw.dq_check_results renamed and cast.';
