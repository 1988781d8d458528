-- dq_check_results: one row per data-quality check per check run, newest first
-- (grain: check_run_id, check_name).
create or replace view main.dq_check_results as
select *
from raw.dq_check_results
order by checked_at desc, check_name;
