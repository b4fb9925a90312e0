// Unit tests of the target dialects the checker asks (compiler/target/dialect.h):
// one per target, found by name, listed in schemac's order, and the Postgres
// facts that moved out of the checker.
#include <catch2/catch.hpp>

#include "compiler/check/check.h"
#include "compiler/target/dialect.h"

using namespace schemac;

TEST_CASE("dialect: every target has one, in the order schemac lists targets", "[dialect]") {
  std::vector<std::string> names;
  for (const auto* d : target::Dialects()) names.emplace_back(d->Name());
  CHECK(names == std::vector<std::string>{"postgres", "snowflake", "firebolt", "flink"});
  CHECK(check::TargetNames() == names);
  for (const auto& n : names) CHECK(target::FindDialect(n) != nullptr);
  CHECK(target::FindDialect("oracle") == nullptr);
  CHECK(target::DefaultDialect().Name() == "postgres");
}

TEST_CASE("dialect: target-block options by place; pipes only where a target has them", "[dialect]") {
  using target::Place;
  ast::TargetItem online;
  online.key.text = "Online";
  CHECK(target::FindDialect("postgres")->CheckItem(Place::Top, online).known);
  CHECK_FALSE(target::FindDialect("snowflake")->CheckItem(Place::Top, online).known);
  ast::TargetItem evolution;
  evolution.key.text = "evolution";
  evolution.value = "sideways";
  auto rule = target::FindDialect("flink")->CheckItem(Place::Table, evolution);
  CHECK(rule.known);
  CHECK(rule.bad == "flink evolution is 'alter', 'versioned' or 'registry'");
  CHECK(target::FindDialect("postgres")->Options(Place::Pipe).empty());
  CHECK_FALSE(target::FindDialect("snowflake")->Options(Place::Pipe).empty());
}

TEST_CASE("dialect: Postgres literals, sequence bounds, collations, index methods", "[dialect]") {
  const auto& pg = *target::FindDialect("postgres");
  using TK = model::Type::Kind;
  CHECK(pg.AcceptsString(TK::Bool, "Yes"));
  CHECK_FALSE(pg.AcceptsString(TK::Bool, "maybe"));
  CHECK(pg.AcceptsString(TK::Date, "2024-02-29"));
  CHECK_FALSE(pg.AcceptsString(TK::Uuid, "not-a-uuid"));
  CHECK(pg.AcceptsString(TK::Json, "{\"a\": 1}"));
  CHECK(pg.FrozenTimeDefault("NOW") == "now()");
  CHECK(pg.FrozenTimeDefault("today") == "current_date");
  CHECK_FALSE(pg.FrozenTimeDefault("epoch"));
  CHECK(pg.DefaultSequenceBounds(INT32_MIN, INT32_MAX, true) == std::pair<int64_t, int64_t>{1, INT32_MAX});
  CHECK(pg.DefaultSequenceBounds(INT32_MIN, INT32_MAX, false) == std::pair<int64_t, int64_t>{INT32_MIN, -1});
  model::Collation icu;
  icu.provider = "icu";
  REQUIRE(pg.CheckCollation(icu).size() == 1);
  CHECK(pg.CheckCollation(icu)[0].message == "an icu collation needs a locale");
  CHECK(pg.DefaultIndexMethod() == "btree");
  CHECK(pg.DefaultNamespace() == "public");
}
