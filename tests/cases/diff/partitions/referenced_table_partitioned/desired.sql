-- A table another table references becomes partitioned: it is dropped and created again,
-- so the foreign key into it is dropped before and added again after.
CREATE TABLE public.events (id int PRIMARY KEY) PARTITION BY RANGE (id);
CREATE TABLE public.events_1 PARTITION OF public.events FOR VALUES FROM (0) TO (1000);
CREATE TABLE public.event_notes (id int PRIMARY KEY, event_id int REFERENCES public.events);
