create table t (id int, at timestamptz, status text);
create function touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;
create trigger t_stmt after insert or delete on t for each statement execute function touch();
