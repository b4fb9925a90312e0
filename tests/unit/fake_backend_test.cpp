// The core through a second, deliberately different backend (fake_backend.h):
// the convergence property (plan(A→B) applied to A gives B; plan(B→B) is
// empty) and golden plans, with the differ, planner and applier unchanged.
#include <catch2/catch.hpp>
#include <random>

#include "compiler/plan/simulate.h"
#include "catalog_gen.h"
#include "fake_backend.h"
#include "helpers.h"

using namespace schemac;
using testing::FakeBackend;

namespace {

/// Random catalogs in the fake target's names and types.
struct FakeGen {
  std::mt19937 rng;
  auto Chance(int percent) -> bool { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }
  auto Pick(int n) -> int { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  static auto Col(std::string name, std::string type, bool not_null = false) -> catalog::Column {
    catalog::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.not_null = not_null;
    return c;
  }
  auto Type() -> std::string {
    static const char* types[] = {"INT", "STR", "STR(20)", "BOOL", "DEC(10,2)"};
    return types[Pick(5)];
  }

  auto Catalog() -> catalog::Catalog {
    catalog::Catalog cat;
    cat.target = "fake";
    for (std::string sname : {FakeBackend::kDefaultSchema, "S1"}) {
      if (sname == "S1" && Chance(50)) continue;
      catalog::Schema s;
      s.name = sname;
      for (int i = 0; i < 5; ++i) {
        if (!Chance(60)) continue;
        catalog::Table t;
        t.name = "T" + std::to_string(i);
        t.columns.push_back(Col("ID", "INT", true));
        for (int c = 0; c < 4; ++c)
          if (Chance(50)) {
            catalog::Column col = Col("C" + std::to_string(c), Type(), Chance(30));
            if (Chance(15)) col.comment = "note " + col.name;
            t.columns.push_back(col);
          }
        catalog::Constraint pk;
        pk.kind = catalog::Constraint::Kind::PrimaryKey;
        pk.name = t.name + "_PK";
        pk.columns = {"ID"};
        t.constraints.push_back(pk);
        if (t.columns.size() > 1 && Chance(30)) {
          catalog::Constraint u;
          u.kind = catalog::Constraint::Kind::Unique;
          u.name = t.name + "_UQ";
          u.columns = {t.columns[1].name};
          t.constraints.push_back(u);
        }
        if (t.columns.size() > 1 && Chance(30)) {
          catalog::Index ix;
          ix.name = t.name + "_IX";
          ix.method = "";
          ix.keys.push_back({t.columns.back().name, "", Chance(30), std::nullopt, std::nullopt, std::nullopt});
          t.indexes.push_back(ix);
        }
        if (Chance(30)) t.cluster_by = {Chance(50) ? "ID" : t.columns.back().name};
        if (Chance(20)) t.options["retention"] = Chance(50) ? "1" : "7";
        if (Chance(20)) t.comment = "table " + t.name;
        s.tables.push_back(std::move(t));
      }
      for (int i = 0; i < 2 && !s.tables.empty(); ++i)
        if (Chance(40)) View(s, "V" + std::to_string(i), s.tables[static_cast<size_t>(Pick(static_cast<int>(s.tables.size())))]);
      cat.schemas.push_back(std::move(s));
    }
    catalog::Canonicalize(cat);
    return cat;
  }

  static void View(catalog::Schema& s, const std::string& name, const catalog::Table& over) {
    catalog::View v;
    v.name = name;
    v.definition = v.source = "SELECT * FROM " + s.name + "." + over.name;
    v.depends_on = {{s.name, over.name}};
    s.views.push_back(std::move(v));
  }

  /// B from A: renames (declared), type changes, columns and keys added and
  /// dropped, clustering and options changed; views follow their tables.
  auto Evolve(const catalog::Catalog& a) -> catalog::Catalog {
    catalog::Catalog b = a;
    for (auto& s : b.schemas) {
      std::map<std::string, std::string> renamed;
      for (auto& t : s.tables) {
        if (Chance(20)) {
          renamed[t.name] = t.name + "R";
          t.renamed_from = t.name;
          t.name += "R";
        }
        for (auto& c : t.columns) {
          if (c.name == "ID") continue;
          if (Chance(10)) c.renamed_from = c.name, c.name += "R";
          else if (Chance(15)) c.type = Type();
          else if (Chance(10)) c.not_null = !c.not_null;
        }
        if (Chance(15)) t.columns.push_back(Col("N" + std::to_string(Pick(3)), Type()));
        std::sort(t.columns.begin() + 1, t.columns.end(), [](auto& x, auto& y) { return x.name < y.name; });
        t.columns.erase(std::unique(t.columns.begin(), t.columns.end(), [](auto& x, auto& y) { return x.name == y.name; }),
                        t.columns.end());
        // Keys and indexes over renamed or missing columns follow or go.
        auto fix = [&](std::vector<std::string>& cols) {
          for (auto& col : cols)
            for (auto& c : t.columns)
              if (c.renamed_from == col) col = c.name;
          return std::all_of(cols.begin(), cols.end(), [&](auto& col) { return t.FindColumn(col) != nullptr; });
        };
        std::erase_if(t.constraints, [&](auto& k) { return !fix(k.columns); });
        for (auto& k : t.constraints) k.name = t.name + (k.kind == catalog::Constraint::Kind::PrimaryKey ? "_PK" : "_UQ");
        std::erase_if(t.indexes, [&](auto& ix) {
          std::vector<std::string> cols;
          for (auto& key : ix.keys) cols.push_back(key.column);
          bool ok = fix(cols);
          for (size_t i = 0; i < cols.size(); ++i) ix.keys[i].column = cols[i];
          return !ok;
        });
        for (auto& ix : t.indexes) ix.name = t.name + "_IX";
        if (!fix(t.cluster_by)) t.cluster_by.clear();
        if (Chance(15)) t.cluster_by = t.cluster_by.empty() ? std::vector<std::string>{"ID"} : std::vector<std::string>{};
        if (Chance(10)) t.options["retention"] = "30";
        if (Chance(10)) t.comment = "changed";
      }
      for (auto& v : s.views)
        if (auto it = renamed.find(v.depends_on[0].name); it != renamed.end()) {
          v.depends_on[0].name = it->second;
          v.definition = v.source = "SELECT * FROM " + s.name + "." + it->second;
        }
    }
    catalog::Canonicalize(b);
    return b;
  }
};

auto Comparable(catalog::Catalog c) -> std::string {
  for (auto& s : c.schemas)
    for (auto& t : s.tables) {
      t.renamed_from.reset();
      for (auto& col : t.columns) col.renamed_from.reset();
    }
  return testing::Comparable(std::move(c));
}

auto Fake() -> const FakeBackend& {
  static const FakeBackend backend;
  return backend;
}

}  // namespace

TEST_CASE("fake backend: convergence through a target unlike Postgres", "[property][fake]") {
  const int kPairs = 300;
  int non_empty = 0, rebuilds = 0, in_place = 0;
  for (int seed = 1; seed <= kPairs; ++seed) {
    FakeGen g{std::mt19937(static_cast<unsigned>(seed) * 104729u)};
    catalog::Catalog a = g.Catalog();
    catalog::Catalog b = seed % 2 ? g.Evolve(a) : g.Catalog();
    source::SourceManager sm;
    diag::Engine diags(sm);
    plan::Plan p = testing::PlanBetween(a, b, Fake(), diags);
    INFO("seed " << seed << "\nA = " << catalog::ToJson(a) << "\nB = " << catalog::ToJson(b));
    INFO("plan:\n" << [&] {
      std::string out;
      for (const auto& c : p.changes) out += diff::KindName(c.op) + " " + diff::ObjectName(c.op) + "\n";
      return out;
    }());
    REQUIRE(diag::RenderText(diags, false) == "");
    CHECK_FALSE(p.transactional);
    std::string error;
    auto result = plan::Simulate(a, p, Fake(), error);
    REQUIRE(error == "");
    REQUIRE(result);
    CHECK(Comparable(*result) == Comparable(b));
    for (const auto& c : p.changes) {
      rebuilds += std::holds_alternative<diff::RebuildTable>(c.op);
      in_place += std::holds_alternative<diff::AlterTable>(c.op);
      // No type change in place, no foreign keys.
      if (auto* ac = std::get_if<diff::AlterColumn>(&c.op)) CHECK_FALSE(diff::Is(ac->kind, diff::ChangeKind::Type));
    }
    if (!p.empty()) ++non_empty;
    diag::Engine again(sm);
    CHECK(testing::PlanBetween(*result, b, Fake(), again).empty());
    auto script = Fake().Emit(p, diags);
    REQUIRE(script);
    for (const auto& st : script->statements) CHECK_FALSE(st.transactional);
  }
  CHECK(non_empty > kPairs / 2);
  CHECK(rebuilds > 10);  // the generator really exercises the rebuild strategy
  CHECK(in_place > 5);
}

namespace {

/// The fake target's script from one .schema source to another.
auto FakePlan(const std::string& from_src, const std::string& to_src) -> std::string {
  auto a = testing::Compile(from_src, false), b = testing::Compile(to_src, false);
  REQUIRE(a->realm);
  REQUIRE(b->realm);
  auto from = Fake().Lower(*a->realm, a->diags), to = Fake().Lower(*b->realm, b->diags);
  INFO(a->Messages() << b->Messages());
  REQUIRE(from);
  REQUIRE(to);
  catalog::ForgetSource(*from);
  plan::Plan p = testing::PlanBetween(*from, *to, Fake(), b->diags);
  auto script = Fake().Emit(p, b->diags);
  REQUIRE(script);
  return diag::RenderText(b->diags, false) + Fake().Render(p, *script);
}

}  // namespace

TEST_CASE("fake backend: golden plans", "[fake]") {
  SECTION("names fold to upper case; a new table is made if absent") {
    CHECK(FakePlan("", "table users { id int64 primary key\n email text not null }") ==
          "-- each statement commits on its own\n"
          "MAKE TABLE IF ABSENT MAIN.USERS (ID INT NOT NULL, EMAIL STR NOT NULL)\n"
          "KEY MAIN.USERS USERS_PK PRIMARY (ID) IF ABSENT\n");
  }
  SECTION("a type change rebuilds the table, and the view over it is recreated around the rebuild") {
    CHECK(FakePlan("table t { id int64 primary key\n n int32 }\nview v as 'SELECT * FROM T'",
                   "table t { id int64 primary key\n n text }\nview v as 'SELECT * FROM T'") ==
          "-- each statement commits on its own\n"
          "REMOVE VIEW IF PRESENT MAIN.V\n"
          "MAKE TABLE IF ABSENT MAIN.T__NEW (ID INT NOT NULL, N STR)\n"
          "KEY MAIN.T__NEW T_PK PRIMARY (ID) IF ABSENT\n"
          "COPY INTO MAIN.T__NEW (ID, N) FROM MAIN.T (ID, CAST(N AS STR)) IF PRESENT\n"
          "REMOVE TABLE IF PRESENT MAIN.T\n"
          "RENAME TABLE MAIN.T__NEW TO T IF PRESENT\n"
          "MAKE OR REPLACE VIEW MAIN.V AS SELECT * FROM T\n");
  }
  SECTION("nullability changes in place; a rename is a rename") {
    CHECK(FakePlan("table t { id int64 primary key\n n int32 }",
                   "table t { id int64 primary key\n m int32 not null renamed from n }") ==
          "-- each statement commits on its own\n"
          "TABLE MAIN.T RENAME N TO M IF PRESENT\n"
          "TABLE MAIN.T COLUMN M NOT NULL\n");
  }
  SECTION("what the target does not have is refused at lowering") {
    auto c = testing::Compile("table a { id int64 primary key }\ntable b { a_id int64 references a(id) }", false);
    REQUIRE(c->realm);
    CHECK_FALSE(Fake().Lower(*c->realm, c->diags));
    CHECK(c->Messages().find("the fake target has no foreign keys") != std::string::npos);
  }
}

TEST_CASE("fake backend: enum value changes and partition membership are the backend's decision", "[fake]") {
  // Catalogs written by hand (a snapshot): the fake target lowers no enums
  // and no partitions, yet the differ asks it, and reports its answer, not
  // Postgres's.
  auto with_enum = [](std::vector<std::string> values) {
    catalog::Catalog c;
    c.target = "fake";
    catalog::Schema s;
    s.name = FakeBackend::kDefaultSchema;
    catalog::Enum e;
    e.name = "MOOD";
    e.values = std::move(values);
    s.enums.push_back(e);
    c.schemas.push_back(s);
    return c;
  };
  auto diff = [](const catalog::Catalog& a, const catalog::Catalog& b, const target::Backend& backend) {
    source::SourceManager sm;
    diag::Engine diags(sm);
    auto changes = diff::Diff(a, b, backend, diags);
    std::string out;
    for (const auto& d : diags.all()) out += std::string(diag::KindName(d.kind)) + ": " + d.message + " / " + d.hint + "\n";
    return std::make_pair(changes.size(), out);
  };
  auto postgres = target::FindBackend("postgres");
  SECTION("a value removed: Postgres's rule is not the fake's") {
    auto a = with_enum({"HAPPY", "SAD"}), b = with_enum({"HAPPY"});
    CHECK(diff(a, b, Fake()).second ==
          "unsupported-change: the fake target has no enums; MOOD cannot change / remove the enum\n");
    CHECK(diff(a, b, *postgres).second ==
          "enum-value-removed: value 'SAD' of enum MAIN.MOOD was removed; Postgres cannot drop enum values / keep the "
          "value, or create a new enum type, move the columns to it with a cast, then drop the old type\n");
  }
  SECTION("a value added: Postgres adds it, the fake refuses") {
    auto a = with_enum({"HAPPY"}), b = with_enum({"HAPPY", "SAD"});
    CHECK(diff(a, b, Fake()) == std::make_pair(size_t{0}, std::string(
          "unsupported-change: the fake target has no enums; MOOD cannot change / remove the enum\n")));
    CHECK(diff(a, b, *postgres) == std::make_pair(size_t{1}, std::string()));
  }
  SECTION("a table becoming a partition: the way out is the backend's") {
    auto table = [](std::optional<catalog::ObjectName> parent) {
      catalog::Catalog c;
      c.target = "fake";
      catalog::Schema s;
      s.name = FakeBackend::kDefaultSchema;
      catalog::Table t;
      t.name = "T";
      if (parent) t.partition_of = parent;
      else t.columns.push_back(FakeGen::Col("ID", "INT", true));
      s.tables.push_back(t);
      c.schemas.push_back(s);
      return c;
    };
    auto a = table(std::nullopt), b = table(catalog::ObjectName{FakeBackend::kDefaultSchema, "P"});
    CHECK(diff(a, b, Fake()).second ==
          "unsupported-change: table 'MAIN.T' becomes a partition; this is not done in place / \n");
    CHECK(diff(a, b, *postgres).second ==
          "unsupported-change: table 'MAIN.T' becomes a partition; this is not done in place / attach it by hand "
          "(ALTER TABLE parent ATTACH PARTITION ...), then plan again\n");
    CHECK(diff(b, a, *postgres).second ==
          "unsupported-change: table 'MAIN.T' stops being a partition; this is not done in place / detach it by hand "
          "(ALTER TABLE parent DETACH PARTITION ...), then plan again\n");
  }
}
