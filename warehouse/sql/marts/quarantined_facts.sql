-- quarantined_facts: one row per fact mention kept out of ``facts``, with why (grain: fact_id).
create or replace view main.quarantined_facts as
select q.*, a.title as article_title
from raw.quarantined_facts as q
left join raw.articles as a using (article_id);
