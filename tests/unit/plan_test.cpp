// The planner on shapes too large to write as golden files.
#include <catch2/catch.hpp>

#include "compiler/plan/plan.h"
#include "fake_backend.h"

namespace schemac {
namespace {

/// `n` new tables, each with a foreign key to the next, the last to the first.
auto ForeignKeyRing(size_t n) -> std::vector<diff::Change> {
  std::vector<diff::Change> changes;
  for (size_t i = 0; i < n; ++i) {
    catalog::Table t;
    t.name = "t" + std::to_string(i);
    catalog::Constraint fk;
    fk.kind = catalog::Constraint::Kind::ForeignKey;
    fk.name = "t" + std::to_string(i) + "_next_fkey";
    fk.columns = {"next_id"};
    fk.ref_table = {"app", "t" + std::to_string((i + 1) % n)};
    fk.ref_columns = {"id"};
    t.constraints.push_back(fk);
    changes.push_back({diff::CreateTable{"app", std::move(t)}, {}, {}, {}});
  }
  return changes;
}

TEST_CASE("plan: a foreign-key cycle through 100,000 new tables is broken without deep recursion", "[plan]") {
  // The cycle finder was recursive, one frame per table in the chain; it
  // is llvm::scc_iterator now. 100,000 frames of the old one overflowed an
  // 8 MB stack.
  const size_t n = 100000;
  testing::FakeBackend backend;
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = plan::Order(backend, ForeignKeyRing(n), diags);
  CHECK_FALSE(diags.has_errors());
  size_t creates = 0, moved = 0;
  for (const auto& c : p.changes) {
    if (std::holds_alternative<diff::CreateTable>(c.op)) {
      ++creates;
      CHECK(std::get<diff::CreateTable>(c.op).table.constraints.empty());
    } else if (std::holds_alternative<diff::AddConstraint>(c.op)) {
      ++moved;
    }
  }
  CHECK(creates == n);
  CHECK(moved == n);  // every key is in the one cycle: each is added after both tables exist
}

TEST_CASE("plan: foreign keys among new tables outside a cycle stay in their CREATE TABLE", "[plan]") {
  auto changes = ForeignKeyRing(3);
  std::get<diff::CreateTable>(changes[2].op).table.constraints.clear();  // t2 no longer closes the ring
  testing::FakeBackend backend;
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = plan::Order(backend, std::move(changes), diags);
  size_t moved = 0;
  for (const auto& c : p.changes) moved += std::holds_alternative<diff::AddConstraint>(c.op);
  CHECK(moved == 0);
}

}  // namespace
}  // namespace schemac
