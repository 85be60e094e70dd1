SET check_function_bodies = false;

DROP TRIGGER t_touch ON public.t;

CREATE TRIGGER t_touch
BEFORE UPDATE OF status ON public.t
FOR EACH ROW
WHEN (old.status IS DISTINCT FROM new.status)
EXECUTE FUNCTION public.touch();
