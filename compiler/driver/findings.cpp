// Rendering lint findings (see findings.h).
#include "compiler/driver/findings.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <tuple>

#include "compiler/diff/change.h"

namespace schemac::driver {
namespace {

using Json = nlohmann::ordered_json;

auto Dump(const Json& j) -> std::string { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }

auto Tag(const lint::Rule& r) -> std::string { return fmt::format("{} {}", r.code, r.slug); }

/// Whether `r` is in a file of the working tree (not `git:REV:...`): a place
/// an annotation can point at.
auto InWorkingTree(const source::SourceRange& r, const source::SourceManager& sm) -> bool {
  return r.valid() && sm.Path(r.file).rfind("git:", 0) != 0;
}

/// Where a finding points in the files being linted (the pull request's):
/// a removal's enclosing object there, not its line in the old revision.
auto Here(const lint::Finding& f, const source::SourceManager& sm) -> source::SourceRange {
  return InWorkingTree(f.here, sm) ? f.here : source::SourceRange{};
}

/// A path as a SARIF artifact URI (a relative reference, RFC 3986): every
/// byte but the unreserved ones and `/` percent-encoded.
auto UriReference(const std::string& path) -> std::string {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

/// Findings of one rule at one place of a template, which a loop stamped out
/// for many tables, as one annotation: a pull request over 2,500 stamped-out
/// tables gets one per template line, not 2,500.
struct Annotation {
  const lint::Finding* finding;
  std::vector<const lint::Finding*> others;  // the same, in other iterations
};

auto Annotations(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::vector<Annotation> {
  std::vector<Annotation> out;
  std::map<std::tuple<size_t, source::FileId, uint32_t, uint32_t, bool>, size_t> first;
  for (const auto& f : findings) {
    source::SourceRange at = Here(f, sm);
    if (!sm.HasIteration(f.range.expansion) || !at.valid()) {
      out.push_back({&f, {}});
      continue;
    }
    auto [it, inserted] = first.emplace(std::make_tuple(static_cast<size_t>(f.rule), at.file, at.line, at.col, f.allowed), out.size());
    if (inserted) out.push_back({&f, {}});
    else out[it->second].others.push_back(&f);
  }
  return out;
}

/// " (in iteration tenant = 'acme'; also globex.t, initech.t and 3 more)", or "".
auto IterationText(const Annotation& a, const source::SourceManager& sm) -> std::string {
  if (!sm.HasIteration(a.finding->range.expansion)) return "";
  std::string out = " (in iteration " + sm.DescribeIteration(a.finding->range.expansion);
  constexpr size_t kNamed = 5;
  for (size_t i = 0; i < a.others.size() && i < kNamed; ++i) out += (i ? ", " : "; also ") + a.others[i]->subject.Text();
  if (a.others.size() > kNamed) out += fmt::format(" and {} more", a.others.size() - kNamed);
  return out + ")";
}

auto Summary(const std::vector<lint::Finding>& findings) -> Json {
  size_t errors = 0, warnings = 0, notes = 0, allowed = 0;
  for (const auto& f : findings) {
    if (f.allowed) ++allowed;
    else if (f.severity == diag::Severity::Error) ++errors;
    else if (f.severity == diag::Severity::Warning) ++warnings;
    else ++notes;
  }
  return Json{{"errors", errors}, {"warnings", warnings}, {"notes", notes}, {"allowed", allowed}};
}

auto Plural(size_t n, const char* word) -> std::string { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

/// GitHub workflow command escaping: data, then property values.
auto EscapeData(const std::string& s) -> std::string {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}
auto EscapeProperty(const std::string& s) -> std::string {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

auto FindingsText(const std::vector<lint::Finding>& findings, const plan::Plan& plan, const source::SourceManager& sm,
                  bool color) -> std::string {
  std::string out;
  for (const auto& f : findings) {
    const lint::Rule& rule = lint::GetRule(f.rule);
    diag::RenderLocation(out, sm, f.range);
    std::string sev(lint::SeverityName(f.severity));
    if (color) {
      const char* c = f.severity == diag::Severity::Error     ? "\033[1;31m"
                      : f.severity == diag::Severity::Warning ? "\033[1;35m"
                                                              : "\033[1;36m";
      sev = c + sev + "\033[0m";
    }
    out += fmt::format("{}: {} [{}]\n", sev, f.message, Tag(rule));
    diag::RenderSnippet(out, sm, f.range, color);
    if (sm.HasIteration(f.range.expansion)) out += "  in iteration " + sm.DescribeIteration(f.range.expansion) + "\n";
    if (f.allowed) {
      std::string where;
      diag::RenderLocation(where, sm, f.allowed_at);
      if (!where.empty()) where.resize(where.size() - 2);  // the trailing ": "
      out += fmt::format("  allowed{}{}\n", where.empty() ? " by --allow" : " at " + where,
                         f.reason.empty() ? "" : ": " + f.reason);
    }
    if (!f.hint.empty()) out += "  hint: " + f.hint + "\n";
    if (f.change < plan.changes.size())
      out += fmt::format("  change {}: {} {}\n", f.change + 1, diff::KindName(plan.changes[f.change].op),
                         diff::ObjectName(plan.changes[f.change].op));
    out += "  see: docs/" + lint::RuleDoc(rule) + "\n";
  }
  Json s = Summary(findings);
  if (findings.empty()) return out + "No findings.\n";
  out += fmt::format("{}: {}, {}, {}", Plural(findings.size(), "finding"), Plural(s["errors"].get<size_t>(), "error"),
                     Plural(s["warnings"].get<size_t>(), "warning"), Plural(s["notes"].get<size_t>(), "note"));
  if (size_t a = s["allowed"].get<size_t>()) out += fmt::format(" ({} allowed)", a);
  return out + ".\n";
}

namespace {

auto FindingObject(const lint::Finding& f, const plan::Plan& plan, const source::SourceManager& sm) -> Json {
  const lint::Rule& rule = lint::GetRule(f.rule);
  Json j;
  j["code"] = rule.code;
  j["slug"] = rule.slug;
  j["severity"] = lint::SeverityName(f.severity);
  j["message"] = f.message;
  if (!f.hint.empty()) j["hint"] = f.hint;
  j["object"] = f.subject.Text();
  if (f.range.valid()) {
    j["file"] = sm.Path(f.range.file);
    j["line"] = f.range.line;
    j["column"] = f.range.col;
    j["end_line"] = f.range.end_line;
    j["end_column"] = f.range.end_col;
    if (sm.HasIteration(f.range.expansion)) j["iteration"] = sm.DescribeIteration(f.range.expansion);
  }
  if (f.change < plan.changes.size()) {
    j["change"] = f.change;
    j["change_kind"] = diff::KindName(plan.changes[f.change].op);
  }
  j["allowed"] = f.allowed;
  if (f.allowed) {
    j["reason"] = f.reason;
    if (f.allowed_at.valid())
      j["allowed_at"] = Json{{"file", sm.Path(f.allowed_at.file)}, {"line", f.allowed_at.line}, {"column", f.allowed_at.col}};
    else
      j["allowed_at"] = "--allow";
  }
  j["doc"] = "docs/" + lint::RuleDoc(rule);
  return j;
}

}  // namespace

auto FindingJson(const lint::Finding& f, const plan::Plan& plan, const source::SourceManager& sm) -> std::string {
  return FindingObject(f, plan, sm).dump();
}

auto FindingsJson(const std::vector<lint::Finding>& findings, const plan::Plan& plan, const source::SourceManager& sm)
    -> std::string {
  Json root;
  root["format"] = "schemac.lint/1";
  root["target"] = plan.target;
  Json arr = Json::array();
  for (const auto& f : findings) arr.push_back(FindingObject(f, plan, sm));
  root["findings"] = std::move(arr);
  root["summary"] = Summary(findings);
  root["summary"]["blocking"] = lint::Blocking(findings).size();
  return Dump(root);
}

auto FindingsSarif(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::string {
  auto level = [](diag::Severity s) { return s == diag::Severity::Note ? std::string("note") : std::string(lint::SeverityName(s)); };
  Json rules = Json::array();
  for (const lint::Rule& r : lint::Rules())
    rules.push_back(Json{
        {"id", r.code},
        {"name", r.slug},
        {"shortDescription", Json{{"text", std::string(r.summary)}}},
        {"help", Json{{"text", fmt::format("{} ({}): {}. See docs/{} for the safe way to make this change.", r.code,
                                           r.slug, r.summary, lint::RuleDoc(r))}}},
        {"defaultConfiguration", Json{{"level", level(r.severity)}}}});
  Json results = Json::array();
  for (const auto& a : Annotations(findings, sm)) {
    const lint::Finding& f = *a.finding;
    const lint::Rule& rule = lint::GetRule(f.rule);
    Json res;
    res["ruleId"] = rule.code;
    res["ruleIndex"] = static_cast<size_t>(f.rule);
    res["level"] = level(f.severity);
    std::string message = f.message + IterationText(a, sm);
    res["message"] = Json{{"text", f.hint.empty() ? message : message + ". Hint: " + f.hint}};
    source::SourceRange at = Here(f, sm);
    if (at.valid()) {
      Json region{{"startLine", at.line}, {"startColumn", at.col}};
      if (at.end_line >= at.line && at.end_line > 0) {
        region["endLine"] = at.end_line;
        if (at.end_col > 0) region["endColumn"] = at.end_col;
      }
      res["locations"] = Json::array(
          {Json{{"physicalLocation",
                 Json{{"artifactLocation", Json{{"uri", UriReference(sm.Path(at.file))}}}, {"region", region}}}}});
    }
    if (f.allowed)
      res["suppressions"] = Json::array({Json{{"kind", f.allowed_at.valid() ? "inSource" : "external"},
                                              {"justification", f.reason.empty() ? "allowed" : f.reason}}});
    results.push_back(std::move(res));
  }
  Json run{{"tool", Json{{"driver", Json{{"name", "schemac"},
                                         {"version", SCHEMAC_VERSION},
                                         {"informationUri", "https://github.com/schemac/schemac"},
                                         {"rules", std::move(rules)}}}}},
           {"results", std::move(results)}};
  Json root{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"},
            {"runs", Json::array({std::move(run)})}};
  return Dump(root);
}

auto FindingsGithub(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::string {
  std::string out;
  for (const auto& a : Annotations(findings, sm)) {
    const lint::Finding& f = *a.finding;
    const lint::Rule& rule = lint::GetRule(f.rule);
    const char* command = f.allowed || f.severity == diag::Severity::Note ? "notice"
                          : f.severity == diag::Severity::Error          ? "error"
                                                                          : "warning";
    std::string props;
    source::SourceRange at = Here(f, sm);
    if (at.valid()) {
      props = fmt::format("file={},line={},col={}", EscapeProperty(sm.Path(at.file)), at.line, at.col);
      if (at.end_line >= at.line && at.end_line > 0) props += fmt::format(",endLine={}", at.end_line);
    }
    props += (props.empty() ? "" : ",") + std::string("title=") + EscapeProperty(Tag(rule));
    std::string text = f.message + IterationText(a, sm);
    if (f.allowed) text += " (allowed" + (f.reason.empty() ? std::string() : ": " + f.reason) + ")";
    if (!f.hint.empty()) text += "\nhint: " + f.hint;
    text += "\nsee docs/" + lint::RuleDoc(rule);
    out += fmt::format("::{} {}::{}\n", command, props, EscapeData(text));
  }
  return out;
}

auto DiagnosticsGithub(const diag::Engine& diags) -> std::string {
  const auto& sm = diags.sources();
  std::string out;
  for (const auto& d : diags.Sorted()) {
    const char* command = d.severity == diag::Severity::Error     ? "error"
                          : d.severity == diag::Severity::Warning ? "warning"
                                                                  : "notice";
    std::string props;
    if (InWorkingTree(d.range, sm))
      props = fmt::format("file={},line={},col={},", EscapeProperty(sm.Path(d.range.file)), d.range.line, d.range.col);
    props += "title=" + EscapeProperty(std::string(diag::KindName(d.kind)));
    std::string text = d.message;
    if (!d.hint.empty()) text += "\nhint: " + d.hint;
    for (const auto& n : d.notes) text += "\nnote: " + n.message;
    out += fmt::format("::{} {}::{}\n", command, props, EscapeData(text));
  }
  return out;
}

namespace {

/// FNV-1a, 64 bits, as hex: a fingerprint that stays the same from run to
/// run and machine to machine (GitLab matches findings across pipelines by it).
auto Fingerprint(const std::string& text) -> std::string {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

auto FindingsGitlab(const std::vector<lint::Finding>& findings, const source::SourceManager& sm) -> std::string {
  Json out = Json::array();
  for (const auto& a : Annotations(findings, sm)) {
    const lint::Finding& f = *a.finding;
    const lint::Rule& rule = lint::GetRule(f.rule);
    const char* severity = f.allowed || f.severity == diag::Severity::Note ? "info"
                           : f.severity == diag::Severity::Error          ? "critical"
                                                                           : "major";
    std::string text = fmt::format("{}{} [{}]", f.message, IterationText(a, sm), Tag(rule));
    if (f.allowed) text += " (allowed" + (f.reason.empty() ? std::string() : ": " + f.reason) + ")";
    Json j{{"description", text},
           {"check_name", std::string(rule.code)},
           {"fingerprint", Fingerprint(std::string(rule.code) + "\x1f" + f.subject.Text() + "\x1f" + f.message)},
           {"severity", severity}};
    source::SourceRange at = Here(f, sm);
    if (at.valid()) j["location"] = Json{{"path", sm.Path(at.file)}, {"lines", Json{{"begin", at.line}}}};
    out.push_back(std::move(j));
  }
  return Dump(out);
}

}  // namespace schemac::driver
