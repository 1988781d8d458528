-- main.dq_metrics: comments on the view and each of its columns.
-- One row per dataset-level quality metric measured on the warehouse now (grain: check_name).
comment on view main.dq_metrics is 'One row per dataset-level quality metric measured on the warehouse now (grain: check_name).';
comment on column main.dq_metrics.check_name is 'The check the metric is for.';
comment on column main.dq_metrics.check_kind is 'validity, completeness, freshness, volume, schema or consistency.';
comment on column main.dq_metrics.metric is 'The value as measured now; null when there is nothing to measure (freshness is graded from observed_at).';
comment on column main.dq_metrics.count_observed is 'The count behind the metric (e.g. quarantined facts).';
comment on column main.dq_metrics.count_total is 'The count it is a share of, or the previous value it is compared with.';
comment on column main.dq_metrics.observed_at is 'For freshness: the newest publication date among the articles.';
