-- schemac migration for postgres: 2 changes

BEGIN;

-- create_table public.quiz_analytics
CREATE TABLE public.quiz_analytics (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    session_id uuid NOT NULL,
    metric_name character varying(100) NOT NULL,
    metric_value numeric(10,2),
    recorded_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT quiz_analytics_pkey PRIMARY KEY (id),
    CONSTRAINT quiz_analytics_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.quiz_sessions (id) ON DELETE CASCADE
);
CREATE INDEX quiz_analytics_session_id_metric_name_idx ON public.quiz_analytics (session_id, metric_name);

-- add_column public.quiz_sessions.difficulty_level
ALTER TABLE public.quiz_sessions ADD COLUMN difficulty_level character varying(20);
COMMENT ON COLUMN public.quiz_sessions.difficulty_level IS 'easy, medium or hard; chosen when the session starts';

COMMIT;
