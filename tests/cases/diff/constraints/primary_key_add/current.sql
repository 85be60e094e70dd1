create table t (id integer not null, name text);
