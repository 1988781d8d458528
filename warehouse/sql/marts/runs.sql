-- runs: one row per pipeline run, newest first (grain: run_id).
create or replace view main.runs as
select * from raw.runs order by started_at desc;
