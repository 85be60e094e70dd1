create table t (id int, tags text[]);
create index t_tags on t using gin (tags);
