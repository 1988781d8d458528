-- money_claims: one row per money claim (main.claims of kind money: conversions and repeats
-- are left out, so its amounts may be summed), in its own currency and in US dollars, with
-- the article's own conversion into dollars beside it (grain: fact_id). investments and
-- company_financials are its measures. Columns passed on take their comments from claims.
create or replace view main.money_claims as
with stated_usd as (
    -- a conversion of a repeat ("HK$1.18 billion ($151 million)" in the lede, after the
    -- headline's "HK$1.18 billion") converts the claim's first statement
    select
        coalesce(original.repeat_of_fact_id, original.fact_id) as fact_id,
        min(conversion.value) as stated_value_usd
    from main.facts as conversion
    join main.facts as original on original.fact_id = conversion.conversion_of_fact_id
    where conversion.kind = 'money' and conversion.unit = 'USD'
    group by all
)
select
    f.* exclude (kind, market) rename (
        value as amount,
        value_high as amount_high,
        unit as currency,
        value_usd as amount_usd,
        value_high_usd as amount_high_usd
    ),
    s.stated_value_usd as stated_amount_usd
from main.claims as f
left join stated_usd as s using (fact_id)
where f.kind = 'money';

comment on view main.money_claims is 'One row per money claim (grain: fact_id): a claim (main.claims) of kind money, so its amounts may be summed, with its amount in US dollars and the article''s own conversion.';
comment on column main.money_claims.amount is 'Amount in its own currency (low end of a range).';
comment on column main.money_claims.amount_high is 'High end of a range in its own currency.';
comment on column main.money_claims.currency is 'ISO 4217 code of the amount.';
comment on column main.money_claims.amount_usd is 'Amount in US dollars at usd_rate; null when the ECB has no rate for the currency.';
comment on column main.money_claims.amount_high_usd is 'amount_high in US dollars at usd_rate.';
comment on column main.money_claims.stated_amount_usd is 'The article''s own conversion into US dollars, when it states one in parentheses.';
