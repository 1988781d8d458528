-- raw.migrations: comments on the table and each of its columns.
-- One row per set of .sql files the warehouse was migrated with (grain: sql_fingerprint).
comment on table raw.migrations is 'One row per set of .sql files the warehouse was migrated with (grain: sql_fingerprint). Opening a warehouse already at the current fingerprint skips the migration.';
comment on column raw.migrations.sql_fingerprint is 'SHA-256 of every relation and comment file under warehouse/sql, names included.';
comment on column raw.migrations.applied_at is 'When the warehouse was migrated to it.';
