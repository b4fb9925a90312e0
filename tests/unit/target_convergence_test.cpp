// Convergence for every backend, from source: a generated project A and a
// mutation of it B (columns added, dropped, retyped, renamed, made NOT NULL,
// defaults changed, tables added, dropped and renamed, views over them,
// Snowflake pipes loading them) are compiled for the target; plan(A→B),
// applied to A by the in-memory applier, must give exactly B, and plan(B→B)
// must be empty (Postgres, Snowflake, Firebolt and Flink). Where convergence_test.cpp generates catalogs in Postgres's
// spelling, this goes through each backend's own lowering and decisions: a
// rebuild, a pipe paused and replaced, an in-place widening.
#include <catch2/catch.hpp>
#include <algorithm>
#include <random>

#include "compiler/plan/simulate.h"
#include "helpers.h"

using namespace schemac;

namespace {

struct GenColumn {
  std::string name, type;
  bool not_null = false;
  std::string default_expr;  // "" for none
  std::string renamed_from;  // "" unless B renames it
};

struct GenTable {
  std::string name;
  std::vector<GenColumn> columns;  // columns[0] is the key, `id bigint`
  bool primary_key = false, view = false, pipe = false;
  std::string unique;      // a column with a unique key, "" for none
  std::string references;  // a table whose id this table's id references, "" for none
  std::string comment, renamed_from;
};

const std::vector<std::string> kTypes = {"int",         "bigint",        "text", "varchar(20)", "varchar(40)",
                                         "decimal(10,2)", "decimal(12,4)", "bool", "date",        "timestamptz",
                                         "timestamp"};

auto DefaultFor(const std::string& type, int pick) -> std::string {
  if (type == "int" || type == "bigint" || type.rfind("decimal", 0) == 0) return pick ? "1" : "0";
  if (type == "text" || type.rfind("varchar", 0) == 0) return pick ? "'y'" : "'x'";
  if (type == "bool") return pick ? "true" : "false";
  if (type == "timestamptz" || type == "timestamp") return "now()";
  return "";
}

struct SourceGen {
  std::mt19937 rng;
  int next_name = 0;

