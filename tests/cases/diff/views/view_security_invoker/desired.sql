create table t (id integer primary key, name text);
create view v with (security_invoker = true) as select id from t;
