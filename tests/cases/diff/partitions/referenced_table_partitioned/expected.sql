SET check_function_bodies = false;

ALTER TABLE public.event_notes DROP CONSTRAINT event_notes_event_id_fkey;

DROP TABLE public.events;

CREATE TABLE public.events (
    id integer NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id)
)
PARTITION BY RANGE (id);

CREATE TABLE public.events_1 PARTITION OF public.events
FOR VALUES FROM (0) TO (1000);

ALTER TABLE public.event_notes ADD CONSTRAINT event_notes_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events (id);
