-- staging.stg_organisations: one row per spelling of an organisation the marts attribute facts to
-- (grain: alias).
create or replace view staging.stg_organisations as
select
    organisation,
    alias,
    pattern
from raw.organisations;

comment on view staging.stg_organisations is 'One row per spelling of an organisation (grain: alias). raw.organisations renamed and cast; extend the list in warehouse/sql/raw/organisations.sql.';
