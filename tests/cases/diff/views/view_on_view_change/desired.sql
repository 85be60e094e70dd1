create table t (id integer primary key, name text);
create view v1 as select id, upper(name) as name from t;
create view v2 as select name from v1;
