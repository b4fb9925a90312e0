-- RUN: %roundtrip %s %t | grep "round trip: ok"
-- Collations of the project's: ICU (nondeterministic), libc from one locale
-- and from two, with a comment, in another schema; used by columns and an
-- index key, next to builtin ones.
CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION ci IS 'case-insensitive';
CREATE COLLATION bytes (provider = libc, locale = 'C');
CREATE COLLATION mixed (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
CREATE SCHEMA s;
CREATE COLLATION s.phonebook (provider = icu, locale = 'de-u-co-phonebk');
CREATE TABLE t (a text COLLATE ci, b text COLLATE bytes, c text COLLATE "C", d text COLLATE "und-x-icu");
CREATE INDEX t_b ON t (b COLLATE mixed);
