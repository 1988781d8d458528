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
comment on column staging.stg_fact_conversions.fact_id is 'The conversion: the parenthetical fact, as $151 million in HK$1.18 billion ($151 million).';
comment on column staging.stg_fact_conversions.original_fact_id is 'The amount the conversion restates (facts.fact_id or quarantined_facts.fact_id).';
comment on column staging.stg_fact_conversions.article_id is 'The article both facts are in.';
comment on column staging.stg_fact_conversions.value_from is 'The original amount, in units of unit_from.';
comment on column staging.stg_fact_conversions.unit_from is 'ISO 4217 code of the original amount.';
comment on column staging.stg_fact_conversions.value_to is 'The stated converted amount, in units of unit_to.';
comment on column staging.stg_fact_conversions.unit_to is 'ISO 4217 code of the stated conversion.';
comment on column staging.stg_fact_conversions.published_on is 'The article''s publication date, whose ECB rate the conversion is judged by; null if undated.';
comment on column staging.stg_fact_conversions.rate is 'Units of unit_to per unit_from used for the judgement (ECB cross rate via the euro).';
comment on column staging.stg_fact_conversions.rate_date is 'The ECB publication day of rate; null when judged against the whole history.';
comment on column staging.stg_fact_conversions.rate_basis is 'published_date, previous_business_day, nearest_bound or history_range (undated article).';
comment on column staging.stg_fact_conversions.expected_value_to is 'value_from converted at rate.';
comment on column staging.stg_fact_conversions.relative_deviation is 'value_to / expected_value_to - 1.';
comment on column staging.stg_fact_conversions.tolerance is 'The largest absolute relative_deviation accepted (dq.toml rows.conversion_tolerance).';
comment on column staging.stg_fact_conversions.is_within_tolerance is 'Whether the stated conversion agrees with the ECB; null when it could not be priced.';
comment on column staging.stg_fact_conversions.linked_by is 'extractor (conversion_of_fact_id) or adjacency (only a bracket between the two amounts).';
comment on column staging.stg_fact_conversions.note is 'Why a pair was not priced, or how it was (e.g. no ECB rate for VND).';
comment on column staging.stg_fact_conversions.loaded_run_id is 'The run that loaded the row.';
