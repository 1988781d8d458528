-- fact_organisations: one row per valid fact whose paragraph or article title names a known
-- organisation (``raw.organisations``), attributed to the nearest name (grain: fact_id).
-- Nearest means: the closest name before the fact in its paragraph, else the closest after
-- it, else the first found in the title.
create or replace view main.fact_organisations as
with fact_windows as (
    select
        f.fact_id,
        substring(a.text, p.start + 1, f.start - p.start) as text_before,
        substring(a.text, f."end" + 1, p."end" - f."end") as text_after,
        coalesce(a.title, '') as title
    from staging.stg_facts as f
    join staging.stg_articles as a using (article_id)
    join staging.stg_paragraphs as p using (article_id, paragraph_index)
),
named_near as (
    select
        w.fact_id,
        o.organisation,
        o.alias,
        case
            when regexp_matches(w.text_before, o.pattern) then 'before'
            when regexp_matches(w.text_after, o.pattern) then 'after'
            else 'title'
        end as evidence,
        case
            when regexp_matches(w.text_before, o.pattern)
                then length(w.text_before)
                    - length(regexp_extract(w.text_before, '(?s)^(.*)' || o.pattern, 1))
            when regexp_matches(w.text_after, o.pattern)
                then length(regexp_extract(w.text_after, '(?s)^(.*?)' || o.pattern, 1))
            else 0
        end as distance_characters
    from fact_windows as w
    join staging.stg_organisations as o
        on regexp_matches(w.text_before, o.pattern)
        or regexp_matches(w.text_after, o.pattern)
        or regexp_matches(w.title, o.pattern)
),
ranked as (
    select
        *,
        row_number() over (
            partition by fact_id
            order by
                case evidence when 'before' then 0 when 'after' then 1 else 2 end,
                distance_characters,
                organisation
        ) as rank_nearest
    from named_near
)
select fact_id, organisation, alias, evidence, distance_characters
from ranked
where rank_nearest = 1;

comment on view main.fact_organisations is 'One row per valid fact attributed to an organisation (grain: fact_id): the nearest name from raw.organisations before the fact in its paragraph, else after it, else in the title.';
comment on column main.fact_organisations.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.fact_organisations.organisation is 'Canonical name of the organisation.';
comment on column main.fact_organisations.alias is 'The spelling that was found.';
comment on column main.fact_organisations.evidence is 'Where it was found: before, after, or title.';
comment on column main.fact_organisations.distance_characters is 'Characters between the name and the fact (0 for a title match).';
