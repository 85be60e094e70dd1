create table t (id int, owner text);
alter table t enable row level security;
