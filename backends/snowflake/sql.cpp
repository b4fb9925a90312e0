// Quoting, types and expressions for Snowflake.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "backends/snowflake/snowflake.h"
#include "compiler/target/expr_writer.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::snowflake {
namespace {

/// Snowflake's reserved words (its "Reserved & limited keywords" list): an
/// identifier spelled like one must be quoted.
auto Reserved() -> const std::set<std::string, std::less<>>& {
  static const std::set<std::string, std::less<>> words = {
      "ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN",
      "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME",
      "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE",
      "FOLLOWING", "FOR", "FROM", "FULL", "GRANT", "GROUP", "GSCLUSTER", "HAVING", "ILIKE", "IN", "INCREMENT",
      "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISSUE", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME",
      "LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON", "OR", "ORDER", "ORGANIZATION", "QUALIFY",
      "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE", "SCHEMA", "SELECT", "SET", "SOME", "START",
      "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE", "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING",
      "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE", "WITH"};
  return words;
}

auto LowerAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

auto CastType(const model::Type& t) -> std::string {
  std::string error, lossy;
  std::string name = TypeName(t, error, lossy);
  if (!name.empty()) return name;
  return UpperAscii(t.kind == model::Type::Kind::Native ? t.native : t.enum_name.text);
}

/// The portable functions (language.md section 9), as Snowflake spells them.
auto PortableCall(const std::string& lower, size_t args) -> std::optional<std::string> {
  if (lower == "now" && args == 0) return "CURRENT_TIMESTAMP";
  if (lower == "gen_random_uuid" && args == 0) return "UUID_STRING";
  if (lower == "current_timestamp" || lower == "current_date" || lower == "current_time" || lower == "lower" ||
      lower == "upper" || lower == "coalesce" || lower == "date_trunc")
    return UpperAscii(lower);
  return std::nullopt;
}

/// The portable expressions as Snowflake writes them: upper-case function
/// names, `CAST(x AS T)`, `ARRAY_CONSTRUCT(...)`, niladic functions with
/// parentheses (as its catalog shows a default: CURRENT_TIMESTAMP()).
class SnowflakeWriter final : public target::ExprWriter {
 protected:
  auto String(const std::string& text) const -> std::string override { return QuoteLiteral(text); }
  auto Bool(const std::string& text) const -> std::string override { return UpperAscii(text); }
  auto Interval(const model::Expr& e) const -> std::string override {
    return "INTERVAL '" + e.text + (e.op.empty() ? "" : " " + LowerAscii(e.op)) + "'";
  }
  auto Column(const model::Expr& e) const -> std::string override {
    if (!e.name.quoted && !e.qualifier && model::IsNiladicFunction(LowerAscii(e.name.text)))
      return UpperAscii(e.name.text) + "()";
    return Qualifier(e) + QuoteIdent(Fold(e.name));
  }
  auto Call(const model::Expr& e) const -> std::string override {
    std::string name;
    if (e.name.quoted) name = QuoteIdent(e.name.text);
    else if (auto portable = PortableCall(LowerAscii(e.name.text), e.args.size()); portable && !e.qualifier) name = *portable;
    else name = UpperAscii(e.name.text);
    return Qualifier(e) + name + "(" + Arguments(e) + ")";
  }
  auto List(const model::Expr& e) const -> std::string override { return "ARRAY_CONSTRUCT(" + Arguments(e) + ")"; }
  /// Snowflake's IS TRUE is not for every boolean expression; IS [NOT] DISTINCT FROM is.
  auto IsBool(const model::Expr& e) const -> std::string override {
    return Child(e.args[0], 5, false) + (e.negated ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") +
           (e.op == "true" ? "TRUE" : "FALSE");
  }
  auto CastPrecedence(const model::Expr& e) const -> int override { return e.op == "::" ? 11 : 12; }
  auto CastType(const model::Type& t) const -> std::string override { return snowflake::CastType(t); }

 private:
  static auto Qualifier(const model::Expr& e) -> std::string {
    return e.qualifier ? QuoteIdent(Fold(*e.qualifier)) + "." : "";
  }
};

}  // namespace

auto UpperAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

auto QuoteIdent(std::string_view name) -> std::string {
  bool bare = !name.empty() && (std::isupper(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '$'))
      bare = false;
  if (bare && !Reserved().count(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

auto QuoteQualified(std::string_view schema, std::string_view name) -> std::string {
  return QuoteIdent(schema) + "." + QuoteIdent(name);
}

auto QuoteLiteral(std::string_view text) -> std::string {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

auto Fold(const model::Name& n) -> std::string { return n.quoted ? n.text : UpperAscii(n.text); }

auto TypeName(const model::Type& t, std::string& error, std::string& lossy) -> std::string {
  using K = model::Type::Kind;
  auto precision = [&](int def) { return std::to_string(t.args.empty() ? def : t.args[0]); };
  std::string out;
  switch (t.kind) {
    case K::Bool: out = "BOOLEAN"; break;
    case K::Int16:
    case K::Int32:
    case K::Int64:
      // Snowflake keeps no narrower integer: its catalog reports INT,
      // SMALLINT and BIGINT alike as NUMBER(38,0), so that is the type
      // compared, or every plan against a live catalog would retype them.
      lossy = t.Describe() + " is stored as NUMBER(38,0): snowflake does not bound it to the " + t.Describe() +
              " range";
      out = kInteger;
      break;
    case K::Decimal:
      out = t.args.empty() ? "NUMBER(38,0)"
                           : "NUMBER(" + std::to_string(t.args[0]) + "," +
                                 std::to_string(t.args.size() > 1 ? t.args[1] : 0) + ")";
      break;
    case K::Float32:
    case K::Float64: out = "FLOAT"; break;
    case K::Text: out = kVarcharMax; break;
    case K::Varchar: out = t.args.empty() ? kVarcharMax : "VARCHAR(" + std::to_string(t.args[0]) + ")"; break;
    case K::Char:
      // CHAR(n) is VARCHAR(n) in Snowflake's catalog: values are not padded.
      lossy = t.Describe() + " is stored as VARCHAR: snowflake does not pad the values with blanks";
      out = "VARCHAR(" + precision(1) + ")";
      break;
    case K::Bytes: out = kBinaryMax; break;
    case K::Date: out = "DATE"; break;
    case K::Time: out = "TIME(" + precision(9) + ")"; break;
    case K::Timestamp: out = "TIMESTAMP_NTZ(" + precision(9) + ")"; break;
    case K::TimestampTz: out = "TIMESTAMP_TZ(" + precision(9) + ")"; break;
    case K::Uuid:
      lossy = "uuid is stored as VARCHAR(36): snowflake does not check the format";
      out = "VARCHAR(36)";
      break;
    case K::Json: out = "VARIANT"; break;
    case K::Array:
      lossy = t.Describe() + " is stored as ARRAY: snowflake does not check the element type";
      out = "ARRAY";
      break;
    case K::Map:
    case K::Row:
      lossy = t.Describe() + " is stored as OBJECT: snowflake does not check its keys or value types";
      out = "OBJECT";
      break;
    case K::Enum:
      lossy = "enum " + t.enum_name.text + " is stored as VARCHAR: snowflake has no enum types and does not check the values";
      out = kVarcharMax;
      break;
    case K::Native: {
      if (std::find(t.native_targets.begin(), t.native_targets.end(), "snowflake") == t.native_targets.end()) {
        std::string where;
        for (size_t i = 0; i < t.native_targets.size(); ++i)
          where += (i == 0 ? "" : i + 1 == t.native_targets.size() ? " and " : ", ") + t.native_targets[i];
        error = where;
        return "";
      }
      out = UpperAscii(t.native);
      break;
    }
  }
  if (t.array_dims > 0) {
    lossy = t.Describe() + " is stored as ARRAY: snowflake does not check the element type";
    out = "ARRAY";
  }
  return out;
}

auto RenderExpr(const model::Expr& e) -> std::string {
  static const SnowflakeWriter writer;
  return writer.Write(e);
}

auto NormalizeExpr(std::string_view sql) -> std::string {
  std::string out;
  auto tokens = target::ScanSql(sql);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    std::string piece;
    switch (t.kind) {
      case target::SqlToken::Kind::Name: {
        piece = UpperAscii(t.text);
        // CURRENT_TIMESTAMP and CURRENT_TIMESTAMP() are the same call.
        bool call = i + 1 < tokens.size() && tokens[i + 1].kind == target::SqlToken::Kind::Symbol &&
                    tokens[i + 1].text == "(";
        if (!call && model::IsNiladicFunction(LowerAscii(t.text))) piece += "()";
        break;
      }
      case target::SqlToken::Kind::QuotedName: piece = "\"" + t.text + "\""; break;
      default: piece = std::string(sql.substr(t.offset, t.length)); break;
    }
    out += (out.empty() ? "" : " ") + piece;
  }
  while (!out.empty() && out.back() == ';') out.pop_back();
  // "X ( )" and "X()" alike.
  for (size_t at; (at = out.find(" ( )")) != std::string::npos;) out.replace(at, 4, "()");
  for (size_t at; (at = out.find(" ()")) != std::string::npos;) out.replace(at, 3, "()");
  return out;
}

auto ExpressionNames(std::string_view sql) -> std::vector<std::string> {
  std::vector<std::string> out;
  auto tokens = target::ScanSql(sql);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.kind == target::SqlToken::Kind::QuotedName) {
      out.push_back(t.text);
    } else if (t.kind == target::SqlToken::Kind::Name) {
      size_t end = t.offset + t.length;
      bool after_cast = t.offset >= 2 && sql[t.offset - 1] == ':' && sql[t.offset - 2] == ':';
      bool call = end < sql.size() && sql[end] == '(';
      std::string up = UpperAscii(t.text);
      if (!after_cast && !call && !Reserved().count(up) && up != "AS") out.push_back(up);
    }
  }
  return out;
}

auto ParseNumber(const std::string& type, int& precision, int& scale) -> bool {
  if (type.rfind("NUMBER(", 0) != 0 || type.back() != ')') return false;
  size_t comma = type.find(',');
  if (comma == std::string::npos) return false;
  try {
    precision = std::stoi(type.substr(7, comma - 7));
    scale = std::stoi(type.substr(comma + 1, type.size() - comma - 2));
  } catch (...) {
    return false;
  }
  return true;
}

auto ParseVarchar(const std::string& type, long& length) -> bool {
  if (type.rfind("VARCHAR(", 0) != 0 || type.back() != ')') return false;
  try {
    length = std::stol(type.substr(8, type.size() - 9));
  } catch (...) {
    return false;
  }
  return true;
}

auto CopyDefinition(const catalog::Pipe& pipe, const catalog::Table& table, const std::set<std::string>& skip)
    -> std::string {
  std::string format = UpperAscii(pipe.format);
  std::string columns, select;
  size_t n = 0;
  for (const auto& c : table.columns) {
    if (skip.count(c.name)) continue;
    ++n;
    columns += (n > 1 ? ", " : "") + QuoteIdent(c.name);
    // CSV by position (of the columns the files carry); Parquet and JSON by
    // the field's name, which is the column's name as the catalog stores it.
    std::string field = format == "CSV" ? "$" + std::to_string(n) : "$1:" + QuoteIdent(c.name);
    select += (n > 1 ? ", " : "") + field + "::" + c.type;
  }
  std::string out = "COPY INTO " + QuoteQualified(pipe.table.schema, pipe.table.name) + " (" + columns +
                    ") FROM (SELECT " + select + " FROM " + pipe.stage + ") FILE_FORMAT = (TYPE = " + format + ")";
  if (pipe.pattern) out += " PATTERN = " + QuoteLiteral(*pipe.pattern);
  return out;
}

}  // namespace schemac::backends::snowflake
