create table t (id integer primary key, name text);
comment on table t is 'old';
