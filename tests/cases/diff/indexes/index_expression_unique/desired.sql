create table t (id integer primary key, name text);
create unique index t_lower_name on t (lower(name));