  auto Roll(int n) -> int { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  auto Chance(int percent) -> bool { return Roll(100) < percent; }

  auto Column() -> GenColumn {
    GenColumn c;
    c.name = "c" + std::to_string(next_name++);
    c.type = kTypes[static_cast<size_t>(Roll(static_cast<int>(kTypes.size())))];
    c.not_null = Chance(30);
    if (Chance(30)) c.default_expr = DefaultFor(c.type, Roll(2));
    return c;
  }

  auto Table() -> GenTable {
    GenTable t;
    t.name = "t" + std::to_string(next_name++);
    t.columns.push_back({"id", "bigint", true, "", ""});
    for (int i = 1 + Roll(4); i > 0; --i) t.columns.push_back(Column());
    t.primary_key = Chance(50);
    if (Chance(25)) t.unique = t.columns.back().name;
    t.view = Chance(40);
    t.pipe = Chance(40);
    if (Chance(30)) t.comment = "table " + t.name;
    return t;
  }

  auto Project() -> std::vector<GenTable> {
    std::vector<GenTable> ts;
    for (int i = 1 + Roll(4); i > 0; --i) ts.push_back(Table());
    Link(ts);
    return ts;
  }

  /// Foreign keys to tables whose id is a primary key, and none to a table
  /// that is gone or no longer has one.
  void Link(std::vector<GenTable>& ts) {
    auto keyed = [&](const std::string& name) {
      return std::any_of(ts.begin(), ts.end(), [&](const GenTable& t) { return t.name == name && t.primary_key; });
    };
    for (auto& t : ts) {
      if (!t.references.empty() && (!keyed(t.references) || Chance(20))) t.references.clear();
      if (t.references.empty() && Chance(25)) {
        const auto& to = ts[static_cast<size_t>(Roll(static_cast<int>(ts.size())))];
        if (to.primary_key && to.name != t.name) t.references = to.name;
      }
    }
  }

  /// B: A changed the ways a project changes between two commits.
  auto Mutate(std::vector<GenTable> ts) -> std::vector<GenTable> {
    std::vector<GenTable> out;
    for (auto& t : ts) {
      if (Chance(10)) continue;  // dropped
      if (Chance(10)) {
        t.renamed_from = t.name;
        t.name = "t" + std::to_string(next_name++);
      }
      std::vector<GenColumn> cols = {t.columns[0]};
      for (size_t i = 1; i < t.columns.size(); ++i) {
        GenColumn c = t.columns[i];
        if (Chance(15)) continue;  // dropped
        if (Chance(15)) c.type = kTypes[static_cast<size_t>(Roll(static_cast<int>(kTypes.size())))];
        if (Chance(15)) c.not_null = !c.not_null;
        if (Chance(15)) c.default_expr = Chance(50) ? "" : DefaultFor(c.type, Roll(2));
        if (!c.default_expr.empty() && DefaultFor(c.type, 0).empty()) c.default_expr.clear();
        if (!c.default_expr.empty() && c.default_expr != DefaultFor(c.type, 0) &&
            c.default_expr != DefaultFor(c.type, 1))
          c.default_expr = DefaultFor(c.type, 0);  // retyped: a default of the new type
        if (Chance(10)) {
          c.renamed_from = c.name;
          c.name = "c" + std::to_string(next_name++);
        }
        cols.push_back(c);
      }
      if (Chance(25)) cols.push_back(Column());
      t.columns = std::move(cols);
      bool unique_kept = std::any_of(t.columns.begin(), t.columns.end(),
                                     [&](const GenColumn& c) { return c.name == t.unique || c.renamed_from == t.unique; });
      if (!unique_kept || Chance(15)) t.unique = Chance(50) ? t.columns.back().name : "";
      else if (!t.unique.empty())
        for (const auto& c : t.columns)
          if (c.renamed_from == t.unique) t.unique = c.name;
      if (Chance(15)) t.primary_key = !t.primary_key;
      if (Chance(15)) t.view = !t.view;
      if (Chance(15)) t.pipe = !t.pipe;
      if (Chance(15)) t.comment = t.comment.empty() ? "now " + t.name : "";
      out.push_back(std::move(t));
    }
    if (Chance(30)) out.push_back(Table());
    for (auto& t : out)  // a reference follows its table's rename
      for (const auto& u : out)
        if (!u.renamed_from.empty() && t.references == u.renamed_from) t.references = u.name;
    Link(out);
    return out;
  }
};

auto Source(const std::vector<GenTable>& ts, const std::string& target) -> std::string {
  std::string s;
  if (target == "flink-versioned") s += "flink { evolution versioned }\n";
  for (const auto& t : ts) {
    s += "table " + t.name + " {\n";
    if (!t.renamed_from.empty()) s += "  renamed from " + t.renamed_from + "\n";
    for (const auto& c : t.columns) {
      s += "  " + c.name + " " + c.type + (c.not_null ? " not null" : "");
      if (!c.default_expr.empty()) s += " default " + c.default_expr;
      if (!c.renamed_from.empty()) s += " renamed from " + c.renamed_from;
      s += "\n";
    }
    if (t.primary_key) s += "  primary key (id)\n";
    if (!t.unique.empty() && t.unique != "id") s += "  unique (" + t.unique + ")\n";
    if (!t.references.empty()) s += "  foreign key (id) references " + t.references + " (id)\n";
    if (!t.comment.empty()) s += "  comment '" + t.comment + "'\n";
    s += "}\n";
    if (t.view) s += "view v_" + t.name + " as \"\"\"select id, " + t.columns.back().name + " from " + t.name + "\"\"\"\n";
    if (t.pipe && target == "snowflake")
      s += "snowflake pipe p_" + t.name + " {\n  into " + t.name + "\n  from '@stage/" + t.name +
           "/'\n  format parquet\n}\n";
  }
  if (ts.size() >= 2 && ts.size() % 2 == 0)  // a view over two tables, dropped and made again with them
    s += "view v_both as \"\"\"select id from " + ts[0].name + " union all select id from " + ts[1].name + "\"\"\"\n";
  return s;
}

/// Under `evolution versioned` a column B adds to a table of A, or makes NOT
/// NULL, is filled by the copy into the new version: it needs a default (the
/// backend refuses it otherwise, which flink_test and the lit tests check).
void FillNewColumns(const std::vector<GenTable>& a, std::vector<GenTable>& b) {
  for (auto& t : b) {
    const std::string& was = t.renamed_from.empty() ? t.name : t.renamed_from;
    auto old = std::find_if(a.begin(), a.end(), [&](const GenTable& x) { return x.name == was; });
    if (old == a.end()) continue;
    for (auto& c : t.columns) {
      const std::string& col_was = c.renamed_from.empty() ? c.name : c.renamed_from;
      auto had = std::find_if(old->columns.begin(), old->columns.end(), [&](const GenColumn& x) { return x.name == col_was; });
      // A new NOT NULL column, or one made NOT NULL, needs a default.
      if ((had != old->columns.end() && had->not_null) || !c.not_null || !c.default_expr.empty()) continue;
      c.default_expr = DefaultFor(c.type, 0);
      if (c.default_expr.empty()) c.not_null = false;
    }
  }
}

/// A catalog as the state it describes: no source ranges or renames, no
/// empty schema (the target's default one exists whether or not it is
/// named), columns as a set (a rebuild may order them anew; an appended
/// column cannot be moved).
auto State(catalog::Catalog c) -> std::string {
  catalog::ForgetSource(c);
  std::erase_if(c.schemas, [](const catalog::Schema& s) { return s.empty(); });
  for (auto& s : c.schemas)
    for (auto& t : s.tables)
      std::sort(t.columns.begin(), t.columns.end(), [](auto& x, auto& y) { return x.name < y.name; });
  return catalog::ToJson(c);
}

}  // namespace

TEST_CASE("convergence from source: plan(A->B) applied to A gives B on every target", "[property]") {
  const int kPairs = 1000;
  // flink-versioned: Flink with `evolution versioned`, where a physical
  // change copies the table into a new version (a rebuild).
  for (std::string variant : {"postgres", "snowflake", "firebolt", "flink", "flink-versioned"}) {
    std::string target = variant == "flink-versioned" ? "flink" : variant;
    auto backend = target::FindBackend(target);
    REQUIRE(backend);
    int non_empty = 0, rebuilds = 0;
    for (int seed = 1; seed <= kPairs; ++seed) {
      SourceGen g{std::mt19937(static_cast<unsigned>(seed))};
      auto a_tables = g.Project();
      auto b_tables = seed % 7 == 0 ? a_tables : g.Mutate(a_tables);
      if (variant == "flink-versioned") FillNewColumns(a_tables, b_tables);
      std::string a_src = Source(a_tables, variant);
      // A is the state B's `renamed from` refers to: A itself carries none.
      std::string b_src = Source(b_tables, variant);
      INFO("target " << variant << ", seed " << seed << "\n--- A\n" << a_src << "--- B\n" << b_src);
      auto a = testing::Compile(a_src, true, target);
      auto b = testing::Compile(b_src, true, target);
      INFO(a->Messages() << b->Messages());
      REQUIRE(a->catalog);
      REQUIRE(b->catalog);
      REQUIRE_FALSE(a->diags.has_errors());
      REQUIRE_FALSE(b->diags.has_errors());
      catalog::Catalog from = *a->catalog;
      catalog::ForgetSource(from);

      diag::Engine diags(b->sm);
      plan::Plan p = testing::PlanBetween(from, *b->catalog, *backend, diags);
      INFO(diag::RenderText(diags, false));
      REQUIRE_FALSE(diags.has_errors());
      std::string error;
      auto result = plan::Simulate(from, p, error);
      INFO("plan has " << p.changes.size() << " changes");
      REQUIRE(error == "");
      REQUIRE(result);
      CHECK(State(*result) == State(*b->catalog));
      if (!p.empty()) ++non_empty;
      for (const auto& c : p.changes) rebuilds += std::holds_alternative<diff::RebuildTable>(c.op);

      catalog::Catalog b_state = *result;
      catalog::ForgetSource(b_state);
      diag::Engine again(b->sm);
      CHECK(testing::PlanBetween(b_state, *b->catalog, *backend, again).empty());
    }
    CHECK(non_empty > kPairs * 2 / 3);  // the mutations really change something
    // Rebuilds happen where the target makes them (a retype on Firebolt, a new version on Flink).
    if (variant == "firebolt" || variant == "flink-versioned") CHECK(rebuilds > kPairs / 4);
    if (variant == "flink") CHECK(rebuilds == 0);
  }
}
