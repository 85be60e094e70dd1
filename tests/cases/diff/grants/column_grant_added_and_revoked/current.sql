create table t (id integer primary key, name text);
grant update (name) on t to authenticated;
