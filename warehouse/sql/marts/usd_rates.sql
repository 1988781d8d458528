-- usd_rates: one row per currency per ECB publication day with the US dollars one unit of
-- the currency bought that day, crossed through the euro (grain: currency, rate_date).
create or replace view main.usd_rates as
with usd_per_eur as (
    select rate_date, rate_per_eur as usd_per_eur
    from staging.stg_ecb_rates
    where currency = 'USD'
)
select
    r.currency,
    r.rate_date,
    r.rate_per_eur,
    u.usd_per_eur,
    u.usd_per_eur / r.rate_per_eur as usd_per_unit
from staging.stg_ecb_rates as r
join usd_per_eur as u using (rate_date);

comment on view main.usd_rates is 'One row per currency per ECB publication day (grain: currency, rate_date), with the US dollars one unit bought, crossed through the euro.';
comment on column main.usd_rates.currency is 'ISO 4217 currency code.';
comment on column main.usd_rates.rate_date is 'ECB publication day of the rate.';
comment on column main.usd_rates.rate_per_eur is 'Units of the currency one euro bought that day (ECB reference rate); 1.0 for EUR.';
comment on column main.usd_rates.usd_per_eur is 'US dollars one euro bought that day.';
comment on column main.usd_rates.usd_per_unit is 'US dollars one unit of the currency bought that day (usd_per_eur / rate_per_eur).';
