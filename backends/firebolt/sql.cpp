// Quoting, types and expressions for Firebolt. Its SQL is PostgreSQL-like;
// what differs from the Postgres backend's rendering is the type names
// (TEXT, NUMERIC(p,s), ARRAY(T)), casts written CAST(x AS T), and the short
// list of functions a default may call.
#include <algorithm>
#include <set>

#include "backends/firebolt/firebolt.h"
#include "compiler/target/expr_writer.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::firebolt {
namespace {

auto LowerAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
auto UpperAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

/// Words Firebolt reserves (its reserved-words page); a name spelled like one is quoted.
auto Keywords() -> const std::set<std::string, std::less<>>& {
  static const std::set<std::string, std::less<>> words = {
      "all", "alter", "and", "array", "as", "asc", "between", "bigint", "bool", "boolean", "both", "by", "case",
      "cast", "char", "concat", "copy", "create", "cross", "current_date", "current_timestamp", "database",
      "date", "datetime", "decimal", "delete", "describe", "desc", "distinct", "double", "doublecolon", "dow",
      "doy", "drop", "empty_identifier", "epoch", "except", "execute", "exists", "explain", "extract", "false",
      "fetch", "first", "float", "for", "from", "full", "generate", "group", "having", "if", "ilike", "in",
      "inner", "insert", "int", "integer", "intersect", "interval", "is", "isnull", "join", "join_type", "last",
      "leading", "left", "like", "limit", "limit_distinct", "localtimestamp", "long", "natural", "next", "not",
      "null", "numeric", "offset", "on", "only", "or", "order", "outer", "over", "partition", "precision",
      "prepare", "primary", "quarter", "right", "row", "rows", "sample", "select", "set", "show", "text", "time",
      "timestamp", "top", "trailing", "trim", "true", "truncate", "union", "unknown_char", "unnest", "unterminated_string",
      "update", "using", "varchar", "week", "when", "where", "with"};
  return words;
}

auto CastType(const model::Type& t) -> std::string {
  std::string error, lossy;
  std::string name = TypeName(t, error, lossy);
  return name.empty() ? "TEXT" : name;
}

/// Firebolt's spelling: upper-case keywords and function names, `now()` as
/// CURRENT_TIMESTAMP (the one clock it has), arrays in brackets.
class FireboltWriter final : public target::ExprWriter {
 protected:
  auto String(const std::string& text) const -> std::string override { return QuoteLiteral(text); }
  auto Bool(const std::string& text) const -> std::string override { return UpperAscii(text); }
  auto Interval(const model::Expr& e) const -> std::string override {
    return "INTERVAL '" + e.text + (e.op.empty() ? "" : " " + e.op) + "'";
  }
  auto Column(const model::Expr& e) const -> std::string override {
    if (!e.name.quoted && !e.qualifier && model::IsNiladicFunction(LowerAscii(e.name.text))) {
      std::string up = UpperAscii(e.name.text);
      return up == "CURRENT_TIME" ? "CURRENT_TIMESTAMP" : up;
    }
    return (e.qualifier ? QuoteIdent(Fold(*e.qualifier)) + "." : "") + QuoteIdent(Fold(e.name));
  }
  auto Call(const model::Expr& e) const -> std::string override {
    std::string name = e.name.quoted ? QuoteIdent(e.name.text) : UpperAscii(e.name.text);
    if (!e.name.quoted && !e.qualifier && (name == "NOW" || name == "CURRENT_TIMESTAMP") && e.args.empty())
      return "CURRENT_TIMESTAMP";
    return (e.qualifier ? QuoteIdent(Fold(*e.qualifier)) + "." : "") + name + "(" + Arguments(e) + ")";
  }
  auto List(const model::Expr& e) const -> std::string override { return "[" + Arguments(e) + "]"; }
  auto CastType(const model::Type& t) const -> std::string override { return firebolt::CastType(t); }
};

}  // namespace

