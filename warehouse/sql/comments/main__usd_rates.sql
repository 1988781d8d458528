-- main.usd_rates: comments on the view and each of its columns.
-- One row per currency per ECB publication day (grain: currency, rate_date).
comment on view main.usd_rates is 'One row per currency per ECB publication day (grain: currency, rate_date), with the US dollars one unit bought, crossed through the euro.';
comment on column main.usd_rates.currency is 'ISO 4217 currency code.';
comment on column main.usd_rates.rate_date is 'ECB publication day of the rate.';
comment on column main.usd_rates.rate_per_eur is 'Units of the currency one euro bought that day (ECB reference rate); 1.0 for EUR.';
comment on column main.usd_rates.usd_per_eur is 'US dollars one euro bought that day.';
comment on column main.usd_rates.usd_per_unit is 'US dollars one unit of the currency bought that day (usd_per_eur / rate_per_eur).';
