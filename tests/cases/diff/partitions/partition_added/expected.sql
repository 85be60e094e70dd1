SET check_function_bodies = false;

CREATE TABLE public.m_2025 PARTITION OF public.m
FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
