create table orders (id bigint primary key, ref text not null);
create unique index orders_ref_idx on orders (ref);
alter table orders replica identity using index orders_ref_idx;
