// Rendering of diagnostics as text (with source line and caret) or JSON.
#include "compiler/diag/diag.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compiler/source/utf8.h"

namespace schemac::diag {

namespace {
struct KindInfo {
  std::string_view name;
  Severity severity;
  std::string_view format;
};
constexpr KindInfo kKinds[] = {
#define DIAG(id, name, sev, msg) {name, Severity::sev, msg},
#include "compiler/diag/kinds.def"
#undef DIAG
};

auto SeverityName(Severity s) -> std::string_view {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

auto Less(const source::SourceRange& a, const source::SourceRange& b) -> bool {
  if (a.file != b.file) return a.file < b.file;  // kNoFile (driver errors) sorts last
  if (a.line != b.line) return a.line < b.line;
  return a.col < b.col;
}

/// Number of UTF-8 code points in the first `bytes` bytes... the inverse: the
/// byte offset of code point column `col` (1-based) in `line`.
auto CaretPrefix(const std::string& line, uint32_t col) -> std::string {
  std::string prefix;
  uint32_t cp = 1;
  for (size_t i = 0; i < line.size() && cp < col; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (source::utf8::IsContinuation(c)) continue;
    prefix += (c == '\t') ? '\t' : ' ';
    ++cp;
  }
  return prefix;
}

/// What a template loop stamped out says which iteration it came from: the
/// diagnostic gets a first note at the loop, a note of its own a suffix.
void NoteIteration(Diagnostic& d, const source::SourceManager& sm) {
  for (auto& n : d.notes)
    if (sm.HasIteration(n.range.expansion)) n.message += " (in iteration " + sm.DescribeIteration(n.range.expansion) + ")";
  if (!sm.HasIteration(d.range.expansion)) return;
  const auto& it = sm.GetIteration(d.range.expansion);
  std::string more = d.other_iterations == 0 ? ""
                     : d.other_iterations == 1
                         ? " (and 1 other iteration)"
                         : " (and " + std::to_string(d.other_iterations) + " other iterations)";
  d.notes.insert(d.notes.begin(), Note{it.loop, "in iteration " + sm.DescribeIteration(d.range.expansion) + more});
}

}  // namespace

void RenderLocation(std::string& out, const source::SourceManager& sm, const source::SourceRange& r) {
  if (!r.valid()) return;
  out += fmt::format("{}:{}:{}: ", sm.Path(r.file), r.line, r.col);
}

void RenderSnippet(std::string& out, const source::SourceManager& sm, const source::SourceRange& r, bool color) {
  if (!r.valid() || r.line == 0) return;
  std::string line = sm.Line(r.file, r.line);
  if (line.empty()) return;
  out += "  " + line + "\n";
  std::string caret = "^";
  if (r.end_line == r.line && r.end_col > r.col + 1) caret += std::string(r.end_col - r.col - 1, '~');
  out += "  " + CaretPrefix(line, r.col) + (color ? "\033[1;32m" + caret + "\033[0m" : caret) + "\n";
}

auto KindName(Kind k) -> std::string_view { return kKinds[static_cast<size_t>(k)].name; }
auto KindSeverity(Kind k) -> Severity { return kKinds[static_cast<size_t>(k)].severity; }
auto KindFormat(Kind k) -> std::string_view { return kKinds[static_cast<size_t>(k)].format; }

auto Engine::Add(Kind kind, source::SourceRange at, std::string message) -> Diagnostic& {
  std::string place = fmt::format("{}:{}:{}:{}", static_cast<int>(kind), at.file, at.line, at.col);
  bool first_stamped = false;
  if (at.expansion) {
    auto [it, first] = stamped_.emplace(place, diags_.size());
    first_stamped = first;
    // Another iteration's is counted; another message in the same iteration is news.
    if (!first && diags_[it->second].range.expansion != at.expansion) {
      ++diags_[it->second].other_iterations;
      discarded_ = Diagnostic{kind, KindSeverity(kind), at, std::move(message), {}, {}, 0};
      return discarded_;
    }
  }
  if (!seen_.insert(place + ":" + message).second) {
    if (first_stamped) stamped_.erase(place);  // the earlier one, written by hand, stands
    discarded_ = Diagnostic{kind, KindSeverity(kind), at, std::move(message), {}, {}, 0};
    return discarded_;
  }
  Severity sev = KindSeverity(kind);
  if (sev == Severity::Error) ++errors_;
  diags_.push_back(Diagnostic{kind, sev, at, std::move(message), {}, {}, 0});
  return diags_.back();
}

void Engine::Add(const Diagnostic& d) {
  Diagnostic& added = Add(d.kind, d.range, d.message);
  added.notes = d.notes;
  added.hint = d.hint;
  added.other_iterations += d.other_iterations;
}

auto Engine::Sorted() const -> std::vector<Diagnostic> {
  std::vector<Diagnostic> out = diags_;
  for (auto& d : out) NoteIteration(d, sm_);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) { return Less(a.range, b.range); });
  return out;
}

