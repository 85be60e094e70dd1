SET check_function_bodies = false;

ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'happy';

ALTER TYPE public.mood ADD VALUE 'angry' AFTER 'sad';
