create extension hstore;
create table x (id int);
create view v as select id from x;
