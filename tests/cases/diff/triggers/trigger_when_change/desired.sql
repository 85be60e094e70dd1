create table t (id int, at timestamptz, status text);
create function touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;
create trigger t_touch before update of status on t for each row when (old.status is distinct from new.status) execute function touch();
