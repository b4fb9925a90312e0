// Shared helpers for unit tests: compile .schema text through the phases.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "compiler/catalog/catalog.h"
#include "compiler/check/check.h"
#include "compiler/diag/diag.h"
#include "compiler/diff/diff.h"
#include "compiler/expand/expand.h"
#include "compiler/plan/plan.h"
#include "compiler/syntax/parse.h"
#include "compiler/target/target.h"

namespace schemac::testing {

/// One compilation of an in-memory file.
struct Compiled {
  source::SourceManager sm;
  diag::Engine diags{sm};
  std::optional<model::Realm> realm;
  std::optional<catalog::Catalog> catalog;

  auto Messages() const -> std::string { return diag::RenderText(diags, false); }
};

/// `text` parsed, expanded, checked in `target`'s dialect and (with `lower`) lowered by its backend.
inline auto Compile(const std::string& text, bool lower = true, const std::string& target = "postgres")
    -> std::unique_ptr<Compiled> {
  auto c = std::make_unique<Compiled>();
  ast::Unit unit;
  source::FileId id = c->sm.Add("test.schema", text);
  unit.files.push_back(syntax::Parse(id, c->sm, c->diags));
  if (c->diags.has_errors()) return c;
  expand::Expand(unit, c->sm, c->diags);
  if (c->diags.has_errors()) return c;
  c->realm = check::Check(unit, c->diags, *target::FindDialect(target));
  if (c->realm && lower) c->catalog = target::FindBackend(target)->Lower(*c->realm, c->diags);
  return c;
}

/// The ordered plan from one catalog to another (Postgres).
inline auto PlanBetween(const catalog::Catalog& from, const catalog::Catalog& to, diag::Engine& diags) -> plan::Plan {
  auto backend = target::FindBackend("postgres");
  return plan::Order(*backend, diff::Diff(from, to, *backend, diags), diags);
}

/// The ordered plan from one catalog to another, for `backend`.
inline auto PlanBetween(const catalog::Catalog& from, const catalog::Catalog& to, const target::Backend& backend,
                        diag::Engine& diags) -> plan::Plan {
  return plan::Order(backend, diff::Diff(from, to, backend, diags), diags);
}

}  // namespace schemac::testing
