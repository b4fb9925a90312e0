// The model of `allow` clauses and `lint` blocks, as the lint phase reads
// it: scopes, enclosing names, `on` with its qualifier, mixins, order.
#include <catch2/catch.hpp>

#include "helpers.h"

using namespace schemac;
using testing::Compile;
using Scope = model::Allow::Scope;

namespace {
auto Text(const std::optional<model::Name>& n) -> std::string { return n ? n->text : "-"; }
}  // namespace

TEST_CASE("check: allows at every level, in source order, with their scope's names", "[check][allow]") {
  auto c = Compile(
      "allow drop-table on legacy 'gone'\n"
      "allow DS103 on sales.orders\n"
      "mixin audited {\n"
      "  allow table-rewrite on touched_at\n"
      "  touched_at timestamptz allow drop-default\n"
      "}\n"
      "schema sales {\n"
      "  allow drop-column on orders.note\n"
      "  allow set-not-null on sales.orders\n"
      "  table orders {\n"
      "    id bigint primary key\n"
      "    allow drop-column on orders.legacy_flag 'replaced by status'\n"
      "    status text allow set-not-null 'backfilled'\n"
      "    include audited\n"
      "  }\n"
      "}\n"
      "schema public { allow DS102 }\n"
      "table users { id bigint primary key; allow drop-column on gone }\n",
      false);
  INFO(c->Messages());
  REQUIRE(c->realm);
  const auto& a = c->realm->allows;
  REQUIRE(a.size() == 10);

  CHECK(a[0].scope == Scope::File);
  CHECK(a[0].rule == "drop-table");
  CHECK(Text(a[0].on) == "legacy");
  CHECK(a[0].reason == std::optional<std::string>("gone"));
  CHECK(a[0].file == a[0].range.file);
  CHECK(a[0].range.line == 1);

  CHECK(a[1].scope == Scope::File);  // file level: A.NAME is schema.relation, kept as written
  CHECK(Text(a[1].on_qualifier) == "sales");
  CHECK(Text(a[1].on) == "orders");

  CHECK(a[2].scope == Scope::Schema);  // schema level: TABLE.NAME
  CHECK(Text(a[2].schema) == "sales");
  CHECK(Text(a[2].on_qualifier) == "orders");
  CHECK(Text(a[2].on) == "note");

  CHECK(a[3].scope == Scope::Schema);  // the schema's own name is dropped
  CHECK_FALSE(a[3].on_qualifier);
  CHECK(Text(a[3].on) == "orders");

  CHECK(a[4].scope == Scope::Table);  // the table's own name is dropped; a column that is gone is fine
  CHECK(Text(a[4].schema) == "sales");
  CHECK(Text(a[4].table) == "orders");
  CHECK_FALSE(a[4].on_qualifier);
  CHECK(Text(a[4].on) == "legacy_flag");

  CHECK(a[5].scope == Scope::Column);
  CHECK(Text(a[5].table) == "orders");
  CHECK(Text(a[5].column) == "status");
  CHECK(a[5].reason == std::optional<std::string>("backfilled"));

  // The mixin's allows are the including table's, where the include stands.
  CHECK(a[6].scope == Scope::Table);
  CHECK(a[6].rule == "table-rewrite");
  CHECK(Text(a[6].table) == "orders");
  CHECK(a[6].range.line == 4);
  CHECK(a[7].scope == Scope::Column);
  CHECK(Text(a[7].column) == "touched_at");

  // `schema public`: the default namespace, like model::Schema::name.
  CHECK(a[8].scope == Scope::Schema);
  CHECK_FALSE(a[8].schema);
  CHECK(a[9].scope == Scope::Table);
  CHECK_FALSE(a[9].schema);
  CHECK(Text(a[9].table) == "users");
  CHECK(Text(a[9].on) == "gone");
}

TEST_CASE("check: lint blocks give severities, one per rule", "[check][allow]") {
  auto c = Compile(
      "lint {\n  severity drop-column WARNING\n  severity DS103 warning\n}\n"
      "lint { severity LK101 error }\n"
      "table t { id int }\n",
      false);
  INFO(c->Messages());
  REQUIRE(c->realm);
  const auto& s = c->realm->severities;
  REQUIRE(s.size() == 2);  // DS103 is drop-column: said twice alike, kept once
  CHECK(s[0].rule == "drop-column");
  CHECK(s[0].severity == "warning");
  CHECK(s[0].range.line == 2);
  CHECK(s[1].rule == "LK101");
  CHECK(s[1].severity == "error");
}

TEST_CASE("parse: allow, lint and severity stay names", "[parse][allow]") {
  auto c = Compile(
      "table allow {\n  allow text not null\n  lint int check (lint > 0)\n  severity varchar(10)\n"
      "  index allow_idx (allow)\n}\n"
      "table lint { id bigint primary key; allow int allow DS103 }\n",
      false);
  INFO(c->Messages());
  REQUIRE(c->realm);
  const auto& t = c->realm->schemas.at(0).tables.at(0);
  REQUIRE(t.columns.size() == 3);
  CHECK(t.columns[0].name.text == "allow");
  CHECK(t.columns[2].name.text == "severity");
  REQUIRE(c->realm->allows.size() == 1);
  CHECK(c->realm->allows[0].scope == Scope::Column);
  CHECK(Text(c->realm->allows[0].column) == "allow");
}
