-- dq_check_results: one row per data-quality check per check run, the history of every check
-- (grain: check_run_id, check_name).
create or replace view main.dq_check_results as
select
    check_run_id,
    run_id,
    invoked_by,
    checked_at,
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
from staging.stg_dq_check_results;

comment on view main.dq_check_results is 'One row per data-quality check per check run (grain: check_run_id, check_name): the history of every check.';
