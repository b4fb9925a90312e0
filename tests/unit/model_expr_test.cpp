// The model's expression IR: what the checker builds from the syntax tree
// (check::BuildExpr), and how the Postgres backend renders it (RenderExpr).
#include <catch2/catch.hpp>

#include "backends/postgres/postgres.h"
#include "helpers.h"

using namespace schemac;
using testing::Compile;
using K = model::Expr::Kind;

namespace {

auto Col(std::string name, bool quoted = false) -> model::Expr {
  model::Expr e;
  e.kind = K::Column;
  e.name = model::Name{std::move(name), quoted};
  return e;
}

auto Num(std::string text) -> model::Expr {
  model::Expr e;
  e.kind = K::Number;
  e.text = std::move(text);
  return e;
}

auto Op(K kind, std::string op, std::vector<model::Expr> args) -> model::Expr {
  model::Expr e;
  e.kind = kind;
  e.op = std::move(op);
  e.args = std::move(args);
  return e;
}

auto OnlyTable(const model::Realm& realm) -> const model::Table& {
  REQUIRE(realm.schemas.size() == 1);
  REQUIRE(realm.schemas[0].tables.size() == 1);
  return realm.schemas[0].tables[0];
}

}  // namespace

TEST_CASE("model expr: the checker builds the IR with names as written", "[model][check]") {
  auto c = Compile(
      "table t {\n"
      "  a int\n"
      "  \"B\" text default lower('X')\n"
      "  c text default sql('now()::text')\n"
      "  d timestamptz default current_timestamp\n"
      "  check (a > 1 and \"B\" is not null)\n"
      "  index ((a::text), t.a)\n"
      "}\n",
      false);
  REQUIRE(c->realm);
  const auto& t = OnlyTable(*c->realm);
  REQUIRE(t.columns.size() == 4);

  const auto& def = *t.columns[1].default_value;
  CHECK(def.kind == K::Call);
  CHECK(def.name.text == "lower");
  CHECK_FALSE(def.name.quoted);
  REQUIRE(def.args.size() == 1);
  CHECK(def.args[0].kind == K::String);
  CHECK(def.args[0].text == "X");
  CHECK(def.range.valid());

  const auto& raw = *t.columns[2].default_value;
  CHECK(raw.kind == K::RawSql);
  CHECK(raw.text == "now()::text");
  CHECK(raw.args.empty());

  CHECK(t.columns[3].default_value->kind == K::Column);  // niladic: rendered, not resolved, as a call

  const model::Constraint* check = nullptr;
  for (const auto& k : t.constraints)
    if (k.kind == model::Constraint::Kind::Check) check = &k;
  REQUIRE(check);
  REQUIRE(check->check);
  CHECK(model::DumpExpr(*check->check) == "(and (> a 1) (is-not-null \"B\"))");
  CHECK(check->check->args[1].args[0].name == model::Name{"B", true});

  REQUIRE(t.indexes.size() == 1);
  const auto& cast = t.indexes[0].keys[0].expr;
  CHECK(cast.kind == K::Cast);
  CHECK(cast.cast_type.at(0).kind == model::Type::Kind::Text);
  CHECK(cast.cast_spelling == "text");
  const auto& qualified = t.indexes[0].keys[1].expr;
  REQUIRE(qualified.qualifier);
  CHECK(qualified.qualifier->text == "t");
}

TEST_CASE("model expr: a cast to a user type keeps it as written", "[model][check]") {
  auto c = Compile("enum mood ('ok', 'sad')\ntable t {\n  m mood default 'ok'::mood\n}\n", false);
  REQUIRE(c->realm);
  const auto& def = *OnlyTable(*c->realm).columns[0].default_value;
  REQUIRE(def.kind == K::Cast);
  CHECK(def.cast_type.at(0).kind == model::Type::Kind::Enum);
  CHECK(def.cast_type.at(0).enum_name.text == "mood");
  CHECK(backends::postgres::RenderExpr(def) == "'ok'::mood");
}

TEST_CASE("model expr: Postgres renders the IR, folding and quoting names", "[model][postgres]") {
  using backends::postgres::RenderExpr;
  CHECK(RenderExpr(Col("Foo")) == "foo");
  CHECK(RenderExpr(Col("Foo", true)) == "\"Foo\"");
  CHECK(RenderExpr(Col("user")) == "USER");  // niladic
  CHECK(RenderExpr(Col("user", true)) == "\"user\"");

  model::Expr qualified = Col("A");
  qualified.qualifier = model::Name{"T", true};
  CHECK(RenderExpr(qualified) == "\"T\".a");

  model::Expr sum = Op(K::Binary, "+", {Col("a"), Col("b")});
  CHECK(RenderExpr(Op(K::Binary, "*", {sum, Col("c")})) == "(a + b) * c");
  CHECK(RenderExpr(Op(K::Binary, "-", {Col("a"), sum})) == "a - (a + b)");
  CHECK(RenderExpr(Op(K::Unary, "-", {Op(K::Unary, "-", {Num("1")})})) == "-(-1)");
  CHECK(RenderExpr(Op(K::Unary, "not", {Op(K::IsNull, "", {Col("a")})})) == "NOT (a IS NULL)");

  model::Expr raw;
  raw.kind = K::RawSql;
  raw.text = "now()::Text";
  CHECK(RenderExpr(raw) == "now()::Text");

  model::Expr call;
  call.kind = K::Call;
  call.name = model::Name{"Lower", false};
  call.args = {Col("A")};
  CHECK(RenderExpr(call) == "lower(a)");

  model::Expr cast = Op(K::Cast, "::", {Col("a")});
  cast.cast_type = {model::Type{}};
  cast.cast_type[0].kind = model::Type::Kind::Int64;
  CHECK(RenderExpr(cast) == "a::bigint");

  model::Expr list = Op(K::List, "array", {Num("1"), Num("2")});
  CHECK(RenderExpr(list) == "ARRAY[1, 2]");
}

TEST_CASE("model expr: lowering renders defaults, checks and index keys from the IR", "[model][postgres]") {
  auto c = Compile(
      "table t {\n"
      "  a int default 1 + 2 * 3\n"
      "  check (a between 1 and 10)\n"
      "  index (lower(a::text))\n"
      "}\n");
  REQUIRE(c->catalog);
  const catalog::Table* t = c->catalog->FindTable({"public", "t"});
  REQUIRE(t);
  CHECK(t->columns[0].default_expr == "1 + 2 * 3");
  REQUIRE(t->constraints.size() == 1);
  CHECK(t->constraints[0].check == "a BETWEEN 1 AND 10");
  CHECK(t->constraints[0].name == "t_a_check");
  REQUIRE(t->indexes.size() == 1);
  CHECK(t->indexes[0].keys[0].expression == "lower(a::text)");
  CHECK(t->indexes[0].name == "t_lower_idx");
}
