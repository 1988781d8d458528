-- fact_conversions: one row per stated currency conversion with both texts and how far the
-- stated amount is from the ECB rate of the publication day (grain: fact_id of the
-- conversion, the parenthetical fact; ``original_fact_id`` is the amount it restates).
create or replace view main.fact_conversions as
with fact_texts as (
    select fact_id, text, 'valid' as status
    from staging.stg_facts
    union all
    select fact_id, text, 'quarantined' as status
    from staging.stg_quarantined_facts
    where fact_id not in (select fact_id from staging.stg_facts)
)
select
    c.fact_id,
    c.original_fact_id,
    c.article_id,
    o.text as original_text,
    t.text as conversion_text,
    c.value_from,
    c.unit_from,
    c.value_to,
    c.unit_to,
    c.published_on,
    c.rate,
    c.rate_date,
    c.rate_basis,
    c.expected_value_to,
    c.relative_deviation,
    c.tolerance,
    c.is_within_tolerance,
    t.status as conversion_status,
    c.linked_by,
    c.note,
    c.loaded_run_id
from staging.stg_fact_conversions as c
left join fact_texts as t on t.fact_id = c.fact_id
left join fact_texts as o on o.fact_id = c.original_fact_id;

comment on view main.fact_conversions is 'One row per stated currency conversion with both texts and its deviation from the ECB rate (grain: fact_id of the conversion).';
comment on column main.fact_conversions.fact_id is 'The conversion: the parenthetical fact, as $151 million in HK$1.18 billion ($151 million).';
comment on column main.fact_conversions.original_fact_id is 'The amount the conversion restates (facts.fact_id or quarantined_facts.fact_id).';
comment on column main.fact_conversions.article_id is 'The article both facts are in.';
comment on column main.fact_conversions.original_text is 'The original amount as written.';
comment on column main.fact_conversions.conversion_text is 'The stated conversion as written.';
comment on column main.fact_conversions.value_from is 'The original amount, in units of unit_from.';
comment on column main.fact_conversions.unit_from is 'ISO 4217 code of the original amount.';
comment on column main.fact_conversions.value_to is 'The stated converted amount, in units of unit_to.';
comment on column main.fact_conversions.unit_to is 'ISO 4217 code of the stated conversion.';
comment on column main.fact_conversions.published_on is 'The article''s publication date, whose ECB rate the conversion is judged by; null if undated.';
comment on column main.fact_conversions.rate is 'Units of unit_to per unit_from used for the judgement (ECB cross rate via the euro).';
comment on column main.fact_conversions.rate_date is 'The ECB publication day of rate; null when judged against the whole history.';
comment on column main.fact_conversions.rate_basis is 'published_date, previous_business_day, nearest_bound or history_range (undated article).';
comment on column main.fact_conversions.expected_value_to is 'value_from converted at rate.';
comment on column main.fact_conversions.relative_deviation is 'value_to / expected_value_to - 1.';
comment on column main.fact_conversions.tolerance is 'The largest absolute relative_deviation accepted (dq.toml rows.conversion_tolerance).';
comment on column main.fact_conversions.is_within_tolerance is 'Whether the stated conversion agrees with the ECB; null when it could not be priced.';
comment on column main.fact_conversions.conversion_status is 'valid (in facts) or quarantined (in quarantined_facts, e.g. by conversion_matches_ecb).';
comment on column main.fact_conversions.linked_by is 'extractor (conversion_of_fact_id) or adjacency (only a bracket between the two amounts).';
comment on column main.fact_conversions.note is 'Why a pair was not priced, or how it was (e.g. no ECB rate for VND).';
comment on column main.fact_conversions.loaded_run_id is 'The run that loaded the row.';
