create table t (id integer primary key, n integer default 1);
