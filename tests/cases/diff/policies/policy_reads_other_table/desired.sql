create table t (id int, owner text);
alter table t enable row level security;
create table members (name text);
create policy members_only on t using (owner in (select name from members));