auto QuoteIdent(std::string_view name) -> std::string {
  bool safe = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      safe = false;
  if (safe && !Keywords().count(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

auto QuoteTable(std::string_view schema, std::string_view name) -> std::string {
  return schema == kSchema ? QuoteIdent(name) : QuoteIdent(schema) + "." + QuoteIdent(name);
}

auto QuoteLiteral(std::string_view text) -> std::string {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

auto Fold(const model::Name& n) -> std::string { return n.quoted ? n.text : LowerAscii(n.text); }

auto TypeName(const model::Type& t, std::string& error, std::string& lossy) -> std::string {
  using K = model::Type::Kind;
  auto arg = [&](size_t i) { return std::to_string(t.args.at(i)); };
  std::string base;
  switch (t.kind) {
    case K::Bool: base = "BOOLEAN"; break;
    case K::Int16:
    case K::Int32: base = "INTEGER"; break;
    case K::Int64: base = "BIGINT"; break;
    case K::Decimal: base = t.args.size() >= 2 ? "NUMERIC(" + arg(0) + "," + arg(1) + ")" : t.args.size() == 1 ? "NUMERIC(" + arg(0) + ",0)" : "NUMERIC(38,9)"; break;
    case K::Float32: base = "REAL"; break;
    case K::Float64: base = "DOUBLE PRECISION"; break;
    case K::Text: base = "TEXT"; break;
    case K::Varchar:
    case K::Char:
      base = "TEXT";
      if (!t.args.empty()) lossy = t.Describe() + " is stored as TEXT: firebolt does not limit its length";
      break;
    case K::Bytes: base = "BYTEA"; break;
    case K::Date: base = "DATE"; break;
    case K::Time:
      base = "TEXT";
      lossy = t.Describe() + " is stored as TEXT: firebolt has no time of day type";
      break;
    case K::Timestamp: base = "TIMESTAMP"; break;
    case K::TimestampTz: base = "TIMESTAMPTZ"; break;
    case K::Uuid:
      base = "TEXT";
      lossy = "uuid is stored as TEXT: firebolt does not check its format";
      break;
    case K::Json:
      base = "TEXT";
      lossy = t.Describe() + " is stored as TEXT: firebolt does not check that it is JSON";
      break;
    case K::Array: {
      std::string elem = TypeName(t.elems.at(0), error, lossy);
      if (elem.empty()) return "";
      base = "ARRAY(" + elem + ")";
      break;
    }
    case K::Map:
    case K::Row: error = "none"; return "";
    case K::Enum:
      base = "TEXT";
      lossy = "enum " + Fold(t.enum_name) + " is stored as TEXT: firebolt has no enum types and does not check the values";
      break;
    case K::Native: {
      if (std::find(t.native_targets.begin(), t.native_targets.end(), "firebolt") == t.native_targets.end()) {
        std::string where;
        for (size_t i = 0; i < t.native_targets.size(); ++i)
          where += (i == 0 ? "" : i + 1 == t.native_targets.size() ? " and " : ", ") + t.native_targets[i];
        error = "exists only on " + where;
        return "";
      }
      // Legacy names of types Firebolt now reports as DATE and TIMESTAMP.
      base = t.native == "pgdate" ? "DATE" : t.native == "timestampntz" ? "TIMESTAMP" : UpperAscii(t.native);
      break;
    }
  }
  for (int i = 0; i < t.array_dims; ++i) base = "ARRAY(" + base + ")";
  return base;
}

auto CanonicalType(std::string_view reported) -> std::string {
  std::string s;
  for (char c : reported)
    if (!std::isspace(static_cast<unsigned char>(c)) || (!s.empty() && s.back() != ' ' && s.back() != '(' && s.back() != ','))
      s += std::isspace(static_cast<unsigned char>(c)) ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  // "NUMERIC(10, 2)" -> "NUMERIC(10,2)"; " NULL"/" NOT NULL" inside ARRAY(...) dropped.
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' && i + 1 < s.size() && (s[i + 1] == ')' || s[i + 1] == ',')) continue;
    if (s[i] == ' ' && !out.empty() && (out.back() == ',' || out.back() == '(')) continue;
    out += s[i];
  }
  for (const char* suffix : {" NOT NULL", " NULL"})
    for (size_t at; (at = out.find(suffix)) != std::string::npos;) out.erase(at, std::string_view(suffix).size());
  if (out.rfind("ARRAY(", 0) == 0 && out.back() == ')')
    return "ARRAY(" + CanonicalType(std::string_view(out).substr(6, out.size() - 7)) + ")";
  static const std::map<std::string, std::string> synonyms = {
      {"INT", "INTEGER"},         {"INT4", "INTEGER"},       {"LONG", "BIGINT"},     {"INT8", "BIGINT"},
      {"FLOAT", "REAL"},          {"FLOAT4", "REAL"},        {"DOUBLE", "DOUBLE PRECISION"},
      {"FLOAT8", "DOUBLE PRECISION"}, {"STRING", "TEXT"},    {"VARCHAR", "TEXT"},    {"BOOL", "BOOLEAN"},
      {"TIMESTAMPNTZ", "TIMESTAMP"}, {"DATETIME", "TIMESTAMP"}, {"PGDATE", "DATE"}, {"DECIMAL", "NUMERIC(38,9)"},
      {"NUMERIC", "NUMERIC(38,9)"}};
  if (auto it = synonyms.find(out); it != synonyms.end()) return it->second;
  if (out.rfind("DECIMAL(", 0) == 0) out = "NUMERIC(" + out.substr(8);
  return out;
}

auto RenderExpr(const model::Expr& e) -> std::string {
  static const FireboltWriter writer;
  return writer.Write(e);
}

namespace {
/// A name that needs no quotes once folded: lower-case letters, digits and
/// `_`, not starting with a digit.
auto IsPlainLower(const std::string& s) -> bool {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
}  // namespace

auto NormalizeExpr(std::string_view sql) -> std::string {
  std::string out;
  for (const auto& t : target::ScanSql(sql)) {
    std::string piece;
    switch (t.kind) {
      case target::SqlToken::Kind::Name: piece = LowerAscii(t.text); break;
      case target::SqlToken::Kind::QuotedName:
        // "ts" is the name ts folds to: Firebolt's own ddl quotes every name.
        piece = IsPlainLower(t.text) ? t.text : "\"" + t.text + "\"";
        break;
      default: piece = std::string(sql.substr(t.offset, t.length)); break;
    }
    out += (out.empty() ? "" : " ") + piece;
  }
  // The spellings of the current time Firebolt accepts in a default.
  for (const char* now : {"now ( )", "current_timestamp ( )"})
    for (size_t at; (at = out.find(now)) != std::string::npos;) out.replace(at, std::string_view(now).size(), "current_timestamp");
  while (!out.empty() && out.back() == ';') out.erase(out.size() - (out.size() > 1 && out[out.size() - 2] == ' ' ? 2 : 1));
  while (out.size() > 4 && out.rfind("( ", 0) == 0 && out.compare(out.size() - 2, 2, " )") == 0) {
    // Strip one pair of parentheses only when it encloses the whole text.
    int depth = 0;
    bool whole = true;
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i] == '(') ++depth;
      else if (out[i] == ')' && --depth == 0 && i + 1 != out.size()) whole = false;
    }
    if (!whole) break;
    out = out.substr(2, out.size() - 4);
  }
  return out;
}

