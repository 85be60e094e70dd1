create function numbers() returns setof bigint language sql as $$ select generate_series(1, 3)::bigint $$;
create view v as select * from numbers() as n;
