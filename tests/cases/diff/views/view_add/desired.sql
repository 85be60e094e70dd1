create table t (id integer primary key, name text);
create view v as select id from t;
