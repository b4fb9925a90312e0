-- RUN: %roundtrip %s %t | grep "round trip: ok"
CREATE SCHEMA rpt;
CREATE TABLE public.t (a int, b int);
CREATE MATERIALIZED VIEW rpt.mv AS SELECT a, sum(b) AS s FROM public.t GROUP BY a;
CREATE UNIQUE INDEX mv_a ON rpt.mv (a);
CREATE INDEX mv_s ON rpt.mv (s DESC);
