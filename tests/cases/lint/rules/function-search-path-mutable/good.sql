CREATE FUNCTION public.slugify(value text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = ''
  AS $$ select pg_catalog.lower(pg_catalog.regexp_replace(value, '[^a-z0-9]+', '-', 'gi')) $$;
