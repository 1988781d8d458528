-- raw.organisations: comments on the table and each of its columns.
-- One row per spelling of an organisation (grain: alias).
comment on table raw.organisations is 'One row per spelling of an organisation (grain: alias). Reference list the marts attribute facts with; edit warehouse/sql/raw/organisations.sql to extend it.';
comment on column raw.organisations.organisation is 'Canonical organisation name.';
comment on column raw.organisations.alias is 'A spelling, brand or product name that stands for the organisation.';
comment on column raw.organisations.pattern is 'RE2 pattern that finds the alias (whole words for latin names).';
