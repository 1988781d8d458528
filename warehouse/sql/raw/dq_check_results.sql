-- raw.dq_check_results: one row per dataset-level data-quality check per check run
-- (grain: check_run_id, check_name). Appended by every pipeline run and every
-- ``newsfacts check``, so the history of each check accumulates across runs.
create table if not exists raw.dq_check_results (
    check_run_id varchar not null,
    run_id varchar,
    invoked_by varchar not null,
    checked_at timestamptz not null,
    check_name varchar not null,
    check_kind varchar not null,
    status varchar not null,
    metric double,
    count_observed bigint,
    count_total bigint,
    warn_threshold varchar,
    error_threshold varchar,
    message varchar not null,
    config_source varchar,
    primary key (check_run_id, check_name)
);
