-- staging.stg_dq_rules: the row rules of dq.toml ([rows]) the views apply in SQL, as the
-- configuration the warehouse was last migrated with had them (grain: one row).
-- warehouse.db.migrate writes the configured value in place of the braced rule name.
create or replace view staging.stg_dq_rules as
select
    cast({{ conversion_max_gap_days }} as integer) as conversion_max_gap_days,
    cast({{ agreement_tolerance }} as double) as agreement_tolerance,
    cast({{ agreement_window_days }} as integer) as agreement_window_days;

comment on view staging.stg_dq_rules is 'The row rules of dq.toml ([rows]) the views apply in SQL (grain: one row), from the configuration the warehouse was last migrated with.';
comment on column staging.stg_dq_rules.conversion_max_gap_days is 'How many days before the lookup date an ECB rate may be (dq.toml rows.conversion_max_gap_days): the stated-conversion check and facts.value_usd use no older one.';
comment on column staging.stg_dq_rules.agreement_tolerance is 'The largest relative difference at which two sources'' values of one claim agree (dq.toml rows.agreement_tolerance): fact_agreement.agrees.';
comment on column staging.stg_dq_rules.agreement_window_days is 'How many days apart two articles may be published for their claims that state no period to be paired (dq.toml rows.agreement_window_days).';
