-- staging.stg_ecb_rates: comments on the view and each of its columns.
-- One row per currency per ECB publication day (grain: currency, rate_date).
comment on view staging.stg_ecb_rates is 'One row per currency per ECB publication day (grain: currency, rate_date). raw.ecb_rates renamed and cast.';
comment on column staging.stg_ecb_rates.currency is 'ISO 4217 currency code.';
comment on column staging.stg_ecb_rates.rate_date is 'ECB publication day of the rate.';
comment on column staging.stg_ecb_rates.rate_per_eur is 'Units of the currency one euro bought that day (ECB reference rate); 1.0 for EUR.';
