-- pg_dump of a database made from exact_keys_checks.sql and exact_indexes.sql (tests/lit/live).
--
-- PostgreSQL database dump
--

\restrict 9kCXLDZxzLHMsFSM6Qa7nFOPQpgU1t7U787rveh8mArlHUXBgqeQl4JrZzMhzjn

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app;


--
-- Name: ref; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA ref;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: t; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.t (
    id integer,
    x integer
);


--
-- Name: ev; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ev (
    id bigint NOT NULL,
    email text,
    a integer,
    b integer,
    ts timestamp with time zone,
    tags text[],
    doc jsonb,
    status text,
    "Mixed Case" integer
);


--
-- Name: user_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_tags (
    user_id bigint NOT NULL,
    tag_id integer NOT NULL,
    note text,
    f double precision,
    e text,
    CONSTRAINT user_tags_e_check CHECK ((e <> ALL (ARRAY['x'::text, 'y'::text]))),
    CONSTRAINT user_tags_f_check CHECK (((f < ('-1'::integer)::double precision) OR (f > (1)::double precision))),
    CONSTRAINT user_tags_note_check CHECK (((note !~~ '%bad%'::text) AND (note ~~* 'a%'::text))),
    CONSTRAINT ut_nonneg CHECK (((user_id >= 0) OR (tag_id IS NULL)))
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    org_id integer,
    org_region text,
    email text NOT NULL,
    age integer,
    status text,
    code text,
    note text,
    score numeric,
    lo integer,
    hi integer,
    manager bigint,
    org_code text,
    CONSTRAINT users_age_check CHECK (((age >= 0) AND (age <= 150))),
    CONSTRAINT users_check CHECK ((lo < hi)),
    CONSTRAINT users_code_check CHECK ((code ~~ 'X%'::text)),
    CONSTRAINT users_note_check CHECK (((note IS NULL) OR (length(note) > 2))),
    CONSTRAINT users_score_check CHECK (((score)::integer >= 0)),
    CONSTRAINT users_status_check CHECK ((status = ANY (ARRAY['a'::text, 'b'::text, 'c'::text])))
);


--
-- Name: orgs; Type: TABLE; Schema: ref; Owner: -
--

CREATE TABLE ref.orgs (
    id integer NOT NULL,
    region text NOT NULL,
    code text
);


--
-- Name: tags; Type: TABLE; Schema: ref; Owner: -
--

CREATE TABLE ref.tags (
    id integer NOT NULL,
    label text,
    CONSTRAINT "named check" CHECK (((id > 0) AND (id < 1000))),
    CONSTRAINT tags_label_check CHECK (((label IS NOT NULL) AND (label <> ''::text))),
    CONSTRAINT tags_label_len CHECK (((char_length(label) >= 1) AND (char_length(label) <= 50)))
);


--
-- Data for Name: t; Type: TABLE DATA; Schema: app; Owner: -
--

COPY app.t (id, x) FROM stdin;
\.


--
-- Data for Name: ev; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.ev (id, email, a, b, ts, tags, doc, status, "Mixed Case") FROM stdin;
1	a@x	1	2	\N	\N	\N	active	\N
\.


--
-- Data for Name: user_tags; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_tags (user_id, tag_id, note, f, e) FROM stdin;
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.users (id, org_id, org_region, email, age, status, code, note, score, lo, hi, manager, org_code) FROM stdin;
1	1	eu	a@x	30	a	X1	\N	\N	1	2	\N	C1
\.


--
-- Data for Name: orgs; Type: TABLE DATA; Schema: ref; Owner: -
--

COPY ref.orgs (id, region, code) FROM stdin;
1	eu	C1
\.


--
-- Data for Name: tags; Type: TABLE DATA; Schema: ref; Owner: -
--

COPY ref.tags (id, label) FROM stdin;
\.


--
-- Name: ev ev_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ev
    ADD CONSTRAINT ev_pkey PRIMARY KEY (id);


