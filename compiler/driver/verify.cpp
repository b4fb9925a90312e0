// The `check --verify` harness (docs/cli.md#--verify): expectations are
// comments in the sources, `-- expected-error@+1 [code] {{text}}`; a file
// with `-- -----` lines holds independent cases, each compiled on its own
// with the other cases' lines blanked, so line numbers stay those of the file.
#include "compiler/driver/verify.h"

#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <regex>
#include <sstream>

#include "compiler/driver/driver.h"

namespace schemac::driver {
namespace {

/// A line that separates two cases: `-- -----` alone on its line.
auto IsSeparator(const std::string& line) -> bool {
  static const std::regex re(R"(\s*--\s*-----\s*\r?)");
  return std::regex_match(line, re);
}

auto Lines(const std::string& text) -> std::vector<std::string> {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

/// The cases of `text`, each the whole file with every line outside the case
/// (and the separators) left empty; one case when there is no separator.
auto SplitCases(const std::string& text) -> std::vector<std::string> {
  auto lines = Lines(text);
  std::vector<std::pair<size_t, size_t>> spans;  // [first, last) line indexes
  size_t first = 0;
  for (size_t i = 0; i < lines.size(); ++i)
    if (IsSeparator(lines[i])) {
      spans.emplace_back(first, i);
      first = i + 1;
    }
  if (spans.empty()) return {text};
  spans.emplace_back(first, lines.size());
  std::vector<std::string> cases;
  for (auto [from, to] : spans) {
    std::string c;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i >= from && i < to) c += lines[i];
      c += '\n';
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

/// The disk, except that one file reads as the text of one case.
class CaseProvider : public source::Provider {
 public:
  CaseProvider(source::Provider& disk, std::string path, std::string text)
      : disk_(disk), path_(std::move(path)), text_(std::move(text)) {}
  auto Read(const std::string& path, std::string* why) -> std::optional<std::string> override {
    if (path == path_) return text_;
    return disk_.Read(path, why);
  }
  auto ListSchemaFiles(const std::string& dir) -> std::optional<std::vector<std::string>> override {
    return disk_.ListSchemaFiles(dir);
  }
  auto IsDirectory(const std::string& path) -> bool override { return disk_.IsDirectory(path); }
  auto Describe() const -> std::string override { return disk_.Describe(); }

 private:
  source::Provider& disk_;
  std::string path_, text_;
};

auto SeverityName(diag::Severity v) -> const char* {
  return v == diag::Severity::Error ? "error" : v == diag::Severity::Warning ? "warning" : "note";
}

struct Expect {
  std::string file;
  uint32_t line;
  std::string severity, code, text;
  bool matched = false;
};

/// Every expectation written in the files of one compilation.
auto Expectations(const source::SourceManager& sm) -> std::vector<Expect> {
  std::vector<Expect> expects;
  static const std::regex re(
      R"(expected-(error|warning|note)(@([+-]?)(\d+))?\s*(\[([A-Za-z0-9_-]+)\]\s*)?\{\{(.*?)\}\})");
  for (size_t f = 0; f < sm.Size(); ++f) {
    const auto& file = sm.Get(static_cast<source::FileId>(f));
    std::istringstream in(file.text);
    uint32_t line = 0;
    for (std::string l; std::getline(in, l);) {
      ++line;
      for (auto it = std::sregex_iterator(l.begin(), l.end(), re); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        uint32_t target = line;
        if (m[2].matched) {
          uint32_t n = static_cast<uint32_t>(std::stoul(m[4]));
          target = m[3] == "+" ? line + n : m[3] == "-" ? line - n : n;
        }
        expects.push_back({file.path, target, m[1], m[6], m[7], false});
      }
    }
  }
  return expects;
}

/// Compares one compilation's diagnostics with its expectations; appends
/// the mismatches to `problems` and returns the number of expectations.
auto Compare(const diag::Engine& diags, std::vector<std::string>& problems) -> size_t {
  const auto& sm = diags.sources();
  auto expects = Expectations(sm);
  for (const auto& d : diags.Sorted()) {
    std::string file = d.range.valid() ? sm.Path(d.range.file) : "";
    std::string_view code = diag::KindName(d.kind);
    bool found = false;
    for (auto& e : expects) {
      if (e.matched || e.file != file || e.line != d.range.line || e.severity != SeverityName(d.severity)) continue;
      if (d.message.find(e.text) == std::string::npos) continue;
      if (!e.code.empty() && e.code != code) continue;
      e.matched = found = true;
      break;
    }
    if (!found)
      problems.push_back(
          fmt::format("{}:{}: unexpected {}: {} [{}]", file, d.range.line, SeverityName(d.severity), d.message, code));
  }
  for (const auto& e : expects)
    if (!e.matched)
      problems.push_back(fmt::format("{}:{}: expected {} not seen: {}{}", e.file, e.line, e.severity,
                                     e.code.empty() ? "" : "[" + e.code + "] ", e.text));
  return expects.size();
}

}  // namespace

auto Verify(const std::vector<std::string>& paths, const CheckFn& check) -> int {
  auto disk = source::MakeDiskProvider();
  // The files named, directories listed as Load lists them; a file with
  // separators is compiled case by case, the others together.
  std::vector<std::string> together;
  std::vector<std::pair<std::string, std::vector<std::string>>> split;
  for (const auto& p : paths) {
    std::vector<std::string> files = {p};
    if (disk->IsDirectory(p)) {
      auto list = disk->ListSchemaFiles(p);
      if (!list || list->empty()) {
        together.push_back(p);  // reported as no-input by the compilation
        continue;
      }
      files = *list;
    }
    for (const auto& f : files) {
      auto text = disk->Read(f);
      auto cases = text ? SplitCases(*text) : std::vector<std::string>{};
      if (cases.size() > 1) split.emplace_back(f, std::move(cases));
      else together.push_back(f);
    }
  }
  std::vector<std::string> problems;
  size_t expected = 0;
  if (!together.empty() || split.empty()) expected += Compare(*check(together, *disk), problems);
  for (const auto& [file, cases] : split)
    for (const auto& text : cases) {
      CaseProvider files(*disk, file, text);
      expected += Compare(*check({file}, files), problems);
    }
  for (const auto& p : problems) std::cerr << p << "\n";
  if (problems.empty()) std::cout << "verify: " << expected << " expected diagnostics seen\n";
  return problems.empty() ? kExitOk : kExitFindings;
}

}  // namespace schemac::driver
