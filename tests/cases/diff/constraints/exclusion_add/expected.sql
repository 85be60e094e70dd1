SET check_function_bodies = false;

ALTER TABLE public.bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE ((NOT cancelled));

COMMENT ON CONSTRAINT bookings_no_overlap ON public.bookings IS 'One live booking at a time.';
