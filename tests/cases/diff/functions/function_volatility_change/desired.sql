create function f(a int) returns int language sql immutable as $$ select a + 1 $$;
