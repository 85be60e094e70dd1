SET check_function_bodies = false;

ALTER TABLE public.bookings DROP CONSTRAINT bookings_no_overlap;
