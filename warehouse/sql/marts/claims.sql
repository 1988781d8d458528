-- claims: one row per claim: a valid fact that neither restates another in a different
-- unit (a conversion, facts.is_conversion) nor states again a claim made earlier in its
-- article (a repeat, facts.is_repeat) nor is a part of an amount stated before it
-- ("of that total": facts.is_part), of the latest version of its story (a superseded
-- fact, facts.is_superseded, is left out: main.revisions), with what it measures, whose it is, where and when
-- (grain: fact_id). The one place that decides what may be summed: compute_capacity,
-- money_claims (investments, company_financials), market_shares, organisations and
-- fact_agreement read it. Columns passed on from facts take their comments from it.
create or replace view main.claims as
select
    fact_id,
    article_id,
    kind,
    measure,
    coalesce(organisation, 'unattributed') as organisation,
    subject_text,
    organisation_evidence,
    measure_evidence,
    country,
    period,
    market,
    value,
    value_high,
    unit,
    value_usd,
    value_high_usd,
    usd_rate,
    usd_rate_date,
    usd_rate_basis,
    qualifier,
    text,
    sentence,
    section,
    lang,
    article_title,
    publisher,
    published_at
from main.facts
where not is_conversion and not is_repeat and not is_part and not is_superseded;

comment on view main.claims is 'One row per claim (grain: fact_id): a valid fact that is neither a conversion, a repeat nor a part of a total stated before, of the latest version of its story, so it may be summed, with what it measures, whose it is, where and when.';
comment on column main.claims.organisation is 'Canonical name of the organisation the number belongs to in its sentence (facts.organisation); ''unattributed'' when it belongs to none.';
