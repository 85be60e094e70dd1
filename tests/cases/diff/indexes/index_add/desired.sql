create table t (id integer primary key, name text);
create index t_name_idx on t (name);
