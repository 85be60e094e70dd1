SET check_function_bodies = false;

DROP TRIGGER t_touch ON public.t;
