create table t (id integer primary key, name text);
create table keep (id int);
