create table t (id int, owner text);
alter table t enable row level security;
create policy own on t for select using (owner = session_user);
