create table t (id integer primary key, name text);
grant select on t to authenticated with grant option;
