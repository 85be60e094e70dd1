create function f(a int) returns int language sql as $$ select a + 1 $$;
create function f(a text) returns text language sql as $$ select a $$;
