SET check_function_bodies = false;

DROP TYPE public.mood;
