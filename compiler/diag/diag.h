// Diagnostics: every error, warning and note schemac reports, with a stable
// name, a source range, notes pointing at related places and an optional hint.
// Phases report into an Engine and never throw for bad input.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/source/source.h"

namespace schemac::diag {

enum class Severity { Error, Warning, Note };

enum class Kind {
#define DIAG(id, name, sev, msg) id,
#include "compiler/diag/kinds.def"
#undef DIAG
};

auto KindName(Kind k) -> std::string_view;
auto KindSeverity(Kind k) -> Severity;
auto KindFormat(Kind k) -> std::string_view;

struct Note {
  source::SourceRange range;
  std::string message;
};

struct Diagnostic {
  Kind kind;
  Severity severity;
  source::SourceRange range;
  std::string message;
  std::vector<Note> notes;
  std::string hint;  // e.g. "did you mean 'integer'?"
  /// Stamped out by a template loop: how many other iterations had a
  /// diagnostic of this kind at this place (reported once, with this count).
  size_t other_iterations = 0;
};

/// Collects diagnostics; rendering is separate so that tools can ask for JSON.
class Engine {
 public:
  explicit Engine(const source::SourceManager& sm) : sm_(sm) {}

  template <typename... Args>
  auto Emit(Kind kind, source::SourceRange at, Args&&... args) -> Diagnostic& {
    return Add(kind, at, fmt::format(fmt::runtime(KindFormat(kind)), std::forward<Args>(args)...));
  }
  /// Adds a diagnostic. The same diagnostic at the same place is reported
  /// once (a mistake in a mixin is one mistake, however many tables include
  /// it); so is one of the same kind at the same place of a template loop,
  /// whatever its message (`table 'acme.t_2024' ...`): the first iteration's,
  /// counting the others.
  auto Add(Kind kind, source::SourceRange at, std::string message) -> Diagnostic&;
  /// Adds a finished diagnostic (with its notes and hint), e.g. one another
  /// engine collected; the same de-duplication applies.
  void Add(const Diagnostic& d);

  auto errors() const -> size_t { return errors_; }
  auto has_errors() const -> bool { return errors_ > 0; }
  auto all() const -> const std::vector<Diagnostic>& { return diags_; }
  auto sources() const -> const source::SourceManager& { return sm_; }
  /// Diagnostics sorted by file and position, as they are printed.
  auto Sorted() const -> std::vector<Diagnostic>;

 private:
  const source::SourceManager& sm_;
  std::vector<Diagnostic> diags_;
  std::unordered_set<std::string> seen_;  // kind, place and message of each in diags_
  std::unordered_map<std::string, size_t> stamped_;  // kind and place of each stamped out -> index in diags_
  Diagnostic discarded_{};  // where repeats of an identical diagnostic go
  size_t errors_ = 0;
};

/// "file:line:col: error: message [name]", the quoted line, a caret, notes, hint.
auto RenderText(const Engine& engine, bool color) -> std::string;
/// {"diagnostics": [{"severity", "code", "file", "line", "column", "message", "notes", "hint"}]}
auto RenderJson(const Engine& engine) -> std::string;

/// "file:line:col: " (nothing for a range without a file).
void RenderLocation(std::string& out, const source::SourceManager& sm, const source::SourceRange& r);
/// The source line of `r` and a caret under it, as RenderText shows them.
void RenderSnippet(std::string& out, const source::SourceManager& sm, const source::SourceRange& r, bool color);

/// "did you mean 'x'?" for the candidate closest to `word` by edit distance, or "".
auto DidYouMean(std::string_view word, const std::vector<std::string>& candidates) -> std::string;
auto EditDistance(std::string_view a, std::string_view b) -> size_t;

}  // namespace schemac::diag
