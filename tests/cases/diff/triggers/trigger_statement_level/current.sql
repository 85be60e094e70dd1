create table t (id int, at timestamptz, status text);
create function touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;
