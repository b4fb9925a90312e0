// What every target shares about live databases: connection strings (URL or
// libpq's key=value form) and hiding their passwords in messages, and how a
// script's transactional part is split into batches.
#include "compiler/target/target.h"

#include "compiler/plan/plan.h"

#include <llvm/ADT/StringRef.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <regex>
#include <set>

namespace schemac::target {
namespace {

// A URL's user:PASSWORD@ (the password may hold '@' or '/': up to the last
// '@' before the query), and ?password= / &password= in its query.
const std::regex& UrlUserinfo() {
  static const std::regex re(R"(^([A-Za-z][A-Za-z0-9+.-]*://[^:/@?]*):([^?]*)@)");
  return re;
}
const std::regex& UrlParam() {
  static const std::regex re(R"(([?&]password=)([^&]*))", std::regex::icase);
  return re;
}
// key=value: password = 'quoted \' value' or an unquoted value. An unquoted
// value is taken up to the next "key=" so that a mistyped password with a
// space ("password=a b") is hidden whole.
const std::regex& KeyValuePassword() {
  static const std::regex re(R"((^|\s)(password\s*=\s*)('(?:[^'\\]|\\.)*'?|(?:\S|\s+(?=\S)(?![A-Za-z_]+\s*=))*))",
                             std::regex::icase);
  return re;
}

auto PercentDecode(const std::string& s) -> std::string {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Every spelling of the password(s) written in `conn`.
auto Passwords(const std::string& conn) -> std::vector<std::string> {
  std::vector<std::string> out;
  auto add = [&](const std::string& p) {
    if (!p.empty()) out.push_back(p);
  };
  std::smatch m;
  if (UrlScheme(conn).empty()) {
    for (auto it = std::sregex_iterator(conn.begin(), conn.end(), KeyValuePassword()); it != std::sregex_iterator(); ++it) {
      std::string v = (*it)[3];
      add(v);
      if (v.size() >= 2 && v.front() == '\'') {  // the value libpq reads: unquoted, unescaped
        std::string plain;
        for (size_t i = 1; i + 1 < v.size(); ++i) plain += v[i] == '\\' && i + 2 < v.size() ? v[++i] : v[i];
        add(plain);
      }
    }
    return out;
  }
  if (std::regex_search(conn, m, UrlUserinfo())) {
    add(m[2]);
    add(PercentDecode(m[2]));
  }
  for (auto it = std::sregex_iterator(conn.begin(), conn.end(), UrlParam()); it != std::sregex_iterator(); ++it) {
    add((*it)[2]);
    add(PercentDecode((*it)[2]));
  }
  return out;
}

}  // namespace

auto UrlScheme(const std::string& s) -> std::string {
  static const std::regex re(R"(^([A-Za-z][A-Za-z0-9+.-]*)://)");
  std::smatch m;
  return std::regex_search(s, m, re) ? m[1].str() : "";
}

auto IsKeyValueConnection(const std::string& s) -> bool {
  // libpq's connection keywords (PQconndefaults); the first word decides.
  static const std::set<std::string> keywords = {
      "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service", "options",
      "application_name", "fallback_application_name", "connect_timeout", "client_encoding", "sslmode",
      "sslcert", "sslkey", "sslrootcert", "sslcrl", "sslpassword", "requiressl", "gssencmode", "krbsrvname",
      "target_session_attrs", "channel_binding", "keepalives", "tcp_user_timeout", "replication"};
  static const std::regex re(R"(^\s*([A-Za-z_]+)\s*=)");
  std::smatch m;
  if (!std::regex_search(s, m, re)) return false;
  return keywords.count(llvm::StringRef(m[1].str()).lower()) > 0;
}

auto RedactConnection(const std::string& conn) -> std::string {
  if (UrlScheme(conn).empty()) return std::regex_replace(conn, KeyValuePassword(), "$1$2***");
  return std::regex_replace(std::regex_replace(conn, UrlUserinfo(), "$1:***@"), UrlParam(), "$1***");
}

auto RedactSecrets(std::string text, const std::string& conn) -> std::string {
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  // Every occurrence that is not part of a longer word ("two" in "network"
  // gives nothing away, and hiding it would garble the message).
  auto hide = [&](const std::string& what, size_t keep) {
    for (size_t at = 0; (at = text.find(what, at)) != std::string::npos;) {
      bool alone = (at == 0 || !word_char(text[at - 1]) || !word_char(what.front())) &&
                   (at + what.size() == text.size() || !word_char(text[at + what.size()]) || !word_char(what.back()));
      if (!alone) {
        ++at;
        continue;
      }
      text.replace(at + keep, what.size() - 2 * keep, "***");
      at += 3 + 2 * keep;
    }
  };
  for (const auto& p : Passwords(conn)) {
    hide(p, 0);
    // libpq quotes the part of a mistyped value it could not read
    // (missing "=" after "b"): hide each word of the password when quoted.
    std::string word;
    for (size_t i = 0; i <= p.size(); ++i) {
      if (i < p.size() && !std::isspace(static_cast<unsigned char>(p[i])) && p[i] != '\'') {
        word += p[i];
        continue;
      }
      if (!word.empty()) hide("\"" + word + "\"", 1);
      word.clear();
    }
  }
  return text;
}

auto SplitBatches(const Script& script, size_t changes) -> std::vector<Batch> {
  std::vector<Batch> out;
  size_t in_batch = 0;  // changes in the last batch
  for (size_t i = 0; i < script.statements.size(); ++i) {
    const auto& st = script.statements[i];
    if (!st.transactional) continue;
    bool new_change = out.empty() || out.back().end != i || st.change != script.statements[i - 1].change;
    if (out.empty() || out.back().end != i || (new_change && changes > 0 && in_batch == changes)) {
      out.push_back({i, i, st.change, st.change});
      in_batch = 0;
    }
    if (new_change) ++in_batch;
    out.back().end = i + 1;
    out.back().last_change = st.change;
  }
  return out;
}

auto Frame(const Script& script, const std::vector<Batch>& batches) -> std::vector<Segment> {
  std::vector<Segment> out;
  const size_t total = script.statements.size();
  size_t i = 0;
  while (i < total && !script.statements[i].transactional) ++i;
  if (i > 0) out.push_back({Segment::Where::Before, 0, i, 0, nullptr});
  if (batches.empty()) {
    std::vector<Batch> one = SplitBatches(script, 0);
    for (const auto& b : one) {
      out.push_back({Segment::Where::Transaction, b.first, b.end, 0, nullptr});
      i = b.end;
    }
  } else {
    for (size_t b = 0; b < batches.size(); ++b) out.push_back({Segment::Where::Transaction, batches[b].first, batches[b].end, b + 1, &batches[b]});
    i = batches.back().end;
  }
  if (i < total) out.push_back({Segment::Where::After, i, total, 0, nullptr});
  return out;
}

auto CommentText(std::string_view text) -> std::string {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
    else out += static_cast<char>(c);
  }
  return out;
}

}  // namespace schemac::target

