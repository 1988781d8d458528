-- staging.stg_fact_conversions: one row per stated currency conversion, priced at the ECB rate of
-- the publication day (grain: fact_id of the conversion).
create or replace view staging.stg_fact_conversions as
select
    fact_id,
    original_fact_id,
    article_id,
    value_from,
    unit_from,
    value_to,
    unit_to,
    cast(published_on as date) as published_on,
    rate,
    cast(rate_date as date) as rate_date,
    rate_basis,
    expected_value_to,
    relative_deviation,
    tolerance,
    is_within_tolerance,
    linked_by,
    note,
    loaded_run_id
from raw.fact_conversions;

comment on view staging.stg_fact_conversions is 'One row per stated currency conversion priced at the ECB rate of the publication day (grain: fact_id of the conversion). raw.fact_conversions renamed and cast.';
