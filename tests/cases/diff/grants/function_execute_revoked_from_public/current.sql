create function f(a int) returns int language sql as $$ select a + 1 $$;
