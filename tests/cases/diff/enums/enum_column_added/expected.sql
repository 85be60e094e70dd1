SET check_function_bodies = false;

ALTER TABLE public.t ADD COLUMN m public.mood DEFAULT 'happy'::public.mood;
