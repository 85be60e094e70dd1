SET check_function_bodies = false;

CREATE TYPE public.mood AS ENUM ('happy', 'sad');
