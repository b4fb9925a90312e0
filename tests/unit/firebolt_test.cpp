// The Firebolt backend: importing the information_schema rows
// docs/backends/firebolt.md documents (a round trip through a catalog), the
// differ's decisions, the rebuild's statements, and a property: plan(A->B)
// applied to A (the core simulator) gives B for random evolutions.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "backends/firebolt/firebolt.h"
#include "compiler/catalog/catalog.h"
#include "compiler/diff/diff.h"
#include "compiler/plan/plan.h"
#include "compiler/plan/simulate.h"
#include "compiler/target/target.h"

using namespace schemac;
using json = nlohmann::ordered_json;

namespace {

auto Col(std::string name, std::string type, bool not_null, std::optional<std::string> def = std::nullopt)
    -> catalog::Column {
  catalog::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  c.default_expr = std::move(def);
  return c;
}

/// The test's own stand-in for Firebolt: what the three documented queries
/// return for catalog `c`, in the documented input shape. Written from the
/// doc, not from the importer: primary_index as "a, b", is_nullable YES/NO,
/// partition expressions only in the table's DDL.
auto QueryOutput(const catalog::Catalog& c) -> std::string {
  json tables = json::array(), columns = json::array(), views = json::array();
  for (const auto& s : c.schemas) {
    for (const auto& t : s.tables) {
      std::string pi;
      for (const auto& k : t.cluster_by) pi += (pi.empty() ? "" : ", ") + k;
      std::string ddl = "CREATE " + std::string(t.kind == "dimension" ? "DIMENSION" : "FACT") + " TABLE " + t.name + " (...)";
      if (auto it = t.options.find("partition_by"); it != t.options.end()) ddl += " PARTITION BY " + it->second + ";";
      tables.push_back({{"table_schema", s.name}, {"table_name", t.name},
                        {"table_type", t.kind == "dimension" ? "DIMENSION" : "FACT"},
                        {"primary_index", pi.empty() ? json(nullptr) : json(pi)}, {"ddl", ddl}});
      int pos = 0;
      for (const auto& col : t.columns) {
        bool in_pi = std::find(t.cluster_by.begin(), t.cluster_by.end(), col.name) != t.cluster_by.end();
        columns.push_back({{"table_schema", s.name}, {"table_name", t.name}, {"column_name", col.name},
                           {"ordinal_position", ++pos}, {"data_type", col.type},
                           {"is_nullable", col.not_null ? "NO" : "YES"},
                           {"column_default", col.default_expr ? json(*col.default_expr) : json(nullptr)},
                           {"is_in_primary_index", in_pi ? "YES" : "NO"}, {"is_in_partition_expr", "NO"}});
      }
    }
    for (const auto& v : s.views) {
      tables.push_back({{"table_schema", s.name}, {"table_name", v.name}, {"table_type", "VIEW"},
                        {"primary_index", nullptr}, {"ddl", nullptr}});
      views.push_back({{"table_schema", s.name}, {"table_name", v.name}, {"view_definition", v.definition}});
    }
  }
  // Rows come in no particular order: reverse them to prove it.
  std::reverse(columns.begin(), columns.end());
  return json{{"tables", tables}, {"columns", columns}, {"views", views}}.dump(2);
}

auto Sample() -> catalog::Catalog {
  catalog::Catalog c;
  c.target = "firebolt";
  catalog::Schema s;
  s.name = "public";
  catalog::Table events;
  events.name = "events";
  events.kind = "fact";
  events.columns = {Col("id", "BIGINT", true), Col("user_id", "BIGINT", true),
                    Col("amount", "NUMERIC(10,2)", false), Col("tags", "ARRAY(TEXT)", false),
                    Col("occurred_at", "TIMESTAMPTZ", true, "CURRENT_TIMESTAMP"),
                    Col("source", "TEXT", true, "'cdc'")};
  events.cluster_by = {"occurred_at", "user_id"};
  events.options["partition_by"] = "DATE_TRUNC('month', occurred_at)";
  catalog::Table users;
  users.name = "users";
  users.kind = "dimension";
  users.columns = {Col("id", "BIGINT", true), Col("Name", "TEXT", false)};
  catalog::View v;
  v.name = "big_events";
  v.definition = "SELECT id, amount FROM events WHERE amount > 100";
  v.depends_on = {{"public", "events"}};
  s.tables = {events, users};
  s.views = {v};
  c.schemas = {s};
  catalog::Canonicalize(c);
  return c;
}

}  // namespace

TEST_CASE("firebolt: import reads back what the documented queries return", "[firebolt]") {
  catalog::Catalog c = Sample();
  std::string error;
  auto imported = target::FindBackend("firebolt")->ImportCatalog(QueryOutput(c), error);
  INFO(error);
  REQUIRE(imported);
  CHECK(catalog::ToJson(*imported) == catalog::ToJson(c));
}

