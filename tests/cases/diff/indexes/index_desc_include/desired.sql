create table t (id int, at timestamptz, name text);
create index t_recent on t (id, at desc nulls last) include (name) where at > '2020-01-01';
