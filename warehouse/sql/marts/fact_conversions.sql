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
comment on column main.fact_conversions.original_text is 'The original amount as written.';
comment on column main.fact_conversions.conversion_text is 'The stated conversion as written.';
comment on column main.fact_conversions.conversion_status is 'valid (in facts) or quarantined (in quarantined_facts, e.g. by conversion_matches_ecb).';
