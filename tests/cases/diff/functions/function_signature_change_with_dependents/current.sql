create table t (id int, at timestamptz, owner text);
create function touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;
create trigger t_touch before update on t for each row execute function touch();
create function is_owner(o text) returns boolean language sql stable as $$ select o = current_user $$;
alter table t enable row level security;
create policy p on t using (is_owner(owner));
