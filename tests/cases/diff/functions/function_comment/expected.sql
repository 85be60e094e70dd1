SET check_function_bodies = false;

COMMENT ON FUNCTION public.f(integer) IS 'adds one';
