create table t (id integer primary key, name text);
