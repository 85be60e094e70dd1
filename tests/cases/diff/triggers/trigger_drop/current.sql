create table t (id int, at timestamptz, status text);
create function touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;
create trigger t_touch before update on t for each row execute function touch();
