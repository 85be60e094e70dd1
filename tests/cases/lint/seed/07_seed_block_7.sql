-- Add indexes strategically
CREATE INDEX idx_posts_user_status ON app_web.posts(user_id, status);
CREATE INDEX idx_notifications_user_unread ON public.notifications(user_id, is_read) WHERE is_read = FALSE;

-- Use partial indexes for common queries
CREATE INDEX idx_active_users ON public.users(email) WHERE is_active = TRUE;

-- Use covering indexes for frequent queries
CREATE INDEX idx_posts_list ON app_web.posts(user_id, created_at DESC) INCLUDE (title, status);
