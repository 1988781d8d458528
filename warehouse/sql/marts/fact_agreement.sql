-- fact_agreement: one row per pair of claims (main.claims: conversions and repeats left out)
-- from different stories that state one claim: the same organisation (named, not
-- 'unattributed'), the same measure, and the same period, or both no period when the two
-- articles were published at most agreement_window_days apart ([rows] of dq.toml, through
-- staging.stg_dq_rules); a market share also the same market when both
-- name one. Only measures an organisation
-- states once for a period or an event are paired: funding, deal_value, revenue, profit,
-- loss, valuation and market_share (investments, prices, growth rates, ratios and compute
-- are many per organisation: equal labels there are not one claim). Different stories:
-- different articles, neither a near-duplicate of the other. Agreement and disagreement are
-- both listed: ``agrees`` compares the values in their unit when both state the same one,
-- else in US dollars at each article's ECB rate, within agreement_tolerance.
-- Grain: (fact_id, other_fact_id) with fact_id < other_fact_id.
create or replace view main.fact_agreement as
with comparable as (
    select
        c.fact_id,
        c.article_id,
        coalesce(a.duplicate_of, a.revision_of, a.article_id) as story_id,
        a.published_on,
        c.organisation,
        c.measure,
        c.period,
        c.market,
        c.kind,
        c.text,
        c.value,
        coalesce(c.value_high, c.value) as value_top,
        c.unit,
        c.value_usd,
        coalesce(c.value_high_usd, c.value_usd) as value_usd_top,
        c.sentence,
        c.lang,
        c.publisher,
        c.published_at
    from main.claims as c
    join staging.stg_articles as a using (article_id)
    where c.organisation <> 'unattributed'
        and c.measure in (
            'funding', 'deal_value', 'revenue', 'profit', 'loss', 'valuation', 'market_share'
        )
),
same_claim as (
    select
        l.*,
        r.fact_id as other_fact_id,
        r.article_id as other_article_id,
        r.text as other_text,
        r.value as other_value,
        r.value_top as other_value_top,
        r.unit as other_unit,
        r.value_usd as other_value_usd,
        r.value_usd_top as other_value_usd_top,
        r.sentence as other_sentence,
        r.lang as other_lang,
        r.publisher as other_publisher,
        r.published_at as other_published_at,
        rules.agreement_tolerance
    from comparable as l
    join comparable as r
        on l.organisation = r.organisation
        and l.measure = r.measure
        and l.kind = r.kind
        -- a share's market, when both name one, is the same (written alike: 'DRAM' and
        -- 'DRAM', not 'AI chip' and 'AI芯片', which are left unpaired rather than guessed)
        and (l.market = r.market or l.market is null or r.market is null)
        and l.fact_id < r.fact_id
        and l.article_id <> r.article_id
        and l.story_id <> r.story_id
        and l.story_id <> r.article_id
        and r.story_id <> l.article_id
    cross join staging.stg_dq_rules as rules
    where l.period = r.period
        or (
            l.period is null and r.period is null
            and abs(date_diff('day', l.published_on, r.published_on))
                <= rules.agreement_window_days
        )
),
compared as (
    select
        *,
        case when unit = other_unit then 'unit' else 'usd' end as compared_in,
        -- the larger of the differences at the low and at the high end, relative to the larger
        -- magnitude (a profit or a growth rate may be negative: newsfacts.signs)
        case
            when unit = other_unit then greatest(
                abs(value - other_value) / nullif(greatest(abs(value), abs(other_value)), 0),
                abs(value_top - other_value_top)
                    / nullif(greatest(abs(value_top), abs(other_value_top)), 0)
            )
            else greatest(
                abs(value_usd - other_value_usd)
                    / nullif(greatest(abs(value_usd), abs(other_value_usd)), 0),
                abs(value_usd_top - other_value_usd_top)
                    / nullif(greatest(abs(value_usd_top), abs(other_value_usd_top)), 0)
            )
        end as relative_difference
    from same_claim
)
select
    fact_id,
    other_fact_id,
    organisation,
    measure,
    period,
    market,
    kind,
    text,
    other_text,
    value,
    other_value,
    unit,
    other_unit,
    value_usd,
    other_value_usd,
    compared_in,
    relative_difference,
    agreement_tolerance,
    relative_difference <= agreement_tolerance as agrees,
    sentence,
    other_sentence,
    lang,
    other_lang,
    lang is distinct from other_lang as is_cross_language,
    article_id,
    other_article_id,
    publisher,
    other_publisher,
    published_at,
    other_published_at
