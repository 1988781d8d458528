-- staging.stg_organisations: one row per spelling of an organisation the marts attribute facts to
-- (grain: alias).
create or replace view staging.stg_organisations as
select
    organisation,
    alias,
    pattern
from raw.organisations;

comment on view staging.stg_organisations is 'One row per spelling of an organisation (grain: alias). raw.organisations renamed and cast; extend the list in warehouse/sql/raw/organisations.sql.';
comment on column staging.stg_organisations.organisation is 'Canonical organisation name.';
comment on column staging.stg_organisations.alias is 'A spelling, brand or product name that stands for the organisation.';
comment on column staging.stg_organisations.pattern is 'RE2 pattern that finds the alias (whole words for latin names).';
