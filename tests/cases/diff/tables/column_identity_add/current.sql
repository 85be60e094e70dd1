create table t (id integer not null primary key);
