-- main.fact_organisations: comments on the view and each of its columns.
-- One row per valid fact attributed to an organisation (grain: fact_id).
comment on view main.fact_organisations is 'One row per valid fact attributed to an organisation (grain: fact_id): the nearest name from raw.organisations before the fact in its paragraph, else after it, else in the title.';
comment on column main.fact_organisations.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.fact_organisations.organisation is 'Canonical name of the organisation.';
comment on column main.fact_organisations.alias is 'The spelling that was found.';
comment on column main.fact_organisations.evidence is 'Where it was found: before, after, or title.';
comment on column main.fact_organisations.distance_characters is 'Characters between the name and the fact (0 for a title match).';
