-- company_financials: one row per money claim stating an organisation's revenue, profit,
-- loss (a positive amount; a profit may be negative, newsfacts.signs) or valuation, with
-- the period it is for (grain: fact_id).
-- Conversions and repeats are left out (see money_claims); two sources stating the same
-- figure are two rows (fact_agreement pairs them), so compare them rather than add them.
create or replace view main.company_financials as
select *
from main.money_claims
where measure in ('revenue', 'profit', 'loss', 'valuation');

comment on view main.company_financials is 'One row per money claim stating revenue, profit, loss or valuation (grain: fact_id), by organisation and period; conversions and repeats are left out.';
comment on column main.company_financials.measure is 'revenue, profit (negative when the text writes it so: -$3m, ($3m)), loss (always a positive amount, whatever sign the text writes) or valuation (valuation, market capitalisation).';
