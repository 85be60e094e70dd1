SET check_function_bodies = false;

ALTER TABLE public.messages REPLICA IDENTITY FULL;
