-- fact_agreement: one row per pair of valid facts from different articles that state the
-- same quantity: same kind and unit, values (and range ends) equal to one part in a
-- million, however each is written ("3.74 exaFLOPS" and "3,740 petaflops").
-- Grain: (fact_id, other_fact_id) with fact_id < other_fact_id. Compute and money only:
-- equal percentages in two stories are rarely the same claim. ``is_same_story`` marks a
-- pair whose articles are near-duplicates (syndication), not independent sources.
create or replace view main.fact_agreement as
with comparable as (
    select
        f.fact_id,
        f.article_id,
        f.kind,
        f.unit,
        f.value,
        f.value_high,
        f.text,
        a.publisher,
        a.published_at,
        coalesce(a.duplicate_of, a.article_id) as story_id
    from staging.stg_facts as f
    join staging.stg_articles as a using (article_id)
    where f.kind in ('compute', 'money') and f.value > 0
),
same_quantity as (
    select
        l.fact_id,
        r.fact_id as other_fact_id,
        l.kind,
        l.unit,
        l.value,
        l.value_high,
        l.text,
        r.text as other_text,
        l.article_id,
        r.article_id as other_article_id,
        l.publisher,
        r.publisher as other_publisher,
        l.published_at,
        r.published_at as other_published_at,
        l.story_id = r.story_id as is_same_story
    from comparable as l
    join comparable as r
        on l.kind = r.kind
        and l.unit = r.unit
        and l.fact_id < r.fact_id
        and l.article_id <> r.article_id
        and abs(l.value - r.value) <= 1e-6 * greatest(l.value, r.value)
        and (
            (l.value_high is null and r.value_high is null)
            or abs(l.value_high - r.value_high) <= 1e-6 * greatest(l.value_high, r.value_high)
        )
)
select
    *,
    'agreement' as link_kind,
    lower(replace(text, ' ', '')) <> lower(replace(other_text, ' ', '')) as is_written_differently
from same_quantity;

comment on view main.fact_agreement is 'One row per pair of valid facts in different articles stating the same quantity (grain: fact_id, other_fact_id).';
comment on column main.fact_agreement.fact_id is 'One fact of the pair (the smaller id).';
comment on column main.fact_agreement.other_fact_id is 'The other fact of the pair.';
comment on column main.fact_agreement.kind is 'compute or money.';
comment on column main.fact_agreement.unit is 'The unit both state (FLOPS or an ISO 4217 code).';
comment on column main.fact_agreement.value is 'The value of fact_id (other_fact_id agrees to one part in a million).';
comment on column main.fact_agreement.value_high is 'The high end of a range, or null.';
comment on column main.fact_agreement.text is 'The mention of fact_id as it stands in its article.';
comment on column main.fact_agreement.other_text is 'The mention of other_fact_id as it stands in its article.';
comment on column main.fact_agreement.article_id is 'The article of fact_id.';
comment on column main.fact_agreement.other_article_id is 'The article of other_fact_id.';
comment on column main.fact_agreement.publisher is 'The publisher of article_id.';
comment on column main.fact_agreement.other_publisher is 'The publisher of other_article_id.';
comment on column main.fact_agreement.published_at is 'When article_id was published.';
comment on column main.fact_agreement.other_published_at is 'When other_article_id was published.';
comment on column main.fact_agreement.is_same_story is 'The two articles are near-duplicates (one repeats the other): syndication, not corroboration.';
comment on column main.fact_agreement.link_kind is 'Always agreement.';
comment on column main.fact_agreement.is_written_differently is 'The two texts differ, e.g. 3.74 exaFLOPS and 3,740 petaflops.';
