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
