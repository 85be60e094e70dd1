SET check_function_bodies = false;

CREATE SCHEMA shop;

CREATE EXTENSION citext WITH SCHEMA extensions;

CREATE TYPE shop.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TYPE shop.priority AS ENUM ('low', 'high');

CREATE COLLATION shop.c_sort (provider = libc, locale = 'C');

CREATE SEQUENCE shop.invoice_no AS integer INCREMENT BY 10 START WITH 1000 CACHE 5;

CREATE FUNCTION shop.customer_orders(p_customer bigint)
RETURNS TABLE (order_no integer, total numeric(12, 2))
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = ''
SET statement_timeout = '5s'
AS $$begin
  return query select o.order_no, o.total from shop.orders o where o.customer_id = p_customer;
end;
$$;

CREATE FUNCTION shop.order_count(p_customer bigint, p_status shop.order_status DEFAULT 'paid')
RETURNS integer
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
AS $$select count(*)::integer from shop.orders where customer_id = p_customer and status = p_status$$;

CREATE FUNCTION shop.touch()
RETURNS trigger
LANGUAGE plpgsql
AS $$begin
  if tg_op <> 'TRUNCATE' then
    new.updated_at := now();
    return new;
  end if;
  return null;
end;
$$;

CREATE TABLE shop.audited (
    changed_at timestamptz DEFAULT now()
);

CREATE TABLE shop.audited_orders (
    order_no integer
)
INHERITS (shop.audited);

CREATE TABLE shop.customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY,
    email extensions.citext NOT NULL,
    name varchar(200) COLLATE pg_catalog."C" NOT NULL,
    handle text GENERATED ALWAYS AS (lower(name)) STORED,
    created_at timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (customer_id),
    CONSTRAINT customers_email_key UNIQUE NULLS NOT DISTINCT (email),
    CONSTRAINT customers_name_check CHECK (char_length(name) > 0)
);

CREATE UNLOGGED TABLE shop.events (
    at timestamptz NOT NULL,
    kind text,
    during tstzrange,
    CONSTRAINT events_no_overlap EXCLUDE using gist (during with &&) where (kind is not null) DEFERRABLE
);

CREATE TABLE shop.invoices (
    invoice_no integer DEFAULT nextval('shop.invoice_no'::regclass) NOT NULL,
    code text COLLATE shop.c_sort NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (invoice_no) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT invoices_code_key UNIQUE (code)
);

CREATE TABLE shop.measurements (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peak integer
)
PARTITION BY RANGE (logdate);

CREATE TABLE shop.measurements_2025 PARTITION OF shop.measurements
for values from ('2025-01-01') to ('2026-01-01');

CREATE TABLE shop.measurements_other PARTITION OF shop.measurements
default;

CREATE TABLE shop.orders (
    customer_id bigint NOT NULL,
    order_no integer NOT NULL,
    status shop.order_status DEFAULT 'pending' NOT NULL,
    priority shop.priority,
    total numeric(12, 2) DEFAULT 0 NOT NULL,
    tags text[] DEFAULT '{}' NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    updated_at timestamptz,
    CONSTRAINT orders_pkey PRIMARY KEY (customer_id, order_no),
    CONSTRAINT orders_total_check CHECK (total >= 0),
    CONSTRAINT orders_tags_small CHECK (cardinality(tags) <= 10)
);

CREATE FUNCTION shop.all_orders()
RETURNS SETOF shop.orders
LANGUAGE sql
STABLE
SET search_path = shop, public
AS $$select * from orders$$;

ALTER SEQUENCE shop.invoice_no OWNED BY shop.invoices.invoice_no;

ALTER TABLE shop.orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES shop.customers (customer_id) MATCH FULL ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX idx_customers_name_lower ON shop.customers ((lower(name)) text_pattern_ops);

CREATE INDEX idx_customers_recent ON shop.customers (created_at DESC NULLS LAST, customer_id) INCLUDE (name) WHERE (created_at > '2020-01-01'::timestamptz);

CREATE INDEX idx_orders_status ON shop.orders (status);

CREATE INDEX idx_orders_tags ON shop.orders USING gin (tags);

