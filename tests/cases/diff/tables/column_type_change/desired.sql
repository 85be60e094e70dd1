create table t (id integer primary key, name varchar(100));