--
-- Name: user_tags user_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_tags
    ADD CONSTRAINT user_tags_pkey PRIMARY KEY (user_id, tag_id);


--
-- Name: users users_email_org_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_org_id_key UNIQUE (email, org_id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: user_tags ut_uq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_tags
    ADD CONSTRAINT ut_uq UNIQUE (tag_id, user_id);


--
-- Name: orgs orgs_code_key; Type: CONSTRAINT; Schema: ref; Owner: -
--

ALTER TABLE ONLY ref.orgs
    ADD CONSTRAINT orgs_code_key UNIQUE (code);


--
-- Name: orgs orgs_pkey; Type: CONSTRAINT; Schema: ref; Owner: -
--

ALTER TABLE ONLY ref.orgs
    ADD CONSTRAINT orgs_pkey PRIMARY KEY (id, region);


--
-- Name: tags tags_pkey; Type: CONSTRAINT; Schema: ref; Owner: -
--

ALTER TABLE ONLY ref.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (id);


--
-- Name: t_lower; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX t_lower ON app.t USING btree (abs(x), id DESC);


--
-- Name: t_x_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX t_x_idx ON app.t USING btree (x) WHERE (id > 0);


--
-- Name: ev_Mixed Case_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "ev_Mixed Case_idx" ON public.ev USING btree ("Mixed Case");


--
-- Name: ev_a_a1_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_a_a1_idx ON public.ev USING btree (a, a);


--
-- Name: ev_brin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_brin ON public.ev USING brin (ts);


--
-- Name: ev_cast; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_cast ON public.ev USING btree (((a)::text));


--
-- Name: ev_coalesce; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_coalesce ON public.ev USING btree (COALESCE(status, 'none'::text));


--
-- Name: ev_desc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_desc ON public.ev USING btree (ts DESC NULLS LAST, a NULLS FIRST);


--
-- Name: ev_desc2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_desc2 ON public.ev USING btree (ts DESC, b, a DESC);


--
-- Name: ev_doc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_doc ON public.ev USING gin (doc);


--
-- Name: ev_gin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_gin ON public.ev USING gin (tags);


--
-- Name: ev_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_hash ON public.ev USING hash (email);


--
-- Name: ev_in; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_in ON public.ev USING btree (b) WHERE ((status = ANY (ARRAY['a'::text, 'b'::text])) AND (ts > '2024-01-01 00:00:00+00'::timestamp with time zone));


--
-- Name: ev_jsonb_extract_path_text_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_jsonb_extract_path_text_idx ON public.ev USING btree (jsonb_extract_path_text(doc, VARIADIC ARRAY['kind'::text]));


--
-- Name: ev_lower_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_lower_idx ON public.ev USING btree (lower(email));


--
-- Name: ev_multi; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_multi ON public.ev USING btree (a, lower(email), ((a + b)));


--
-- Name: ev_partial; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ev_partial ON public.ev USING btree (a) WHERE ((status = 'active'::text) AND (b > 0));


--
-- Name: ev_uq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ev_uq ON public.ev USING btree (a, b);


--
-- Name: ev_uq_partial; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ev_uq_partial ON public.ev USING btree (email) WHERE (status IS NOT NULL);


--
-- Name: user_tags user_tags_tag_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_tags
    ADD CONSTRAINT user_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES ref.tags(id) ON DELETE RESTRICT;


--
-- Name: user_tags user_tags_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_tags
    ADD CONSTRAINT user_tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: users users_manager_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_manager_fkey FOREIGN KEY (manager) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;


--
-- Name: users users_org_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_org_code_fkey FOREIGN KEY (org_code) REFERENCES ref.orgs(code) ON DELETE SET DEFAULT;


--
-- Name: users users_org_id_org_region_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_org_id_org_region_fkey FOREIGN KEY (org_id, org_region) REFERENCES ref.orgs(id, region) ON UPDATE RESTRICT ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict 9kCXLDZxzLHMsFSM6Qa7nFOPQpgU1t7U787rveh8mArlHUXBgqeQl4JrZzMhzjn

