-- staging.stg_organisations: one row per alias of an organisation and origin (grain: origin,
-- alias). Every column of the declared table (schemas/organisations.py), in table order.
create or replace view staging.stg_organisations as
select *
from raw.organisations;

comment on view staging.stg_organisations is 'One row per alias of an organisation and origin (grain: origin, alias). raw.organisations renamed and cast; seed and config rows are replaced by each run, manual rows are kept.';
