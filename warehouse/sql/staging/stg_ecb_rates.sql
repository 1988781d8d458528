-- staging.stg_ecb_rates: one row per currency per ECB publication day
-- (grain: currency, rate_date).
create or replace view staging.stg_ecb_rates as
select
    upper(currency) as currency,
    cast(rate_date as date) as rate_date,
    cast(rate_per_eur as double) as rate_per_eur
from raw.ecb_rates;

comment on view staging.stg_ecb_rates is 'One row per currency per ECB publication day (grain: currency, rate_date). raw.ecb_rates renamed and cast.';
comment on column staging.stg_ecb_rates.currency is 'ISO 4217 currency code.';
comment on column staging.stg_ecb_rates.rate_date is 'ECB publication day of the rate.';
comment on column staging.stg_ecb_rates.rate_per_eur is 'Units of the currency one euro bought that day (ECB reference rate); 1.0 for EUR.';