TEST_CASE("firebolt: import without DDL or primary_index takes them from the column flags", "[firebolt]") {
  std::string text = R"J({"tables": [{"table_schema": "public", "table_name": "t", "table_type": "FACT"}],
    "columns": [
      {"table_schema": "public", "table_name": "t", "column_name": "b", "ordinal_position": "2", "data_type": "int",
       "is_nullable": false, "column_default": null, "is_in_primary_index": true, "is_in_partition_expr": "YES"},
      {"table_schema": "public", "table_name": "t", "column_name": "a", "ordinal_position": 1,
       "data_type": "numeric(10, 2)", "is_nullable": "YES", "is_in_primary_index": "NO", "is_in_partition_expr": "NO"}]})J";
  std::string error;
  auto c = backends::firebolt::ImportCatalog(text, error);
  INFO(error);
  REQUIRE(c);
  const catalog::Table* t = c->FindTable({"public", "t"});
  REQUIRE(t);
  REQUIRE(t->columns.size() == 2);
  CHECK(t->columns[0].name == "a");
  CHECK(t->columns[0].type == "NUMERIC(10,2)");
  CHECK_FALSE(t->columns[0].not_null);
  CHECK(t->columns[1].type == "INTEGER");
  CHECK(t->columns[1].not_null);
  CHECK(t->cluster_by == std::vector<std::string>{"b"});
  CHECK(t->options.at("partition_by") == "b");
  CHECK(t->kind == "fact");
}

TEST_CASE("firebolt: import names the record it cannot read", "[firebolt]") {
  std::string error;
  CHECK_FALSE(backends::firebolt::ImportCatalog("not json", error));
  CHECK(error.rfind("invalid JSON at line 1, column 2", 0) == 0);
  CHECK_FALSE(backends::firebolt::ImportCatalog("[1, 2]", error));
  CHECK(error.find("JSON object") != std::string::npos);
  CHECK_FALSE(backends::firebolt::ImportCatalog(R"J({"tables": [], "columns": [{"table_schema": "public"}]})J", error));
  CHECK(error.find("columns[0]") != std::string::npos);
  CHECK_FALSE(backends::firebolt::ImportCatalog(
      R"J({"tables": [{"table_schema": "public", "table_name": "t"}], "columns": [{"table_schema": "public",
          "table_name": "t", "column_name": "a", "ordinal_position": "x", "data_type": "int", "is_nullable": "YES"}]})J",
      error));
  CHECK(error.find("ordinal_position") != std::string::npos);
}

TEST_CASE("firebolt: types as information_schema reports them", "[firebolt]") {
  using backends::firebolt::CanonicalType;
  CHECK(CanonicalType("int") == "INTEGER");
  CHECK(CanonicalType("long") == "BIGINT");
  CHECK(CanonicalType("double precision") == "DOUBLE PRECISION");
  CHECK(CanonicalType("array(int null)") == "ARRAY(INTEGER)");
  CHECK(CanonicalType("ARRAY(ARRAY(text NOT NULL))") == "ARRAY(ARRAY(TEXT))");
  CHECK(CanonicalType("decimal(12, 3)") == "NUMERIC(12,3)");
  CHECK(CanonicalType("timestamptz") == "TIMESTAMPTZ");
}

TEST_CASE("firebolt: every change but an added column rebuilds the table", "[firebolt]") {
  auto fb = target::FindBackend("firebolt");
  catalog::Table from = Sample().schemas[0].tables[0];
  catalog::Table to = from;
  CHECK(fb->DecideTable({"public", "events"}, from, to).strategy == target::Strategy::InPlace);
  to.columns.push_back(Col("extra", "TEXT", false));
  CHECK(fb->DecideTable({"public", "events"}, from, to).strategy == target::Strategy::InPlace);
  to = from;
  to.columns.pop_back();
  auto d = fb->DecideTable({"public", "events"}, from, to);
  CHECK(d.strategy == target::Strategy::RebuildTable);
  CHECK(d.message.find("column 'source' is dropped") != std::string::npos);
  to = from;
  to.cluster_by = {"id"};
  CHECK(fb->DecideTable({"public", "events"}, from, to).strategy == target::Strategy::RebuildTable);
  to = from;
  to.kind = "dimension";
  CHECK(fb->DecideTable({"public", "events"}, from, to).strategy == target::Strategy::RebuildTable);
  to = from;
  to.options.clear();
  CHECK(fb->DecideTable({"public", "events"}, from, to).strategy == target::Strategy::RebuildTable);
  catalog::Column a = Col("a", "INTEGER", false), b = Col("a", "BIGINT", false);
  CHECK(fb->DecideColumn({from, to, a, b, diff::ChangeKind::Type}).strategy == target::Strategy::RebuildTable);
  CHECK(fb->DecideColumn({from, to, a, a, diff::ChangeKind::None}).strategy == target::Strategy::InPlace);
  CHECK_FALSE(fb->TransactionRules().ddl);
  CHECK(fb->SameExpression("now()", "CURRENT_TIMESTAMP"));
  CHECK_FALSE(fb->SameExpression("'a'", "'A'"));
}

