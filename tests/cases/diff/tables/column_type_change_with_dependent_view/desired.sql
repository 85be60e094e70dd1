create table t (id integer primary key, name varchar(100));
create view v as select id, name from t;
