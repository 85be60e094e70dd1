create table t (id integer primary key, name text check (length(name) > 0));
