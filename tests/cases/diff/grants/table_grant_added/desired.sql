create table t (id integer primary key, name text);
grant select, insert on t to authenticated;
