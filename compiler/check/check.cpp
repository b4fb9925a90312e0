// Semantic checks over the expanded AST, producing the portable model.
//
// Passes: declare every schema object (duplicate names), build enums, build
// tables (types, constraints, indexes, expressions), resolve foreign keys and
// view dependencies (which need every table), then check target blocks.
// Allow clauses and lint blocks are read right after the declarations,
// whose names a qualified `on` is checked against.
// The `Checker` is declared in checker.h; its members are defined by concern
// in names.cpp, objects.cpp, tables.cpp, literals.cpp, views.cpp,
// targets.cpp and allows.cpp. This file holds the order of the passes.
#include "compiler/check/check.h"

#include <algorithm>
#include <cctype>

#include "compiler/check/checker.h"

namespace schemac::check {

auto Lower(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

auto Checker::SchemaKey(const std::optional<Name>& n) const -> std::string {
  if (!n) return "";
  std::string k = n->key();
  return k == dialect_.DefaultNamespace() ? "" : k;
}

auto Checker::SchemaDisplay(const std::string& key) const -> std::string {
  return key.empty() ? dialect_.DefaultNamespace() : key;
}

auto Checker::Run(const ast::Unit& unit) -> std::optional<model::Realm> {
  for (const auto& f : unit.files) Declare(f.decls, std::nullopt, false);
  CheckLint(unit);
  for (auto& p : pending_tables_) BuildTable(p);
  for (auto& fk : pending_fks_) ResolveForeignKey(fk);
  for (auto& v : pending_views_) BuildView(v);
  for (const auto* pipe : pending_pipes_) ResolvePipe(*pipe);
  for (auto& p : pending_tables_) ResolvePartition(p);
  for (const auto& q : pending_sequences_) ResolveSequenceOwner(q);
  for (auto& p : pending_tables_) CheckRenames(p);
  CheckRenamedTwice();
  if (diags_.has_errors()) return std::nullopt;
  return std::move(realm_);
}
auto Check(const ast::Unit& unit, diag::Engine& diags, const target::Dialect& dialect) -> std::optional<model::Realm> {
  Checker checker(diags, dialect);
  return checker.Run(unit);
}

auto TargetNames() -> const std::vector<std::string>& {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto* d : target::Dialects()) out.emplace_back(d->Name());
    return out;
  }();
  return names;
}

}  // namespace schemac::check
