create table t (id integer primary key, name text, age integer not null default 0);
