SET check_function_bodies = false;

ALTER TABLE public.orders ALTER COLUMN ref SET NOT NULL;

CREATE UNIQUE INDEX orders_ref_idx ON public.orders (ref);

ALTER TABLE public.orders REPLICA IDENTITY USING INDEX orders_ref_idx;
