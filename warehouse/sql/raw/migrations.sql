-- raw.migrations: one row per set of ``.sql`` files the warehouse was migrated with
-- (grain: sql_fingerprint). ``warehouse.db.migrate`` skips a warehouse already at the
-- current fingerprint, so opening it in every task stays cheap.
create table if not exists raw.migrations (
    sql_fingerprint varchar not null,
    applied_at timestamptz not null
);
