-- staging.stg_quarantined_facts: one row per fact mention kept out of the marts
-- (grain: fact_id).
-- Every column of the declared table (schemas/facts.py), in table order: a column added
-- to the declaration reaches this view with no edit here.
create or replace view staging.stg_quarantined_facts as
select *
from raw.quarantined_facts;

comment on view staging.stg_quarantined_facts is 'One row per quarantined fact mention (grain: fact_id). raw.quarantined_facts renamed and cast.';
