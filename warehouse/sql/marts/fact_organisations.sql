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
    join raw.organisations as o
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