auto ExpressionNames(std::string_view sql) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& t : target::ScanSql(sql)) {
    std::string name;
    if (t.kind == target::SqlToken::Kind::QuotedName) name = t.text;
    else if (t.kind == target::SqlToken::Kind::Name) {
      size_t end = t.offset + t.length;
      while (end < sql.size() && std::isspace(static_cast<unsigned char>(sql[end]))) ++end;
      if (end < sql.size() && sql[end] == '(') continue;  // a function
      name = LowerAscii(t.text);
      if (Keywords().count(name) || model::IsNiladicFunction(name)) continue;
    } else {
      continue;
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

auto RenameIdentifier(std::string_view sql, const std::string& from, const std::string& to) -> std::string {
  std::string out;
  size_t at = 0;
  for (const auto& t : target::ScanSql(sql)) {
    bool hit = (t.kind == target::SqlToken::Kind::QuotedName && t.text == from) ||
               (t.kind == target::SqlToken::Kind::Name && LowerAscii(t.text) == from);
    if (!hit) continue;
    size_t end = t.offset + t.length;
    if (t.kind == target::SqlToken::Kind::Name && end < sql.size() && sql[end] == '(') continue;
    out.append(sql.substr(at, t.offset - at));
    out += QuoteIdent(to);
    at = end;
  }
  out.append(sql.substr(at));
  return out;
}

}  // namespace schemac::backends::firebolt
