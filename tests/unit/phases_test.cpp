// Unit tests per phase: parse, check, lower (Postgres names and types),
// catalog JSON, diff and plan order.
#include <catch2/catch.hpp>

#include "backends/postgres/postgres.h"
#include "helpers.h"

using namespace schemac;
using testing::Compile;

namespace {
auto Table(const catalog::Catalog& c, const std::string& name) -> const catalog::Table& {
  const catalog::Table* t = c.FindTable({"public", name});
  REQUIRE(t != nullptr);
  return *t;
}
auto ConstraintNames(const catalog::Table& t) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& k : t.constraints) out.push_back(k.name);
  return out;
}
}  // namespace

TEST_CASE("parse: items end at newline or semicolon; newlines inside parentheses do not", "[parse]") {
  auto c = Compile("table t { a int; b text\n  index (a,\n   b)\n}\n");
  REQUIRE_FALSE(c->diags.has_errors());
  const auto& t = Table(*c->catalog, "t");
  CHECK(t.columns.size() == 2);
  REQUIRE(t.indexes.size() == 1);
  CHECK(t.indexes[0].keys.size() == 2);
}

TEST_CASE("parse: keywords are case-insensitive and usable as names", "[parse]") {
  auto c = Compile("TABLE T {\n  Name TEXT NOT NULL\n  type text\n  comment text COMMENT 'c'\n  key int\n}\n");
  REQUIRE_FALSE(c->diags.has_errors());
  const auto& t = Table(*c->catalog, "t");
  REQUIRE(t.columns.size() == 4);
  CHECK(t.columns[0].name == "name");
  CHECK(t.columns[0].not_null);
  CHECK(t.columns[2].comment == std::optional<std::string>("c"));
}

TEST_CASE("parse: the parser recovers and reports every syntax error", "[parse]") {
  auto c = Compile("table a {\n  x int (\n}\ntable b {\n  y\n}\ntable c { z int }\n");
  CHECK(c->diags.errors() >= 2);
}

TEST_CASE("parse: quoted identifiers keep case and escape quotes", "[parse]") {
  auto c = Compile("table \"My \"\"T\"\"\" { \"Col A\" int }\n");
  REQUIRE_FALSE(c->diags.has_errors());
  const auto& t = Table(*c->catalog, "My \"T\"");
  CHECK(t.columns[0].name == "Col A");
}

TEST_CASE("check: unknown type has a did-you-mean hint", "[check]") {
  auto c = Compile("table t { a integr }\n");
  REQUIRE(c->diags.has_errors());
  CHECK(c->diags.all()[0].hint == "did you mean 'integer'?");
  CHECK(c->diags.all()[0].range.line == 1);
  CHECK(c->diags.all()[0].range.col == 13);
}

TEST_CASE("check: duplicate column shows both places", "[check]") {
  auto c = Compile("table t {\n  a int\n  a text\n}\n");
  REQUIRE(c->diags.errors() == 1);
  const auto& d = c->diags.all()[0];
  CHECK(d.range.line == 3);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].range.line == 2);
}

TEST_CASE("check: foreign key defaults to the primary key and checks types", "[check]") {
  auto ok = Compile("table a { id bigint primary key }\ntable b { a_id bigint references a }\n");
  REQUIRE_FALSE(ok->diags.has_errors());
  const auto& b = Table(*ok->catalog, "b");
  REQUIRE(b.constraints.size() == 1);
  CHECK(b.constraints[0].ref_columns == std::vector<std::string>{"id"});
  auto bad = Compile("table a { id bigint primary key }\ntable b { a_id int references a }\n");
  REQUIRE(bad->diags.has_errors());
  CHECK(diag::KindName(bad->diags.all()[0].kind) == "fk-type-mismatch");
}

