-- dq_metrics: one row per dataset-level quality metric, measured on the warehouse as it is
-- now (grain: check_name). ``newsfacts check`` and the flow's quality step grade each one
-- against the thresholds in dq.toml and append the outcome to raw.dq_check_results.
create or replace view main.dq_metrics as
with fact_counts as (
    select
        (select count(*) from staging.stg_facts) as count_valid,
        (select count(*) from staging.stg_quarantined_facts) as count_quarantined
),
article_counts as (
    select
        (select count(*) from staging.stg_articles) as count_articles,
        (select count(*) from staging.stg_quarantined_articles) as count_quarantined,
        -- near-duplicates (syndicated copies) get no facts by design: originals only
        (select count(*) from staging.stg_articles where not is_duplicate) as count_originals,
        (
            select count(*)
            from staging.stg_articles as a
            where not a.is_duplicate
                and exists (select 1 from staging.stg_facts as f where f.article_id = a.article_id)
        ) as count_with_facts,
        (select count(published_at) from staging.stg_articles) as count_dated,
        (select max(published_at) from staging.stg_articles) as newest_published_at
),
completed_runs as (
    -- with the run being checked: its gate runs once it has loaded (counts recorded),
    -- before it is closed
    select
        run_id,
        count_documents,
        count_errors,
        row_number() over (order by started_at desc) as recency
    from staging.stg_runs
    where status = 'completed' or (status = 'running' and count_documents is not null)
),
abandoned_runs as (
    -- runs that died (closed as abandoned by the next writer) since the last completed run
    select
        count(*) filter (where status = 'abandoned') as count_abandoned,
        count(*) as count_runs
    from staging.stg_runs
    where started_at > coalesce(
        (select max(started_at) from staging.stg_runs where status = 'completed'),
        '-infinity'::timestamptz
    )
),
latest_run as (
    -- URLs robots.txt forbids (stage 'robots') were never fetched: neither documents
    -- nor errors for the ingest_errors_share check
    select
        r.count_documents,
        r.count_errors - coalesce(s.count_skipped, 0) as count_errors,
        r.count_documents - coalesce(s.count_skipped, 0) as count_attempted
    from completed_runs as r
    left join (
        select run_id, count(*) as count_skipped
        from staging.stg_ingest_errors
        where stage = 'robots'
        group by run_id
    ) as s using (run_id)
    where r.recency = 1
),
stale_counts as (
    -- valid facts an older extractor made than the latest completed run's (an upgrade's
    -- rules relabel them only on a full refresh)
    select
        count(*) filter (
            where f.extractor_version is distinct from r.extractor_version
        ) as count_stale,
        count(*) as count_facts
    from staging.stg_facts as f
    cross join (
        select arg_max(extractor_version, started_at) as extractor_version
        from staging.stg_runs
        where status = 'completed' or (status = 'running' and count_documents is not null)
    ) as r
),
key_counts as (
    -- rows beyond one per key in each appended raw table (the tables have no primary key:
    -- the loads keep the grain, this verifies it)
    select
        sum(count_rows - count_keys) as count_surplus,
        sum(count_rows) as count_rows
    from (
        select count(*) as count_rows, count(distinct content_hash) as count_keys
        from staging.stg_raw_documents
        union all
        select count(*), count(distinct article_id) from staging.stg_articles
        union all
        select count(*), (select count(*) from (select distinct article_id, paragraph_index
            from staging.stg_paragraphs))
        from staging.stg_paragraphs
        union all
        select count(*), count(distinct fact_id) from staging.stg_facts
        union all
        select count(*), count(distinct fact_id) from staging.stg_fact_conversions
        union all
        select count(*), count(distinct fact_id) from staging.stg_quarantined_facts
        union all
        select count(*), count(distinct article_id) from staging.stg_quarantined_articles
        union all
        select count(*), (select count(*) from (select distinct run_id, source_uri, stage
            from staging.stg_ingest_errors))
        from staging.stg_ingest_errors
    )
),
previous_runs as (
    -- the five completed runs before the latest
    select avg(count_documents) as avg_documents, count(*) as count_runs
    from completed_runs
    where recency between 2 and 6
),
previous_row_volume as (
    -- the row_volume check's most recent result
    select count_observed
    from staging.stg_dq_check_results
    where check_name = 'row_volume'
    qualify row_number() over (order by checked_at desc) = 1
),
ecb_rates as (
    -- the newest ECB rate loaded, and the money facts of articles published after it
    -- (priced with an older rate, or not at all past conversion_max_gap_days)
    select
        (select max(rate_date) from staging.stg_ecb_rates) as newest_rate_on,
        count(*) filter (
            where cast(published_at as date) > (select max(rate_date) from staging.stg_ecb_rates)
        ) as count_after,
        count(*) as count_money
    from main.facts
    where kind = 'money'
),
conversion_counts as (
    select
        count(*) filter (where not is_within_tolerance) as count_off,
        count(is_within_tolerance) as count_priced
    from staging.stg_fact_conversions
),
metrics as (
    select
        'quarantined_facts_share' as check_name,
        'validity' as check_kind,
        count_quarantined / nullif(count_valid + count_quarantined, 0) as metric,
        count_quarantined as count_observed,
        count_valid + count_quarantined as count_total,
        null::timestamp as observed_at
    from fact_counts
    union all
    select
        'quarantined_articles_share',
        'validity',
        count_quarantined / nullif(count_articles + count_quarantined, 0),
        count_quarantined,
        count_articles + count_quarantined,
        null
    from article_counts
    union all
    select
        'articles_with_facts_share',
        'completeness',
        count_with_facts / nullif(count_originals, 0),
        count_with_facts,
        count_originals,
        null
    from article_counts
    union all
    select 'freshness_days', 'freshness', null, count_dated, count_articles, newest_published_at
    from article_counts
    union all
    select
        'ecb_rates_age_days',
        'freshness',
        null,
        count_after,
        count_money,
        cast(newest_rate_on as timestamp)
    from ecb_rates
    union all
    select
        'run_volume',
        'volume',
        l.count_documents / nullif(p.avg_documents, 0),
        l.count_documents,
        round(p.avg_documents)::bigint,
        null
    from latest_run as l, previous_runs as p
    union all
    select
        'row_volume',
        'volume',
        f.count_valid / nullif(p.count_observed, 0),
        f.count_valid,
        p.count_observed,
        null
    from fact_counts as f
    left join previous_row_volume as p on true
    union all
    select
        'ingest_errors_share',
        'volume',
        count_errors / nullif(count_attempted, 0),
        count_errors,
        count_attempted,
        null
    from latest_run
    union all
    select
        'conversion_agreement',
        'consistency',
        count_off / nullif(count_priced, 0),
        count_off,
        count_priced,
        null
    from conversion_counts
    union all
    select
        'cross_source_agreement',
        'consistency',
        count(*) filter (where not agrees) / nullif(count(agrees), 0),
        count(*) filter (where not agrees),
        count(agrees),
        null
    from main.fact_agreement
    union all
    select
        'abandoned_runs',
        'completeness',
        count_abandoned,
        count_abandoned,
        count_runs,
        null
    from abandoned_runs
    union all
    select
        'stale_facts',
        'completeness',
        count_stale / nullif(count_facts, 0),
        count_stale,
        count_facts,
        null
    from stale_counts
    union all
    select
        'duplicate_keys',
        'validity',
        count_surplus,
        count_surplus,
        count_rows,
        null
    from key_counts
)
select
    check_name,
    check_kind,
    metric::double as metric,
    count_observed::bigint as count_observed,
    count_total::bigint as count_total,
    observed_at
from metrics;

comment on view main.dq_metrics is 'One row per dataset-level quality metric measured on the warehouse now (grain: check_name).';
comment on column main.dq_metrics.check_name is 'The check the metric is for.';
comment on column main.dq_metrics.check_kind is 'validity, completeness, freshness, volume, schema or consistency.';
comment on column main.dq_metrics.metric is 'The value as measured now; null when there is nothing to measure (the freshness checks are graded from observed_at).';
comment on column main.dq_metrics.count_observed is 'The count behind the metric (e.g. quarantined facts).';
comment on column main.dq_metrics.count_total is 'The count it is a share of, or the previous value it is compared with.';
comment on column main.dq_metrics.observed_at is 'For freshness_days: the newest publication date among the articles; for ecb_rates_age_days: the newest ECB rate date. Both are graded by their age at the checks'' as_of moment (now, or the run''s reference date).';
