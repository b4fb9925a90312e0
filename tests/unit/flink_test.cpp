// The Flink backend's decisions, case by case: which type changes lose
// values (Narrows, read by lint DS104), and what each evolution strategy
// does with a physical change (docs/backends/flink.md).
#include <catch2/catch.hpp>

#include "backends/flink/flink.h"
#include "compiler/target/target.h"

using namespace schemac;

namespace {

auto Col(std::string name, std::string type, bool not_null = false) -> catalog::Column {
  catalog::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  return c;
}

auto Table(std::string evolution, std::string topic) -> catalog::Table {
  catalog::Table t;
  t.name = "orders";
  t.columns = {Col("id", "BIGINT", true), Col("amount", "DECIMAL(12, 2)")};
  if (!evolution.empty()) t.options[backends::flink::kEvolution] = evolution;
  t.options["connector"] = "kafka";
  t.options["topic"] = topic;
  return t;
}

}  // namespace

TEST_CASE("flink: a type change narrows only when some value no longer fits", "[flink]") {
  auto backend = target::FindBackend("flink");
  REQUIRE(backend);
  CHECK_FALSE(backend->Narrows("INT", "BIGINT"));
  CHECK(backend->Narrows("BIGINT", "INT"));
  CHECK_FALSE(backend->Narrows("DECIMAL(12, 2)", "DECIMAL(14, 2)"));
  CHECK_FALSE(backend->Narrows("DECIMAL(12, 2)", "DECIMAL(13, 3)"));
  CHECK(backend->Narrows("DECIMAL(12, 2)", "DECIMAL(12, 3)"));  // one integer digit fewer
  CHECK(backend->Narrows("DECIMAL(12, 2)", "DECIMAL(14, 1)"));  // a fraction digit fewer
  CHECK_FALSE(backend->Narrows("VARCHAR(20)", "VARCHAR(40)"));
  CHECK(backend->Narrows("VARCHAR(40)", "VARCHAR(20)"));
  CHECK_FALSE(backend->Narrows("VARCHAR(40)", "STRING"));
  CHECK(backend->Narrows("STRING", "VARCHAR(40)"));
  CHECK_FALSE(backend->Narrows("CHAR(3)", "VARCHAR(3)"));
  CHECK_FALSE(backend->Narrows("TIMESTAMP(3)", "TIMESTAMP(6)"));
  CHECK(backend->Narrows("TIMESTAMP_LTZ(6)", "TIMESTAMP_LTZ(3)"));
  CHECK(backend->Narrows("STRING", "INT"));
}

TEST_CASE("flink: a physical change under each evolution strategy", "[flink]") {
  auto backend = target::FindBackend("flink");
  REQUIRE(backend);
  const catalog::ObjectName name{"default_catalog.default_database", "orders"};
  SECTION("alter: in place") {
    auto from = Table("", "orders"), to = Table("", "orders");
    to.columns.push_back(Col("note", "STRING"));
    CHECK(backend->DecideTable(name, from, to).strategy == target::Strategy::InPlace);
  }
  SECTION("versioned: a new version, which needs its own topic") {
    auto from = Table("versioned", "orders"), to = Table("versioned", "orders_v2");
    to.columns.push_back(Col("note", "STRING"));
    CHECK(backend->DecideTable(name, from, to).strategy == target::Strategy::RebuildTable);
    to.options["topic"] = "orders";
    auto same = backend->DecideTable(name, from, to);
    CHECK(same.strategy == target::Strategy::Unsupported);
    CHECK(same.hint == "give the new version its own topic: with ('topic' = 'orders_v2')");
  }
  SECTION("versioned: a new NOT NULL column needs a default for the copy") {
    auto from = Table("versioned", "orders"), to = Table("versioned", "orders_v2");
    to.columns.push_back(Col("created_at", "TIMESTAMP_LTZ(3)", true));
    CHECK(backend->DecideTable(name, from, to).strategy == target::Strategy::Unsupported);
    to.columns.back().default_expr = "NOW()";
    CHECK(backend->DecideTable(name, from, to).strategy == target::Strategy::RebuildTable);
  }
  SECTION("versioned: a retyped column is copied with a cast") {
    auto from = Table("versioned", "orders"), to = Table("versioned", "orders_v2");
    to.columns[1].type = "DECIMAL(14, 2)";
    auto d = backend->DecideColumn({from, to, from.columns[1], to.columns[1], diff::ChangeKind::Type});
    CHECK(d.strategy == target::Strategy::RebuildTable);
  }
  SECTION("a table that becomes versioned renames in its new version's copy") {
    auto from = Table("", "orders"), to = Table("versioned", "orders_v2");
    to.columns[1].name = "total";
    CHECK(backend->DecideRename(from, to, "amount", "total").strategy == target::Strategy::RebuildTable);
    CHECK(backend->DecideRename(to, from, "amount", "total").strategy == target::Strategy::InPlace);
  }
  SECTION("registry: a physical column renamed is refused, naming versioned") {
    auto from = Table("registry", "orders");
    auto d = backend->DecideRename(from, from, "amount", "total");
    CHECK(d.strategy == target::Strategy::Unsupported);
    CHECK(d.hint.find("evolution versioned") != std::string::npos);
  }
}
