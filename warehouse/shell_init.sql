-- shell_init: what ``newsfacts sql`` runs in the duckdb shell before the analyst types
-- (grain: none; a session setup script, not a relation).
-- Full-text search (``search_articles``) needs the fts extension, installed from its wheel.
load fts;
-- Unqualified names find the marts first, then staging, then raw: ``from facts`` is main.facts.
set search_path = 'main,staging,raw';
.nullvalue NULL
.prompt 'newsfacts D '
