-- investments: one row per money claim measuring an investment (money committed or spent to
-- build or buy something, or put into a company or programme), funding (money a company
-- raises) or a deal's value (grain: fact_id). Conversions and repeats are left out (see
-- money_claims), so amounts may be summed per organisation.
create or replace view main.investments as
select *
from main.money_claims
where measure in ('investment', 'funding', 'deal_value');

comment on view main.investments is 'One row per money claim measuring an investment, funding or a deal''s value (grain: fact_id), in its own currency and in US dollars; conversions and repeats are left out, so amounts may be summed.';
comment on column main.investments.measure is 'investment (money committed or spent to build or buy, or put into a company or programme), funding (money a company raises: IPO, round, placement, loan) or deal_value (acquisition, merger, contract, order).';