from compared;

comment on view main.fact_agreement is 'One row per pair of claims from different stories with the same organisation, measure and period (grain: fact_id, other_fact_id): funding, deal values, revenue, profit, loss, valuations and market shares, agreeing or not.';
comment on column main.fact_agreement.fact_id is 'One claim of the pair (the smaller id).';
comment on column main.fact_agreement.other_fact_id is 'The other claim of the pair.';
comment on column main.fact_agreement.organisation is 'The organisation both claims belong to.';
comment on column main.fact_agreement.measure is 'What both measure: funding, deal_value, revenue, profit, loss, valuation or market_share.';
comment on column main.fact_agreement.period is 'The period both are for; null when neither states one (then the articles were published at most agreement_window_days apart).';
comment on column main.fact_agreement.market is 'For market shares: the market fact_id is of, when stated (the other''s is the same when it names one).';
comment on column main.fact_agreement.kind is 'money or percent.';
comment on column main.fact_agreement.text is 'The mention of fact_id as it stands in its article.';
comment on column main.fact_agreement.other_text is 'The mention of other_fact_id as it stands in its article.';
comment on column main.fact_agreement.value is 'The value of fact_id in its unit (low end of a range).';
comment on column main.fact_agreement.other_value is 'The value of other_fact_id in its unit (low end of a range).';
comment on column main.fact_agreement.unit is 'The unit of fact_id (an ISO 4217 code, or %).';
comment on column main.fact_agreement.other_unit is 'The unit of other_fact_id.';
comment on column main.fact_agreement.value_usd is 'Money: the value of fact_id in US dollars at its article''s ECB rate (facts.value_usd).';
comment on column main.fact_agreement.other_value_usd is 'Money: the value of other_fact_id in US dollars at its article''s ECB rate.';
comment on column main.fact_agreement.compared_in is 'unit when both state the same unit (compared as stated), usd when their currencies differ (compared in US dollars).';
comment on column main.fact_agreement.relative_difference is 'The larger of the differences at the low and the high ends, over the larger value; null when a currency has no ECB rate.';
comment on column main.fact_agreement.agreement_tolerance is 'The largest relative_difference at which the two agree (dq.toml rows.agreement_tolerance).';
comment on column main.fact_agreement.agrees is 'True when relative_difference is within agreement_tolerance, false when the sources disagree, null when they cannot be compared.';
comment on column main.fact_agreement.sentence is 'The sentence fact_id stands in.';
comment on column main.fact_agreement.other_sentence is 'The sentence other_fact_id stands in.';
comment on column main.fact_agreement.lang is 'Language of the paragraph of fact_id.';
comment on column main.fact_agreement.other_lang is 'Language of the paragraph of other_fact_id.';
comment on column main.fact_agreement.is_cross_language is 'True when the two claims are in different languages.';
comment on column main.fact_agreement.article_id is 'The article of fact_id.';
comment on column main.fact_agreement.other_article_id is 'The article of other_fact_id.';
comment on column main.fact_agreement.publisher is 'The publisher of article_id.';
comment on column main.fact_agreement.other_publisher is 'The publisher of other_article_id.';
comment on column main.fact_agreement.published_at is 'When article_id was published.';
comment on column main.fact_agreement.other_published_at is 'When other_article_id was published.';