TEST_CASE("firebolt: a rebuild copies, casts and renames, then swaps the names", "[firebolt]") {
  catalog::Table from, to;
  from.name = to.name = "t";
  from.kind = to.kind = "fact";
  from.columns = {Col("id", "INTEGER", true), Col("title", "TEXT", false), Col("n", "INTEGER", false)};
  to.columns = {Col("id", "BIGINT", true), Col("label", "TEXT", true, "''"), Col("n", "INTEGER", false),
                Col("added", "TEXT", false)};
  // `label` was called `title`: `from` is the table as it is, `to` names the old column.
  to.columns[1].renamed_from = std::string("title");
  auto st = backends::firebolt::RebuildStatements("public", from, to);
  REQUIRE(st.size() == 6);
  CHECK(st[0] == std::pair<std::string, bool>{"DROP TABLE IF EXISTS t__new;", true});
  CHECK(st[1].first.rfind("CREATE FACT TABLE IF NOT EXISTS t__new (", 0) == 0);
  CHECK(st[1].second);
  CHECK(st[2].first ==
        "INSERT INTO t__new (id, label, n)\nSELECT CAST(id AS BIGINT) AS id, COALESCE(title, '') AS label, n\nFROM t;");
  CHECK_FALSE(st[2].second);
  CHECK(st[3].first == "ALTER TABLE t RENAME TO t__old;");
  CHECK(st[4].first == "ALTER TABLE t__new RENAME TO t;");
  CHECK(st[5] == std::pair<std::string, bool>{"DROP TABLE IF EXISTS t__old;", true});
}

