// Fuzz target (a): arbitrary bytes as a .schema file, through every phase a
// `schemac plan --from empty` runs: load (imports of std.* modules come from
// the standard library on disk), expand, check, lower — for every target
// that has a backend, the input's length choosing which — then plan, emit and
// render the migration from an empty database. Also formats the file
// and renders every diagnostic. Properties checked besides not crashing:
// the lowered catalog survives its snapshot round trip (what `schemac
// snapshot` writes, `--from FILE.json` reads back the same), plan(empty→C)
// simulated on an empty catalog gives C, and plan(C→C) is empty.
#include "compiler/catalog/catalog.h"
#include "compiler/check/check.h"
#include "compiler/diff/diff.h"
#include "compiler/expand/expand.h"
#include "compiler/format/format.h"
#include "compiler/plan/simulate.h"
#include "compiler/target/dialect.h"
#include "fuzz/fuzz.h"
#include "tests/unit/catalog_gen.h"

using namespace schemac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // long inputs only slow the search down
  fuzz::MemoryProvider files(std::string(reinterpret_cast<const char*>(data), size));
  source::SourceManager sm;
  diag::Engine diags(sm);
  ast::Unit unit = expand::Load({fuzz::MemoryProvider::kPath}, files, sm, diags);
  std::optional<model::Realm> realm;
  if (!diags.has_errors()) {
    for (const auto& f : unit.files) (void)format::Format(f, sm);
    expand::Expand(unit, sm, diags);
  }
  // Every registered backend, chosen by the input's length so that one
  // input's mutations meet all of them.
  static const std::vector<std::string> targets = [] {
    std::vector<std::string> out;
    for (const auto* d : target::Dialects())
      if (target::FindBackend(d->Name())) out.emplace_back(d->Name());
    return out;
  }();
  const std::string& name = targets[size % targets.size()];
  if (!diags.has_errors()) realm = check::Check(unit, diags, *target::FindDialect(name));
  auto backend = target::FindBackend(name);
  std::optional<catalog::Catalog> desired;
  if (realm) desired = backend->Lower(*realm, diags);
  (void)diag::RenderText(diags, true);
  (void)diag::RenderJson(diags);
  if (!desired || diags.has_errors()) return 0;

  // The snapshot round trip.
  std::string json = catalog::ToJson(*desired), error;
  auto reread = catalog::FromJson(json, error);
  fuzz::Require(reread.has_value(), "a lowered catalog's snapshot reads back", error + "\n" + json);
  fuzz::Require(catalog::ToJson(*reread) == json, "a lowered catalog's snapshot reads back the same", json);

  // plan --from empty.
  catalog::Catalog empty;
  empty.target = name;
  empty.externs = desired->externs;  // exist outside the plan
  diag::Engine plan_diags(sm);
  auto changes = diff::Diff(empty, *desired, *backend, plan_diags);
  plan::Plan p = plan::Order(*backend, std::move(changes), plan_diags);
  bool clean = plan_diags.all().empty();
  if (auto script = backend->Emit(p, plan_diags)) (void)backend->Render(p, *script);
  (void)diag::RenderText(plan_diags, false);
  if (!clean) return 0;
  auto result = plan::Simulate(empty, p, error);
  if (result) result->externs.clear();
  fuzz::Require(result.has_value(), "plan(empty->C) applies to an empty catalog", error + "\n" + json);
  fuzz::Require(testing::Comparable(*result) == testing::Comparable(*reread), "plan(empty->C) gives C", json);
  diag::Engine again(sm);
  auto none = diff::Diff(*reread, *desired, *backend, again);
  fuzz::Require(none.empty() && again.all().empty(), "plan(C->C) is empty", json);
  return 0;
}
