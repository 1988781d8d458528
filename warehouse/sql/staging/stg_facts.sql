-- staging.stg_facts: one row per valid fact mention, renamed and cast (grain: fact_id).
-- Every column of the declared table (schemas/facts.py), in table order: a column added
-- to the declaration reaches this view with no edit here.
create or replace view staging.stg_facts as
select * replace (cast(value as double) as value, cast(value_high as double) as value_high)
from raw.facts;

comment on view staging.stg_facts is 'One row per valid fact mention (grain: fact_id). raw.facts renamed and cast.';
