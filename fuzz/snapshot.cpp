// Fuzz target (b): arbitrary bytes as a snapshot file (`--from FILE.json`).
// FromJson must refuse bad input with a message, never crash; what it
// accepts must pass Validate, write back (ToJson) to a snapshot that reads
// the same, diff against itself to nothing, and plan, emit and render from
// and to an empty catalog, and to itself with its column types shuffled,
// without crashing (the reader accepts any target name; the Postgres backend
// plans it, as `plan --to FILE.json` would).
#include "compiler/catalog/catalog.h"
#include "compiler/diff/diff.h"
#include "compiler/plan/simulate.h"
#include "fuzz/fuzz.h"

using namespace schemac;

namespace {

void PlanAndEmit(const catalog::Catalog& from, const catalog::Catalog& to, const target::Backend& backend) {
  source::SourceManager sm;
  diag::Engine diags(sm);
  auto changes = diff::Diff(from, to, backend, diags);
  plan::Plan p = plan::Order(backend, std::move(changes), diags);
  if (auto script = backend.Emit(p, diags)) (void)backend.Render(p, *script);
  (void)diag::RenderText(diags, false);
  (void)diag::RenderJson(diags);
  std::string error;
  (void)plan::Simulate(from, p, error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  std::string text(reinterpret_cast<const char*>(data), size), error;
  auto c = catalog::FromJson(text, error);
  if (!c) {
    fuzz::Require(!error.empty(), "a refused snapshot says why");
    return 0;
  }
  fuzz::Require(catalog::Validate(*c, error), "an accepted snapshot is valid", error);
  std::string json = catalog::ToJson(*c);
  auto again = catalog::FromJson(json, error);
  fuzz::Require(again.has_value(), "a snapshot written by ToJson reads back", error + "\n" + json);
  fuzz::Require(catalog::ToJson(*again) == json, "a snapshot written by ToJson reads back the same", json);

  auto backend = target::FindBackend("postgres");
  {
    source::SourceManager sm;
    diag::Engine diags(sm);
    auto changes = diff::Diff(*c, *c, *backend, diags);
    fuzz::Require(changes.empty() && !diags.has_errors(), "plan(C->C) is empty", json);
  }
  catalog::Catalog empty;
  empty.target = "postgres";
  PlanAndEmit(empty, *c, *backend);
  PlanAndEmit(*c, empty, *backend);
  // Every column retyped to its neighbour's type: the type changes of a plan
  // between two snapshots, over whatever type names the input holds.
  catalog::Catalog retyped = *c;
  for (auto& s : retyped.schemas)
    for (auto& t : s.tables)
      for (size_t i = 0; i + 1 < t.columns.size(); ++i) std::swap(t.columns[i].type, t.columns[i + 1].type);
  PlanAndEmit(*c, retyped, *backend);
  (void)backend->WriteSource(*c, {});  // `inspect --format schema`
  return 0;
}
