SET check_function_bodies = false;

DROP FUNCTION public.f(integer);
