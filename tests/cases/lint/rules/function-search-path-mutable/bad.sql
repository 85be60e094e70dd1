CREATE FUNCTION public.slugify(value text) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ select lower(regexp_replace(value, '[^a-z0-9]+', '-', 'gi')) $$;