CREATE MATERIALIZED VIEW shop.order_totals AS
select customer_id, sum(total) as total from shop.orders group by customer_id;

CREATE VIEW shop.paid_orders WITH (security_invoker = true, security_barrier = true) AS
select o.customer_id, o.order_no, o.total
from shop.orders o
where o.status = 'paid';

CREATE TRIGGER orders_audit
AFTER TRUNCATE ON shop.orders
FOR EACH STATEMENT
EXECUTE FUNCTION shop.touch();

CREATE TRIGGER orders_touch
BEFORE INSERT OR UPDATE OF status, total ON shop.orders
FOR EACH ROW
WHEN (new.status is distinct from 'cancelled')
EXECUTE FUNCTION shop.touch('updated_at', 'it''s');

ALTER TABLE shop.customers ENABLE ROW LEVEL SECURITY;

ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY;

ALTER TABLE shop.customers FORCE ROW LEVEL SECURITY;

ALTER TABLE shop.events REPLICA IDENTITY FULL;

ALTER TABLE shop.invoices REPLICA IDENTITY USING INDEX invoices_code_key;

CREATE POLICY "Block deleted" ON shop.customers
AS RESTRICTIVE
FOR ALL
TO anon, authenticated
USING (true)
WITH CHECK (created_at <= now());

CREATE POLICY "Customers see themselves" ON shop.customers
AS PERMISSIVE
FOR SELECT
TO authenticated
USING (email = (select auth.jwt() ->> 'email'));

REVOKE EXECUTE ON FUNCTION shop.customer_orders(bigint) FROM PUBLIC;

GRANT SELECT (total), UPDATE (total) ON TABLE shop.orders TO authenticated;

GRANT EXECUTE ON FUNCTION shop.customer_orders(bigint) TO service_role;

GRANT EXECUTE ON FUNCTION shop.order_count(bigint, shop.order_status) TO authenticated;

GRANT USAGE ON SCHEMA shop TO authenticated;

GRANT USAGE, CREATE ON SCHEMA shop TO service_role;

GRANT USAGE, SELECT ON SEQUENCE shop.invoice_no TO authenticated;

GRANT SELECT ON TABLE shop.customers TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE shop.customers TO service_role;

GRANT SELECT ON TABLE shop.paid_orders TO authenticated;

COMMENT ON POLICY "Customers see themselves" ON shop.customers IS 'Self-service read.';

COMMENT ON EXTENSION citext IS 'Case-insensitive text for emails.';

COMMENT ON CONSTRAINT customers_email_key ON shop.customers IS 'One account per email.';

COMMENT ON COLUMN shop.customers.email IS 'Login email.';

COMMENT ON CONSTRAINT events_no_overlap ON shop.events IS 'One event of a kind at a time.';

COMMENT ON CONSTRAINT orders_customer_fkey ON shop.orders IS 'Orders die with their customer.';

COMMENT ON CONSTRAINT orders_pkey ON shop.orders IS 'One number per customer.';

COMMENT ON CONSTRAINT orders_tags_small ON shop.orders IS 'Keep tag lists short.';

COMMENT ON TRIGGER orders_touch ON shop.orders IS 'Stamps updated_at.';

COMMENT ON SCHEMA shop IS 'Everything the shop sells.';

COMMENT ON COLLATION shop.c_sort IS 'Byte-order sorting.';

COMMENT ON FUNCTION shop.customer_orders(bigint) IS 'Orders of one customer, bypassing RLS.';

COMMENT ON TABLE shop.customers IS 'People who buy.';

COMMENT ON INDEX shop.idx_customers_name_lower IS 'Prefix search on names.';

COMMENT ON SEQUENCE shop.invoice_no IS 'Invoice numbers.';

COMMENT ON TYPE shop.order_status IS 'Where an order is in its life.';

COMMENT ON MATERIALIZED VIEW shop.order_totals IS 'Refreshed nightly.';

COMMENT ON VIEW shop.paid_orders IS 'Orders that were paid.';

COMMENT ON FUNCTION shop.touch() IS 'Trigger function.';

COMMENT ON COLUMN shop.paid_orders.total IS 'Amount paid.';
