-- fact_changes: one row per figure that changed between two versions of a story
-- (main.revisions): a claim of the version before (facts: conversions and repeats left out)
-- that the version does not state the same, or a claim the version adds
-- (grain: article_id, fact_id or previous_fact_id). Claims stating the same kind, value and
-- unit in both versions are unchanged. Of the rest, the n-th of each kind, unit, measure and
-- organisation in one version pairs with the n-th in the other: 'changed' (¥1.2 trillion →
-- ¥1.5 trillion); one left alone is 'added' or 'removed'.
create or replace view main.fact_changes as
with version_pairs as (
    select article_id, previous_article_id
    from main.revisions
    where previous_article_id is not null
),
stated as (
    select fact_id, article_id, kind, unit, measure, organisation, value, value_high, text, start
    from main.facts
    where not is_conversion and not is_repeat
),
sides as (
    select p.article_id as version_id, p.previous_article_id, 'new' as side, s.* exclude (article_id)
    from version_pairs as p
    join stated as s on s.article_id = p.article_id
    union all
    select p.article_id, p.previous_article_id, 'old', s.* exclude (article_id)
    from version_pairs as p
    join stated as s on s.article_id = p.previous_article_id
),
copies as (
    -- the n-th statement of one figure in a version matches the n-th in the other
    select
        *,
        row_number() over (
            partition by version_id, side, kind, value, value_high, unit order by start
        ) as copy_number
    from sides
),
unmatched as (
    select c.*
    from copies as c
    where not exists (
        select 1
        from copies as o
        where o.version_id = c.version_id
            and o.side <> c.side
            and o.kind = c.kind
            and o.value = c.value
            and o.value_high is not distinct from c.value_high
            and o.unit = c.unit
            and o.copy_number = c.copy_number
    )
),
slotted as (
    select
        *,
        row_number() over (
            partition by version_id, side, kind, unit, measure, organisation order by start
        ) as slot
    from unmatched
),
new_side as (select * from slotted where side = 'new'),
old_side as (select * from slotted where side = 'old')
select
    coalesce(n.version_id, o.version_id) as article_id,
    coalesce(n.previous_article_id, o.previous_article_id) as previous_article_id,
    case
        when n.fact_id is null then 'removed'
        when o.fact_id is null then 'added'
        else 'changed'
    end as change,
    coalesce(n.kind, o.kind) as kind,
    coalesce(n.measure, o.measure) as measure,
    coalesce(n.organisation, o.organisation) as organisation,
    o.fact_id as previous_fact_id,
    o.text as previous_text,
    o.value as previous_value,
    o.unit as previous_unit,
    n.fact_id,
    n.text,
    n.value,
    n.unit
from new_side as n
full outer join old_side as o
    on n.version_id = o.version_id
    and n.kind = o.kind
    and n.unit = o.unit
    and n.measure is not distinct from o.measure
    and n.organisation is not distinct from o.organisation
    and n.slot = o.slot;

comment on view main.fact_changes is 'One row per figure that changed between a version of a story and the one before it (grain: article_id, fact_id or previous_fact_id): changed, added or removed claims.';
comment on column main.fact_changes.article_id is 'The version (main.revisions) the change is in.';
comment on column main.fact_changes.previous_article_id is 'The version before it, the change is against.';
comment on column main.fact_changes.change is 'changed (the n-th claim of its kind, unit, measure and organisation states another value), added (only this version states it) or removed (only the version before did).';
comment on column main.fact_changes.kind is 'Fact kind: compute, money or percent.';
comment on column main.fact_changes.measure is 'What the claim measures (facts.measure).';
comment on column main.fact_changes.organisation is 'Whose the claim is (facts.organisation).';
comment on column main.fact_changes.previous_fact_id is 'The claim in the version before; null when added.';
comment on column main.fact_changes.previous_text is 'The claim''s mention in the version before, as that article writes it.';
comment on column main.fact_changes.previous_value is 'Its normalised value.';
comment on column main.fact_changes.previous_unit is 'Its unit.';
comment on column main.fact_changes.fact_id is 'The claim in this version; null when removed.';
comment on column main.fact_changes.text is 'The claim''s mention in this version, as the article writes it.';
comment on column main.fact_changes.value is 'Its normalised value.';
comment on column main.fact_changes.unit is 'Its unit.';
