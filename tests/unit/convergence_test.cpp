// Convergence property test: for many generated pairs of catalogs (A, B),
// applying plan(A→B) to A with the in-memory applier yields exactly B, every
// change applies in the order given, and plan(B→B) is empty.
//
// Column order is compared as a set: Postgres appends new columns and cannot
// reorder them, so the differ (rightly) does not plan reorders.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>

#include "catalog_gen.h"
#include "compiler/plan/simulate.h"
#include "helpers.h"

using namespace schemac;
using testing::Comparable;

TEST_CASE("convergence: plan(A->B) applied to A gives B, and plan(B->B) is empty", "[property]") {
  const int kPairs = 400;
  int non_empty = 0;
  for (int seed = 1; seed <= kPairs; ++seed) {
    testing::Gen<std::mt19937> g{std::mt19937(static_cast<unsigned>(seed))};
    catalog::Catalog a = g.Catalog();
    catalog::Catalog b = seed % 5 == 0 ? a : g.Catalog();
    g.Reconcile(a, b);
    source::SourceManager sm;
    diag::Engine diags(sm);
    plan::Plan p = testing::PlanBetween(a, b, diags);
    if (const char* dir = std::getenv("SCHEMAC_CONVERGENCE_DUMP"); dir && (diags.has_errors() || seed == kPairs)) {
      std::ofstream(std::string(dir) + "/a.json") << catalog::ToJson(a);  // to replay a failing pair
      std::ofstream(std::string(dir) + "/b.json") << catalog::ToJson(b);
    }
    INFO("seed " << seed << "\nA = " << catalog::ToJson(a) << "\nB = " << catalog::ToJson(b));
    REQUIRE(diag::RenderText(diags, false) == "");
    std::string error;
    auto result = plan::Simulate(a, p, error);
    INFO("plan has " << p.changes.size() << " changes");
    REQUIRE(error == "");
    REQUIRE(result);
    CHECK(Comparable(*result) == Comparable(b));
    if (!p.empty()) ++non_empty;

    diag::Engine again(sm);
    catalog::Catalog b_state = *result;
    CHECK(testing::PlanBetween(b_state, b, again).empty());
  }
  CHECK(non_empty > kPairs / 2);  // the generator really produces differences
}

TEST_CASE("convergence: renames compose with type changes and dependents dropped and added again", "[property]") {
  const int kPairs = 400;
  int renames = 0;
  auto backend = target::FindBackend("postgres");
  for (int seed = 1; seed <= kPairs; ++seed) {
    testing::Gen<std::mt19937> g{std::mt19937(static_cast<unsigned>(seed) * 7919u)};
    catalog::Catalog a = g.Catalog();
    catalog::Catalog b = g.Evolve(a, *backend);
    // A's own checks and indexes are the ones B evolved from.
    source::SourceManager sm;
    diag::Engine diags(sm);
    plan::Plan p = testing::PlanBetween(a, b, diags);
    INFO("seed " << seed << "\nA = " << catalog::ToJson(a) << "\nB = " << catalog::ToJson(b));
    REQUIRE(diag::RenderText(diags, false) == "");
    std::string error;
    auto result = plan::Simulate(a, p, error);
    INFO("plan:\n" << [&] {
      std::string out;
      for (const auto& c : p.changes) out += diff::KindName(c.op) + " " + diff::ObjectName(c.op) + "\n";
      return out;
    }());
    REQUIRE(error == "");
    REQUIRE(result);
    // Renames are declared on B only; the state reached has none.
    catalog::Catalog want = b;
    for (auto& s : want.schemas)
      for (auto& t : s.tables) {
        renames += t.renamed_from.has_value();
        t.renamed_from.reset();
        for (auto& col : t.columns) renames += col.renamed_from.has_value(), col.renamed_from.reset();
      }
    CHECK(Comparable(*result) == Comparable(want));
    diag::Engine again(sm);
    CHECK(testing::PlanBetween(*result, b, again).empty());
  }
  CHECK(renames > kPairs / 2);
}
