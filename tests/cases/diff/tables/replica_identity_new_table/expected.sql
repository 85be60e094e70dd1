SET check_function_bodies = false;

CREATE TABLE public.messages (
    id bigint NOT NULL,
    body text,
    CONSTRAINT messages_pkey PRIMARY KEY (id)
);

ALTER TABLE public.messages REPLICA IDENTITY FULL;
