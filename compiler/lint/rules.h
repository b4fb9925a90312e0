// The registry of lint rules (rules.def): codes, slugs, default severities.
// Read by the checker (to validate `allow` and severity overrides) and by the
// lint phase; it depends on nothing but the diagnostics' severity.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diag.h"

namespace schemac::lint {

enum class RuleId {
#define RULE(id, code, slug, sev, summary) id,
#include "compiler/lint/rules.def"
#undef RULE
};

struct Rule {
  RuleId id;
  std::string_view code;     // "DS103"
  std::string_view slug;     // "drop-column"
  diag::Severity severity;   // its default
  std::string_view summary;  // "a column is dropped"
};

/// Every rule, in rules.def order.
auto Rules() -> std::span<const Rule>;
auto GetRule(RuleId id) -> const Rule&;
/// The rule named by its code (case-insensitive) or its slug, or nullptr.
auto FindRule(std::string_view code_or_slug) -> const Rule*;
/// "did you mean 'drop-column'?" for an unknown rule name, or "".
auto SuggestRule(std::string_view word) -> std::string;
/// "error", "warning", "note"; and back (nullopt for anything else).
auto SeverityName(diag::Severity s) -> std::string_view;
auto ParseSeverity(std::string_view s) -> std::optional<diag::Severity>;
/// The rule's documentation page, relative to the project's docs/.
auto RuleDoc(const Rule& r) -> std::string;

}  // namespace schemac::lint
