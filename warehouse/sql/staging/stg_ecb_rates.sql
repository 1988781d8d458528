-- staging.stg_ecb_rates: one row per currency per ECB publication day
-- (grain: currency, rate_date).
create or replace view staging.stg_ecb_rates as
select
    upper(currency) as currency,
    cast(rate_date as date) as rate_date,
    cast(rate_per_eur as double) as rate_per_eur
from raw.ecb_rates;

comment on view staging.stg_ecb_rates is 'One row per currency per ECB publication day (grain: currency, rate_date). raw.ecb_rates renamed and cast.';
