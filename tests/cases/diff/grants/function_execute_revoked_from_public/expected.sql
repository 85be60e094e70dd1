SET check_function_bodies = false;

REVOKE EXECUTE ON FUNCTION public.f(integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION public.f(integer) TO authenticated;