TEST_CASE("lower: Postgres's own names for unnamed constraints and indexes", "[lower]") {
  auto c = Compile(
      "table users {\n id bigint primary key\n email text unique\n org_id bigint references orgs\n"
      " score int check (score >= 0)\n a int\n b int\n check (a < b)\n check (a > 0 and b > 0 and a <> b)\n"
      " index (email)\n index (lower(email), a)\n unique (a, b)\n}\ntable orgs { id bigint primary key }\n");
  REQUIRE_FALSE(c->diags.has_errors());
  const auto& t = Table(*c->catalog, "users");
  auto names = ConstraintNames(t);
  CHECK(names == std::vector<std::string>{"users_a_b_key", "users_check", "users_check1", "users_email_key",
                                          "users_org_id_fkey", "users_pkey", "users_score_check"});
  REQUIRE(t.indexes.size() == 2);
  CHECK(t.indexes[0].name == "users_email_idx");
  CHECK(t.indexes[1].name == "users_lower_a_idx");
}

TEST_CASE("lower: derived names are cut to 63 bytes the way Postgres cuts them", "[lower]") {
  std::string table(40, 't'), column(40, 'c');
  auto c = Compile("table " + table + " { " + column + " int unique }\n");
  REQUIRE_FALSE(c->diags.has_errors());
  const auto& t = *c->catalog->FindTable({"public", table});
  // makeObjectName shortens the longer part first: 63 - len("_key") - 1 = 58 bytes for both names.
  CHECK(t.constraints[0].name == std::string(29, 't') + "_" + std::string(29, 'c') + "_key");
  CHECK(t.constraints[0].name.size() == 63);
}

TEST_CASE("lower: a user name over 63 bytes is an error", "[lower]") {
  auto c = Compile("table " + std::string(64, 'x') + " { a int }\n");
  REQUIRE(c->diags.has_errors());
  CHECK(diag::KindName(c->diags.all()[0].kind) == "identifier-too-long");
}

TEST_CASE("lower: portable types map to Postgres's own spelling", "[lower]") {
  auto c = Compile(
      "enum mood ('a')\ntable t {\n a bool\n b int16\n c int32\n d int64\n e decimal(10, 2)\n f float32\n"
      " g float64\n h text\n i varchar(5)\n j char(3)\n k bytes\n l date\n m time\n n timestamp\n"
      " o timestamptz(3)\n p uuid\n q json\n r int[]\n s array<text>\n u mood\n v inet\n}\n");
  REQUIRE_FALSE(c->diags.has_errors());
  std::vector<std::string> types;
  for (const auto& col : Table(*c->catalog, "t").columns) types.push_back(col.type);
  CHECK(types == std::vector<std::string>{"boolean", "smallint", "integer", "bigint", "numeric(10,2)", "real",
                                          "double precision", "text", "character varying(5)", "character(3)", "bytea",
                                          "date", "time without time zone", "timestamp without time zone",
                                          "timestamp(3) with time zone", "uuid", "jsonb", "integer[]", "text[]",
                                          "mood", "inet"});
}

TEST_CASE("quoting: identifiers and literals", "[postgres]") {
  using backends::postgres::QuoteIdent;
  using backends::postgres::QuoteLiteral;
  CHECK(QuoteIdent("users") == "users");
  CHECK(QuoteIdent("Users") == "\"Users\"");
  CHECK(QuoteIdent("user") == "\"user\"");
  CHECK(QuoteIdent("a b") == "\"a b\"");
  CHECK(QuoteIdent("a\"b") == "\"a\"\"b\"");
  CHECK(QuoteIdent("_x1$") == "\"_x1$\"");
  CHECK(QuoteIdent("1a") == "\"1a\"");
  CHECK(QuoteIdent("ünï") == "\"ünï\"");
  CHECK(QuoteLiteral("it's") == "'it''s'");
  CHECK(QuoteLiteral("$$") == "'$$'");
  CHECK(QuoteLiteral("back\\slash") == "'back\\slash'");
}

TEST_CASE("catalog: snapshot JSON round-trips exactly", "[catalog]") {
  auto c = Compile(
      "enum e ('x', 'y')\nschema s { table u { id int primary key } }\n"
      "table t {\n id bigint primary key identity\n e e default 'x'\n u int references s.u on delete cascade\n"
      " g text generated always as (id::text) stored comment 'gen'\n index (lower(g) desc) where id > 0\n"
      " comment 'tbl'\n}\nview v as \"\"\"select id from t\"\"\"\n");
  REQUIRE_FALSE(c->diags.has_errors());
  std::string json = catalog::ToJson(*c->catalog);
  std::string error;
  auto back = catalog::FromJson(json, error);
  REQUIRE(back);
  CHECK(catalog::ToJson(*back) == json);
  CHECK(json.find("\"format\": \"schemac.catalog/1\"") != std::string::npos);
}

