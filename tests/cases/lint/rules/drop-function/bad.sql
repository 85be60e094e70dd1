DROP FUNCTION public.old_total(bigint);
