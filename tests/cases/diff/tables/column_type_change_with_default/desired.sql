create table t (id integer primary key, n bigint default 2);
