// The rule registry.
#include "compiler/lint/rules.h"

#include <llvm/ADT/StringRef.h>

namespace schemac::lint {
namespace {

using diag::Severity::Error;
using diag::Severity::Note;
using diag::Severity::Warning;

constexpr Rule kRules[] = {
#define RULE(id, code, slug, sev, summary) {RuleId::id, code, slug, sev, summary},
#include "compiler/lint/rules.def"
#undef RULE
};

}  // namespace

auto Rules() -> std::span<const Rule> { return kRules; }

auto GetRule(RuleId id) -> const Rule& { return kRules[static_cast<size_t>(id)]; }

auto FindRule(std::string_view name) -> const Rule* {
  for (const Rule& r : kRules)
    if (llvm::StringRef(name).equals_insensitive(r.code) || name == r.slug) return &r;
  return nullptr;
}

auto SuggestRule(std::string_view word) -> std::string {
  std::vector<std::string> names;
  for (const Rule& r : kRules) {
    names.emplace_back(r.code);
    names.emplace_back(r.slug);
  }
  return diag::DidYouMean(word, names);
}

auto SeverityName(diag::Severity s) -> std::string_view {
  switch (s) {
    case diag::Severity::Error: return "error";
    case diag::Severity::Warning: return "warning";
    case diag::Severity::Note: return "note";
  }
  return "error";
}

auto ParseSeverity(std::string_view s) -> std::optional<diag::Severity> {
  if (s == "error") return diag::Severity::Error;
  if (s == "warning") return diag::Severity::Warning;
  if (s == "note") return diag::Severity::Note;
  return std::nullopt;
}

auto RuleDoc(const Rule& r) -> std::string { return "rules/" + std::string(r.code) + ".md"; }

}  // namespace schemac::lint