namespace schemac::target {

auto ParseJson(const std::string& text, nlohmann::json& out, std::string& error) -> bool {
  try {
    out = nlohmann::json::parse(text);
    return true;
  } catch (const nlohmann::json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error ..."
    std::string what = e.what();
    size_t at = what.find("at line");
    error = "invalid JSON " + (at == std::string::npos ? what : what.substr(at));
    return false;
  }
}

auto RenderStatements(const plan::Plan& plan, const Script& script, bool mark_once) -> std::string {
  std::string out;
  size_t last = SIZE_MAX;
  for (const auto& s : script.statements) {
    if (s.change != last) {
      last = s.change;
      const auto& c = plan.changes[s.change];
      out += "\n-- " + CommentText(diff::KindName(c.op) + " " + diff::ObjectName(c.op));
      if (!c.reason.empty()) out += " (" + CommentText(c.reason) + ")";
      out += "\n";
    }
    if (mark_once && !s.rerunnable) {
      // The mark goes right above the SQL, under the comments that lead it.
      size_t at = 0;
      while (s.sql.compare(at, 2, "--") == 0 && s.sql.find('\n', at) != std::string::npos) at = s.sql.find('\n', at) + 1;
      out += s.sql.substr(0, at) + "-- once:\n" + s.sql.substr(at) + "\n";
    } else {
      out += s.sql + "\n";
    }
  }
  return out;
}

auto TrimmedViewBody(std::string_view body) -> std::string {
  std::string out(body);
  while (!out.empty() && (out.back() == ';' || std::isspace(static_cast<unsigned char>(out.back())))) out.pop_back();
  size_t start = 0;
  while (start < out.size() && std::isspace(static_cast<unsigned char>(out[start]))) ++start;
  return out.substr(start);
}

}  // namespace schemac::target