auto RenderText(const Engine& engine, bool color) -> std::string {
  const auto& sm = engine.sources();
  std::string out;
  for (const auto& d : engine.Sorted()) {
    RenderLocation(out, sm, d.range);
    std::string sev{SeverityName(d.severity)};
    if (color) {
      const char* c = d.severity == Severity::Error ? "\033[1;31m" : d.severity == Severity::Warning ? "\033[1;35m" : "\033[1;36m";
      sev = std::string(c) + sev + "\033[0m";
    }
    out += fmt::format("{}: {} [{}]\n", sev, d.message, KindName(d.kind));
    RenderSnippet(out, sm, d.range, color);
    if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
    for (const auto& n : d.notes) {
      RenderLocation(out, sm, n.range);
      out += "note: " + n.message + "\n";
      RenderSnippet(out, sm, n.range, color);
    }
  }
  return out;
}

auto RenderJson(const Engine& engine) -> std::string {
  const auto& sm = engine.sources();
  auto loc = [&](nlohmann::ordered_json& j, const source::SourceRange& r) {
    if (!r.valid()) return;
    j["file"] = sm.Path(r.file);
    j["line"] = r.line;
    j["column"] = r.col;
    j["end_line"] = r.end_line;
    j["end_column"] = r.end_col;
  };
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& d : engine.Sorted()) {
    nlohmann::ordered_json j;
    j["severity"] = SeverityName(d.severity);
    j["code"] = KindName(d.kind);
    j["message"] = d.message;
    loc(j, d.range);
    if (!d.notes.empty()) {
      j["notes"] = nlohmann::ordered_json::array();
      for (const auto& n : d.notes) {
        nlohmann::ordered_json nj;
        nj["message"] = n.message;
        loc(nj, n.range);
        j["notes"].push_back(nj);
      }
    }
    if (!d.hint.empty()) j["hint"] = d.hint;
    arr.push_back(std::move(j));
  }
  nlohmann::ordered_json root;
  root["diagnostics"] = std::move(arr);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

auto EditDistance(std::string_view a, std::string_view b) -> size_t {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                          std::tolower(static_cast<unsigned char>(b[j - 1]))
                                      ? 0
                                      : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

auto DidYouMean(std::string_view word, const std::vector<std::string>& candidates) -> std::string {
  size_t best = SIZE_MAX;
  const std::string* pick = nullptr;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best) {
      best = d;
      pick = &c;
    }
  }
  // Accept at most a third of the word's length in edits (and at least one).
  size_t limit = std::max<size_t>(1, (word.size() + 2) / 3);
  if (!pick || best > limit || *pick == word) return {};  // distance 0 but other case: still a hint
  return fmt::format("did you mean '{}'?", *pick);
}

}  // namespace schemac::diag
