create function f(a int) returns int language sql as $$ select a + 1 $$;
revoke execute on function f(int) from public;
grant execute on function f(int) to service_role;
