-- revisions: one row per version of a story: an original article, or a revision of one
-- (a near-duplicate stating a figure the original does not: a correction, an update)
-- (grain: article_id). Near-duplicates stating no new figure are not versions: their facts
-- are the original's. Versions are numbered oldest first, by publication date (undated
-- ones first), then by when their bytes were fetched; the last one is the latest, whose
-- figures the marts built on main.claims show.
create or replace view main.revisions as
with versions as (
    select
        a.article_id,
        coalesce(a.revision_of, a.article_id) as story_id,
        a.revision_of,
        a.title,
        a.published_at,
        d.fetched_at
    from staging.stg_articles as a
    left join staging.stg_raw_documents as d using (content_hash)
    where not a.is_duplicate
),
numbered as (
    select
        *,
        row_number() over (
            partition by story_id order by published_at nulls first, fetched_at, article_id
        ) as version_number,
        count(*) over (partition by story_id) as count_versions
    from versions
)
select
    article_id,
    story_id,
    revision_of,
    version_number,
    count_versions,
    version_number = count_versions as is_latest,
    lag(article_id) over (partition by story_id order by version_number) as previous_article_id,
    title,
    published_at,
    fetched_at
from numbered;

comment on view main.revisions is 'One row per version of a story (grain: article_id): an original article or a revision of one, numbered oldest first; the marts show the latest version''s figures.';
comment on column main.revisions.story_id is 'The story''s first version: revision_of for a revision, the article itself for an original.';
comment on column main.revisions.version_number is 'The version''s place in its story, 1 for the oldest: by published_at (undated first), then fetched_at, then article_id.';
comment on column main.revisions.count_versions is 'Versions the story has.';
comment on column main.revisions.is_latest is 'True for the story''s latest version, whose facts the marts built on main.claims show.';
comment on column main.revisions.previous_article_id is 'The version before this one; null for the first.';
comment on column main.revisions.fetched_at is 'When the version''s bytes were fetched or read (raw.raw_documents).';
