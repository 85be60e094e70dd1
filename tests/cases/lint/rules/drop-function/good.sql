CREATE OR REPLACE FUNCTION public.new_total(p_id bigint) RETURNS bigint
  LANGUAGE sql STABLE SET search_path = '' AS $$ select p_id $$;