TEST_CASE("catalog: a malformed snapshot says what is wrong", "[catalog]") {
  std::string error;
  CHECK_FALSE(catalog::FromJson("{", error));
  CHECK(error.find("not valid JSON") != std::string::npos);
  error.clear();
  CHECK_FALSE(catalog::FromJson(R"({"format": "schemac.catalog/9", "target": "postgres"})", error));
  CHECK(error.find("unsupported format") != std::string::npos);
  error.clear();
  CHECK_FALSE(catalog::FromJson(
      R"({"format": "schemac.catalog/1", "target": "postgres", "schemas": [{"name": "public", "tables": [{"name": "t", "columns": [{"name": 1}]}]}]})",
      error));
  CHECK(error.find("\"name\" must be a string") != std::string::npos);
}

TEST_CASE("diff: rename is not drop and add", "[diff]") {
  auto a = Compile("table users { id int primary key\n nick text }\n");
  auto b = Compile("table people {\n id int primary key\n nickname text renamed from nick\n renamed from users\n}\n");
  REQUIRE(a->catalog);
  REQUIRE(b->catalog);
  diag::Engine d(b->sm);
  auto p = testing::PlanBetween(*a->catalog, *b->catalog, d);
  std::vector<std::string> kinds;
  for (const auto& c : p.changes) kinds.push_back(diff::KindName(c.op));
  // users_pkey keeps its definition, so it is renamed to people_pkey rather than dropped.
  CHECK(kinds == std::vector<std::string>{"rename_table", "rename_column", "rename_constraint"});
}

TEST_CASE("diff: a removed enum value is an error that says what to do", "[diff]") {
  auto a = Compile("enum e ('a', 'b')\n");
  auto b = Compile("enum e ('a')\n");
  diag::Engine d(b->sm);
  testing::PlanBetween(*a->catalog, *b->catalog, d);
  REQUIRE(d.has_errors());
  CHECK(diag::KindName(d.all()[0].kind) == "enum-value-removed");
  CHECK_FALSE(d.all()[0].hint.empty());
}

TEST_CASE("plan: views are dropped before and recreated after a type change", "[plan]") {
  auto a = Compile("table t { a int }\nview v as \"\"\"select a from t\"\"\"\nview w as \"\"\"select a from v\"\"\"\n");
  auto b = Compile("table t { a bigint }\nview v as \"\"\"select a from t\"\"\"\nview w as \"\"\"select a from v\"\"\"\n");
  diag::Engine d(b->sm);
  auto p = testing::PlanBetween(*a->catalog, *b->catalog, d);
  std::vector<std::string> steps;
  for (const auto& c : p.changes) steps.push_back(diff::KindName(c.op) + " " + diff::ObjectName(c.op));
  CHECK(steps == std::vector<std::string>{"drop_view public.w", "drop_view public.v", "alter_column public.t.a",
                                          "create_view public.v", "create_view public.w"});
}

TEST_CASE("plan: a foreign-key cycle among new tables is broken", "[plan]") {
  auto b = Compile("table a { id int primary key\n b_id int references b }\ntable b { id int primary key\n a_id int references a }\n");
  REQUIRE(b->catalog);
  diag::Engine d(b->sm);
  auto p = testing::PlanBetween(catalog::Catalog{"postgres", {}}, *b->catalog, d);
  REQUIRE_FALSE(d.has_errors());
  std::vector<std::string> kinds;
  for (const auto& c : p.changes) kinds.push_back(diff::KindName(c.op));
  CHECK(kinds == std::vector<std::string>{"create_table", "create_table", "add_constraint", "add_constraint"});
}

TEST_CASE("diag: edit distance and did-you-mean", "[diag]") {
  CHECK(diag::EditDistance("integr", "integer") == 1);
  CHECK(diag::EditDistance("", "abc") == 3);
  CHECK(diag::DidYouMean("tmestamp", {"timestamp", "text"}) == "did you mean 'timestamp'?");
  CHECK(diag::DidYouMean("zzzzzz", {"timestamp", "text"}).empty());
}
