create table t (id integer primary key, name text);
alter table t enable row level security;
