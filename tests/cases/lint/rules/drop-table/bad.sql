DROP TABLE public.legacy_events;
