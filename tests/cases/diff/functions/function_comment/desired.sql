create function f(a int) returns int language sql as $$ select a + 1 $$;
comment on function f(int) is 'adds one';
