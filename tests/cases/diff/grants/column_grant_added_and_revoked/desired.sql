create table t (id integer primary key, name text);
grant select (name) on t to authenticated;
