create function posts(n int default 10) returns table (id int, title text) language sql stable as $$ select 1, 'x'::text limit n $$;
