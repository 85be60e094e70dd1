SET check_function_bodies = false;

CREATE TRIGGER t_stmt
AFTER INSERT OR DELETE ON public.t
FOR EACH STATEMENT
EXECUTE FUNCTION public.touch();
