-- facts: one row per valid fact mention, with its article's context and, for money, its
-- value in US dollars at the ECB rate of the publication date (grain: fact_id).
-- The rate is the last one on or before that date, and at most conversion_max_gap_days
-- ([rows] in dq.toml, staging.stg_dq_rules) older, as the conversion check looks back in
-- Python (newsfacts.fx.rate_on): a currency the ECB stopped publishing gets no rate.
-- Each fact carries its claim (measure, organisation, country, period, sentence, ...).
-- A conversion (is_conversion) restates another fact and a repeat (is_repeat) states an
-- earlier fact's claim again: leave both out of any sum, as the marts built on this do.
-- A part (is_part) is an amount stated as a part of an earlier one ("of that total"):
-- left out of sums too.
-- A superseded fact (is_superseded) is of an article a later revision of its story
-- replaces (main.revisions): the marts built on main.claims show the latest version's.
create or replace view main.facts as
with dated_facts as (
    select
        f.*,
        a.title as article_title,
        a.publisher,
        a.published_at,
        coalesce(a.published_on, r.started_on) as rate_lookup_on,
        case
            when a.published_on is not null then 'published_at'
            when r.started_on is not null then 'run_started_at'
        end as rate_lookup_basis,
        case when f.kind = 'money' then f.unit end as rate_currency
    from staging.stg_facts as f
    join staging.stg_articles as a using (article_id)
    left join staging.stg_runs as r on r.run_id = f.loaded_run_id
),
rates as (
    select
        d.fact_id,
        rate.usd_per_unit,
        rate.rate_date
    from dated_facts as d
    asof join main.usd_rates as rate
        on d.rate_currency = rate.currency and d.rate_lookup_on >= rate.rate_date
    cross join staging.stg_dq_rules as rules
    -- a dollar is a dollar on any day: USD needs no recent rate
    where rate.rate_date >= d.rate_lookup_on - rules.conversion_max_gap_days
        or rate.currency = 'USD'
)
select
    d.fact_id,
    d.article_id,
    d.kind,
    d.text,
    d.start,
    d."end",
    d.source_start,
    d.source_end,
    d.value,
    d.value_high,
    d.unit,
    d.value * rate.usd_per_unit as value_usd,
    d.value_high * rate.usd_per_unit as value_high_usd,
    rate.usd_per_unit as usd_rate,
    rate.rate_date as usd_rate_date,
    case when rate.rate_date is not null then d.rate_lookup_basis end as usd_rate_basis,
    d.qualifier,
    d.conversion_of_fact_id,
    d.conversion_of_fact_id is not null as is_conversion,
    d.repeat_of_fact_id,
    d.repeat_of_fact_id is not null as is_repeat,
    d.part_of_fact_id,
    d.part_of_fact_id is not null as is_part,
    coalesce(not v.is_latest, false) as is_superseded,
    d.measure,
    d.measure_evidence,
    d.organisation,
    d.subject_text,
    d.subject_start,
    d.subject_end,
    d.organisation_evidence,
    d.country,
    d.country_evidence,
    d.period,
    d.period_evidence,
    d.market,
    d.sentence,
    d.sentence_start,
    d.sentence_end,
    d.paragraph_index,
    d.paragraph_role,
    d.section,
    d.lang,
    d.article_title,
    d.publisher,
    d.published_at,
    d.extractor_version,
    d.loaded_run_id
from dated_facts as d
left join rates as rate using (fact_id)
left join main.revisions as v using (article_id);

comment on view main.facts is 'One row per valid fact mention (grain: fact_id), with its article''s context and, for money, its value in US dollars at the ECB reference rate of the publication date.';
comment on column main.facts.value_usd is 'Money only: value in US dollars at usd_rate; null for other kinds, for currencies the ECB does not publish (e.g. VND, TWD) and when it published no rate in the conversion_max_gap_days before usd_rate_basis''s date.';
comment on column main.facts.value_high_usd is 'Money only: value_high in US dollars at usd_rate.';
comment on column main.facts.usd_rate is 'US dollars per unit of the fact''s currency on usd_rate_date (ECB rates crossed through the euro).';
comment on column main.facts.usd_rate_date is 'The ECB day the rate is from: the last publication day on or before the article''s publication date (or, when the article states no date, the date its run started), and at most conversion_max_gap_days before it ([rows] in dq.toml, as staging.stg_dq_rules holds it; the stated-conversion check looks back as far). Null when there is no such day; a USD amount takes 1.0 from the last day on or before, however old.';
comment on column main.facts.usd_rate_basis is 'Which date chose the rate: published_at, or run_started_at when published_at is null; null when there is no rate within conversion_max_gap_days of it.';
comment on column main.facts.is_conversion is 'True when the fact restates another fact in a different unit (conversion_of_fact_id is set): leave it out of sums.';
comment on column main.facts.is_repeat is 'True when the fact states again a claim made earlier in its article (repeat_of_fact_id is set), as a headline figure repeated in the lede: leave it out of sums.';
comment on column main.facts.is_part is 'True when the fact is an amount stated as a part of one its article stated before (part_of_fact_id is set), as in "Of that total, 200 billion yuan ...": leave it out of sums.';
comment on column main.facts.is_superseded is 'True when a later revision of the fact''s story replaces its article (main.revisions): the marts built on main.claims leave it out and show the latest version''s figures.';
comment on column main.facts.article_title is 'Title of the fact''s article.';
comment on column main.facts.publisher is 'Site or outlet name of the fact''s article.';
comment on column main.facts.published_at is 'Publication timestamp of the fact''s article.';
