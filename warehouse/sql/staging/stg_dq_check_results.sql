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
comment on column staging.stg_dq_check_results.check_run_id is 'Key of one run of the checks (a pipeline run''s quality step or one `newsfacts check`).';
comment on column staging.stg_dq_check_results.run_id is 'The pipeline run that was checked (raw.runs.run_id): the newest run at check time.';
comment on column staging.stg_dq_check_results.invoked_by is 'Who ran the checks: flow (the etl flow''s quality gate) or cli (`newsfacts check`).';
comment on column staging.stg_dq_check_results.checked_at is 'When the checks ran (UTC).';
comment on column staging.stg_dq_check_results.check_name is 'The check, as named under [checks.<name>] in dq.toml.';
comment on column staging.stg_dq_check_results.check_kind is 'validity, completeness, freshness, volume, schema or consistency.';
comment on column staging.stg_dq_check_results.status is 'pass, warn or error: the metric graded against the thresholds in force.';
comment on column staging.stg_dq_check_results.metric is 'The measured value (a share, a ratio, days, a count); null when there was nothing to measure.';
comment on column staging.stg_dq_check_results.count_observed is 'The count behind the metric (e.g. quarantined facts).';
comment on column staging.stg_dq_check_results.count_total is 'The count it is a share of, or the previous value it is compared with.';
comment on column staging.stg_dq_check_results.warn_threshold is 'When the check warns, e.g. ''> 0.02''; null for none.';
comment on column staging.stg_dq_check_results.error_threshold is 'When the check fails at severity error, e.g. ''> 0.1''; null for none.';
comment on column staging.stg_dq_check_results.message is 'What was found, in words.';
comment on column staging.stg_dq_check_results.config_source is 'The dq.toml the thresholds came from.';