namespace {

/// Random Firebolt-shaped catalogs: a few tables of the types the backend
/// spells, with kinds, primary indexes, partitions and a view over one.
struct FireboltGen {
  std::mt19937 rng;
  auto Pick(int n) -> int { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  auto Coin() -> bool { return Pick(2) == 0; }

  auto Column(const std::string& name, bool array_ok = true) -> catalog::Column {
    static const std::vector<std::string> scalars = {"INTEGER", "BIGINT", "TEXT", "NUMERIC(10,2)", "TIMESTAMPTZ",
                                                     "BOOLEAN"};
    std::string type = array_ok && Pick(6) == 0 ? "ARRAY(TEXT)" : scalars[static_cast<size_t>(Pick(6))];
    catalog::Column c = Col(name, type, Coin());
    Default(c);
    return c;
  }
  void Default(catalog::Column& c) {
    c.default_expr.reset();
    if (Coin()) return;
    if (c.type == "TEXT") c.default_expr = Coin() ? "'x'" : "'y'";
    else if (c.type == "INTEGER" || c.type == "BIGINT") c.default_expr = Coin() ? "0" : "1";
    else if (c.type == "TIMESTAMPTZ") c.default_expr = "CURRENT_TIMESTAMP";
  }
  auto Table(const std::string& name) -> catalog::Table {
    catalog::Table t;
    t.name = name;
    t.kind = Coin() ? "fact" : "dimension";
    int n = 1 + Pick(5);
    for (int i = 0; i < n; ++i) t.columns.push_back(Column("c" + std::to_string(i)));
    Index(t);
    return t;
  }
  void Index(catalog::Table& t) {
    t.cluster_by.clear();
    t.options.clear();
    if (Coin()) t.cluster_by.push_back(t.columns[static_cast<size_t>(Pick(static_cast<int>(t.columns.size())))].name);
    if (Pick(3) == 0) t.options["partition_by"] = t.columns[0].name;
  }
  auto Catalog() -> catalog::Catalog {
    catalog::Catalog c;
    c.target = "firebolt";
    catalog::Schema s;
    s.name = "public";
    int n = 1 + Pick(3);
    for (int i = 0; i < n; ++i) s.tables.push_back(Table("t" + std::to_string(i)));
    if (Coin()) {
      catalog::View v;
      v.name = "v";
      v.definition = "SELECT * FROM t0";
      v.depends_on = {{"public", "t0"}};
      s.views.push_back(v);
    }
    c.schemas.push_back(std::move(s));
    catalog::Canonicalize(c);
    return c;
  }
  /// `a` changed the ways a source evolves: columns added, dropped,
  /// retyped (never between an array and a single value), made (not) null,
  /// given another default; the primary index, partitioning or kind changed.
  auto Evolve(catalog::Catalog a) -> catalog::Catalog {
    for (auto& t : a.schemas[0].tables) {
      switch (Pick(8)) {
        case 0: t.columns.push_back(Column("n" + std::to_string(Pick(1000)))); break;
        case 1:
          if (t.columns.size() > 1) t.columns.pop_back();
          break;
        case 2: {
          auto& c = t.columns[static_cast<size_t>(Pick(static_cast<int>(t.columns.size())))];
          if (c.type != "ARRAY(TEXT)") {
            std::string name = c.name;
            bool nn = c.not_null;
            c = Column(name, false);
            c.not_null = nn;
          }
          break;
        }
        case 3: t.columns[0].not_null = !t.columns[0].not_null; break;
        case 4: Default(t.columns[0]); break;
        case 5: Index(t); break;
        case 6: t.kind = t.kind == "fact" ? "dimension" : "fact"; break;
        default: break;
      }
      // A primary index or partition over a dropped column goes with it.
      std::erase_if(t.cluster_by, [&](const std::string& k) { return !t.FindColumn(k); });
      if (auto it = t.options.find("partition_by"); it != t.options.end() && !t.FindColumn(it->second))
        t.options.erase(it);
    }
    if (Pick(4) == 0) a.schemas[0].tables.push_back(Table("new" + std::to_string(Pick(100))));
    catalog::Canonicalize(a);
    return a;
  }
};

auto Sorted(catalog::Catalog c) -> std::string {
  for (auto& s : c.schemas)
    for (auto& t : s.tables)
      std::sort(t.columns.begin(), t.columns.end(), [](auto& x, auto& y) { return x.name < y.name; });
  return catalog::ToJson(c);
}

}  // namespace

TEST_CASE("firebolt: plan(A->B) applied to A gives B, every change emits, plan(B->B) is empty", "[firebolt][property]") {
  auto fb = target::FindBackend("firebolt");
  int rebuilds = 0, adds = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    FireboltGen g{std::mt19937(seed)};
    catalog::Catalog a = g.Catalog();
    catalog::Catalog b = g.Evolve(a);
    INFO("seed " << seed << "\nA = " << catalog::ToJson(a) << "\nB = " << catalog::ToJson(b));
    source::SourceManager sm;
    diag::Engine diags(sm);
    plan::Plan p = plan::Order(*fb, diff::Diff(a, b, *fb, diags), diags);
    REQUIRE(diag::RenderText(diags, false) == "");
    CHECK_FALSE(p.transactional);
    for (const auto& c : p.changes) {
      // Firebolt alters in place only by adding a column.
      CHECK_FALSE(std::holds_alternative<diff::AlterColumn>(c.op));
      CHECK_FALSE(std::holds_alternative<diff::DropColumn>(c.op));
      rebuilds += std::holds_alternative<diff::RebuildTable>(c.op);
      adds += std::holds_alternative<diff::AddColumn>(c.op);
    }
    auto script = fb->Emit(p, diags);
    REQUIRE(diag::RenderText(diags, false) == "");
    REQUIRE(script);
    for (const auto& s : script->statements) CHECK_FALSE(s.transactional);
    std::string error;
    auto result = plan::Simulate(a, p, *fb, error);
    REQUIRE(error == "");
    REQUIRE(result);
    CHECK(Sorted(*result) == Sorted(b));
    plan::Plan again = plan::Order(*fb, diff::Diff(b, b, *fb, diags), diags);
    CHECK(again.changes.empty());
  }
  CHECK(rebuilds > 50);  // the generator reaches both kinds of change
  CHECK(adds > 10);
}

TEST_CASE("firebolt: import refuses the state a rebuild leaves between its renames", "[firebolt]") {
  auto rows = [](std::vector<std::string> names) {
    nlohmann::json tables = nlohmann::json::array(), columns = nlohmann::json::array();
    for (const auto& n : names) {
      tables.push_back({{"table_schema", "public"}, {"table_name", n}, {"table_type", "FACT"}});
      columns.push_back({{"table_schema", "public"}, {"table_name", n}, {"column_name", "a"}, {"ordinal_position", 1},
                         {"data_type", "int"}, {"is_nullable", "YES"}});
    }
    return nlohmann::json{{"tables", tables}, {"columns", columns}}.dump();
  };
  std::string error;
  CHECK_FALSE(backends::firebolt::ImportCatalog(rows({"t__old", "t__new"}), error));
  CHECK(error.find("a rebuild stopped between its renames") != std::string::npos);
  CHECK(error.find("ALTER TABLE t__new RENAME TO t;") != std::string::npos);
  // Before the first rename, or after the second, the state plans fine.
  CHECK(backends::firebolt::ImportCatalog(rows({"t", "t__new"}), error));
  CHECK(backends::firebolt::ImportCatalog(rows({"t", "t__old"}), error));
  CHECK(backends::firebolt::ImportCatalog(rows({"x__old"}), error));
}
