create function f(a int) returns bigint language sql as $$ select a + 1 $$;
