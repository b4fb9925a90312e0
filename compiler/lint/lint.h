// The lint phase: reads an ordered plan, asks the backend what each change
// costs on its target (target::Cost), and tags changes with findings of the
// rules in rules.def — data loss, changes that fail on existing rows,
// breaking renames, locks and rewrites. No rule reads emitted SQL. Findings
// acknowledged in source (`allow`) or on the command line stay in the
// output, marked allowed, with their reason.
#pragma once

#include <llvm/ADT/StringMap.h>

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/lint/rules.h"
#include "compiler/model/model.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::lint {

/// The object a finding is about: a schema, a relation in it, a part of the
/// relation (a column, constraint or index); the later ones may be empty.
struct Subject {
  std::string schema, relation, part;
  auto Text() const -> std::string;  // "public.users.email"
};

struct Finding {
  RuleId rule;
  diag::Severity severity;    // the rule's default, or the project's
  std::string message;        // names the object
  std::string hint;           // the safe way, when there is one to say
  source::SourceRange range;  // the .schema source that causes it (a removal: its line in the old revision)
  source::SourceRange here;   // the same in the files being linted (a removal: what encloses it now)
  size_t change = 0;          // index in the plan's changes
  Subject subject;
  bool allowed = false;
  std::string reason;              // the allow's reason ("" when none was given)
  source::SourceRange allowed_at;  // the `allow` (invalid: --allow on the command line)
  bool online = false;             // the plan makes the change the lock-friendly way: a note
};

/// Where the objects of the current state were defined, when it was read
/// from source (git:REV, .schema paths): a removal points at its old line.
class Origins {
 public:
  Origins() = default;
  explicit Origins(const catalog::Catalog& c);
  auto Find(const Subject& s) const -> source::SourceRange;

 private:
  llvm::StringMap<source::SourceRange> ranges_;
};

struct Options {
  const std::vector<model::Allow>* allows = nullptr;                // from the desired source
  const std::vector<model::SeverityOverride>* severities = nullptr;  // from `lint { }` blocks
  std::vector<const Rule*> allow;  // --allow on the command line
  const Origins* origins = nullptr;
};

/// The findings of `plan` (from `from` to `to`), in plan order. Allows that
/// match nothing are reported to `diags` as warnings.
auto Lint(const plan::Plan& plan, const catalog::Catalog& from, const catalog::Catalog& to,
          const target::Backend& backend, const Options& options, diag::Engine& diags) -> std::vector<Finding>;

/// The findings of error severity that are not allowed: what makes `lint`
/// exit 1 and `apply` refuse.
auto Blocking(const std::vector<Finding>& findings) -> std::vector<const Finding*>;

}  // namespace schemac::lint
