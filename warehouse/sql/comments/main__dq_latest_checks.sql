-- main.dq_latest_checks: comments on the view and each of its columns.
-- One row per data-quality check with its latest result and its history (grain: check_name).
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
