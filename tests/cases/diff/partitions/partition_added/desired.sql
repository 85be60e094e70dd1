create table m (id int, at date) partition by range (at);
create table m_2025 partition of m for values from ('2025-01-01') to ('2026-01-01');
