create table t (id integer primary key, name text);
create materialized view mv as select count(*) as n from t;
create index mv_n on mv (n);
