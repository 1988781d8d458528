-- investments: one row per money amount stated as an investment, spending, funding or deal
-- (a valid money fact, not a restatement, in a paragraph with investment language),
-- in its own currency and in US dollars (grain: fact_id).
create or replace view main.investments as
with money_paragraphs as (
    select
        f.*,
        lower(substring(a.text, p.start + 1, p."end" - p.start)) as paragraph_text
    from main.facts as f
    join staging.stg_articles as a using (article_id)
    join staging.stg_paragraphs as p using (article_id, paragraph_index)
    where f.kind = 'money' and not f.is_conversion
),
stated_usd as (
    select conversion_of_fact_id as fact_id, min(value) as stated_value_usd
    from main.facts
    where kind = 'money' and is_conversion and unit = 'USD'
    group by conversion_of_fact_id
)
select
    m.fact_id,
    m.article_id,
    coalesce(o.organisation, 'unattributed') as organisation,
    o.evidence as organisation_evidence,
    m.value as amount,
    m.value_high as amount_high,
    m.unit as currency,
    m.value_usd as amount_usd,
    m.value_high_usd as amount_high_usd,
    m.usd_rate,
    m.usd_rate_date,
    m.usd_rate_basis,
    s.stated_value_usd as stated_amount_usd,
    m.qualifier,
    m.text,
    m.section,
    m.lang,
    m.article_title,
    m.publisher,
    m.published_at
from money_paragraphs as m
left join main.fact_organisations as o using (fact_id)
left join stated_usd as s using (fact_id)
where regexp_matches(
    m.paragraph_text,
    'invest|spend|capex|capital expenditure|fund|rais(e|ed|ing)|financ|build|construct|'
    || 'commit|pledge|deal|acqui|stake|backing|投资|投入|融资|建设|收购|đầu tư|rót vốn|vốn'
);

comment on view main.investments is 'One row per money amount stated as an investment, spending, funding or deal (grain: fact_id): a valid money fact, not a restatement, in a paragraph with investment language.';
comment on column main.investments.fact_id is 'Fact key: hash of article_id, kind and character span.';
comment on column main.investments.article_id is 'Article key: hash of the article''s normalised content (see raw.articles).';
comment on column main.investments.organisation is 'Organisation the fact is attributed to (nearest name from raw.organisations); ''unattributed'' when none is named.';
comment on column main.investments.organisation_evidence is 'Where the organisation was named: before or after the fact in its paragraph, or in the title; null when unattributed.';
comment on column main.investments.amount is 'Amount in its own currency (low end of a range).';
comment on column main.investments.amount_high is 'High end of a range in its own currency.';
comment on column main.investments.currency is 'ISO 4217 code of the amount.';
comment on column main.investments.amount_usd is 'Amount in US dollars at usd_rate; null when the ECB has no rate for the currency.';
comment on column main.investments.amount_high_usd is 'amount_high in US dollars at usd_rate.';
comment on column main.investments.usd_rate is 'US dollars per unit of the currency on usd_rate_date (see facts.usd_rate).';
comment on column main.investments.usd_rate_date is 'ECB day the rate is from (see facts.usd_rate_date).';
comment on column main.investments.usd_rate_basis is 'published_at, or run_started_at when the article has no date.';
comment on column main.investments.stated_amount_usd is 'The article''s own conversion into US dollars, when it states one in parentheses.';
comment on column main.investments.qualifier is 'Hedge stated with the number: about, up to, more than, ...; null when none.';
comment on column main.investments."text" is 'The mention as it stands in the article: the article''s text from start to end.';
comment on column main.investments.section is 'Heading of the story the paragraph belongs to (for roundups with several stories).';
comment on column main.investments.lang is 'Language of the amount''s paragraph.';
comment on column main.investments.article_title is 'Title of the fact''s article.';
comment on column main.investments.publisher is 'Site or outlet name of the amount''s article.';
comment on column main.investments.published_at is 'Publication timestamp of the amount''s article.';
