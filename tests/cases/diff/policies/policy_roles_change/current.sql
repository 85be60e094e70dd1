create table t (id int, owner text);
alter table t enable row level security;
create policy own on t for select to authenticated using (owner = current_user);
