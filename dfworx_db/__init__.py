"""dfworx-db: database-as-code for Postgres and Supabase."""

__version__ = "0.1.0"
