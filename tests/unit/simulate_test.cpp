// The in-memory applier (compiler/plan/simulate.h) on cases the fuzzers
// found where it and the database disagreed.
#include <catch2/catch.hpp>

#include "catalog_gen.h"
#include "compiler/plan/simulate.h"
#include "helpers.h"

using namespace schemac;

namespace {

/// plan(from→to) simulated on `from`, as the catalog `to` would compare.
auto Simulated(const std::string& from_text, const std::string& to_text) -> std::string {
  auto from = testing::Compile(from_text);
  auto to = testing::Compile(to_text);
  REQUIRE(from->catalog);
  REQUIRE(to->catalog);
  diag::Engine diags(to->sm);
  plan::Plan p = testing::PlanBetween(*from->catalog, *to->catalog, diags);
  REQUIRE(diag::RenderText(diags, false) == "");
  std::string error;
  auto result = plan::Simulate(*from->catalog, p, error);
  REQUIRE(error == "");
  REQUIRE(result);
  return testing::Comparable(*result);
}

}  // namespace

TEST_CASE("simulate: renaming a column rewrites the expressions that read it, as Postgres does", "[simulate]") {
  // fuzz/regressions/plan/rename-column-generated: the applier kept the old name in expressions.
  std::string v1 =
      "table users {\n  id bigint primary key\n  nick text\n"
      "  shout text generated always as (upper(nick)) stored\n  index users_lower_nick (lower(nick))\n"
      "  index users_active (id) where nick is not null\n  check (nick <> '')\n}\n";
  std::string v2 =
      "table users {\n  id bigint primary key\n  handle text renamed from nick\n"
      "  shout text generated always as (upper(handle)) stored\n  index users_lower_nick (lower(handle))\n"
      "  index users_active (id) where handle is not null\n  check (handle <> '')\n}\n";
  auto to = testing::Compile(v2);
  REQUIRE(to->catalog);
  CHECK(Simulated(v1, v2) == testing::Comparable(*to->catalog));
}

TEST_CASE("simulate: renaming an enum respells the columns' type as the backend does", "[simulate]") {
  // fuzz/regressions/plan/rename-enum-quoted-schema: the applier wrote My Schema.feeling, unquoted.
  std::string v1 = "schema \"My Schema\" {\n  enum mood ('ok')\n  table t {\n    id bigint primary key\n    m mood\n  }\n}\n";
  std::string v2 =
      "schema \"My Schema\" {\n  enum feeling ('ok') renamed from mood\n  table t {\n    id bigint primary key\n"
      "    m feeling\n  }\n}\n";
  auto to = testing::Compile(v2);
  REQUIRE(to->catalog);
  CHECK(Simulated(v1, v2) == testing::Comparable(*to->catalog));
}
