create function numbers() returns setof integer language sql as $$ select generate_series(1, 3) $$;
create view v as select * from numbers() as n;
