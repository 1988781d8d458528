-- organisations: one row per organisation: each canonical name of raw.organisations (the
-- packaged seed, the users' files and the rows analysts added) with what it is and its
-- aliases, and each name claims are attributed to that the table lacks, with how many
-- claims (main.claims: conversions and repeats left out) belong to it, per language
-- (grain: organisation). organisation, kind, country and parent take raw.organisations' comments.
create or replace view main.organisations as
with ranked_aliases as (
    select
        *,
        case origin when 'seed' then 0 when 'config' then 1 else 2 end as origin_rank
    from staging.stg_organisations
),
listed as (
    select
        organisation,
        arg_min(kind, origin_rank) filter (where kind is not null) as kind,
        arg_min(country, origin_rank) filter (where country is not null) as country,
        arg_min(parent, origin_rank) filter (where parent is not null) as parent,
        list(distinct alias order by alias) as aliases,
        list(distinct origin order by origin) as origins
    from ranked_aliases
    group by organisation
),
claim_counts as (
    select
        organisation,
        count(*) as count_claims,
        count(*) filter (where lang = 'en') as count_claims_en,
        count(*) filter (where lang = 'zh') as count_claims_zh,
        count(*) filter (where lang = 'vi') as count_claims_vi,
        count(distinct article_id) as count_articles
    from main.claims
    where organisation <> 'unattributed'
    group by organisation
)
select
    organisation,
    l.kind,
    l.country,
    l.parent,
    coalesce(l.aliases, []) as aliases,
    coalesce(l.origins, []) as origins,
    l.organisation is not null as is_listed,
    coalesce(c.count_claims, 0) as count_claims,
    coalesce(c.count_claims_en, 0) as count_claims_en,
    coalesce(c.count_claims_zh, 0) as count_claims_zh,
    coalesce(c.count_claims_vi, 0) as count_claims_vi,
    coalesce(c.count_articles, 0) as count_articles
from listed as l
full outer join claim_counts as c using (organisation);

comment on view main.organisations is 'One row per organisation (grain: organisation): each canonical name of raw.organisations with its kind, country, parent and aliases, and each name claims are attributed to that the table lacks, with its claims per language.';
comment on column main.organisations.aliases is 'Every spelling raw.organisations lists for it (en, zh, vi), sorted; empty when unlisted.';
comment on column main.organisations.origins is 'Where its rows come from: seed, config, manual; empty when unlisted.';
comment on column main.organisations.is_listed is 'True when raw.organisations lists it; false for a name the claim engine found that the table lacks.';
comment on column main.organisations.count_claims is 'Claims attributed to it (main.claims: conversions and repeats left out).';
comment on column main.organisations.count_claims_en is 'Of those, claims in English paragraphs.';
comment on column main.organisations.count_claims_zh is 'Of those, claims in Chinese paragraphs.';
comment on column main.organisations.count_claims_vi is 'Of those, claims in Vietnamese paragraphs.';
comment on column main.organisations.count_articles is 'Articles with at least one claim attributed to it.';
