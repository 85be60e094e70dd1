create function f(a int) returns int language sql security definer set search_path = '' as $$ select a + 1 $$;
