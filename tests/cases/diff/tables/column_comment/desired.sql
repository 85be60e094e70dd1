create table t (id integer primary key, name text);
comment on column t.name is 'Display name';
