// Quoting and expression rendering for Postgres.
#include <algorithm>
#include <map>
#include <set>

#include "backends/postgres/postgres.h"
#include "compiler/target/expr_writer.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::postgres {
namespace {

/// Keywords that are not UNRESERVED in Postgres 15 (reserved, type/function
/// names and column-name keywords): quote_ident quotes these.
auto Keywords() -> const std::set<std::string, std::less<>>& {
  static const std::set<std::string, std::less<>> words = {
      // reserved
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
      "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
      "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
      "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
      "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
      "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
      "using", "variadic", "when", "where", "window", "with",
      // reserved (can be function or type)
      "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
      "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
      "right", "similar", "tablesample", "verbose",
      // non-reserved (cannot be function or type)
      "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
      "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
      "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row",
      "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar",
      "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
      "xmlroot", "xmlserialize", "xmltable"};
  return words;
}

auto LowerAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// A type written as is: a user-defined type (an enum), or a type Postgres
/// does not have (its error is the server's to report).
auto WrittenType(const std::optional<model::Name>& schema, const std::string& name, int array_dims) -> std::string {
  std::string out;
  if (schema) out = QuoteIdent(schema->text) + ".";
  out += QuoteIdent(name);
  for (int i = 0; i < array_dims; ++i) out += "[]";
  return out;
}

auto CastType(const model::Type& t) -> std::string {
  if (t.kind == model::Type::Kind::Enum) return WrittenType(t.enum_schema, t.enum_name.text, t.array_dims);
  std::string error;
  bool lossy = false;
  std::string name = TypeName(t, error, lossy);
  if (!name.empty()) return name;
  return WrittenType(std::nullopt, t.native, t.array_dims);
}

auto QualifierText(const model::Expr& e) -> std::string {
  return e.qualifier ? QuoteIdent(Fold(*e.qualifier)) + "." : "";
}

/// The portable expressions as Postgres writes them: `x::T` casts,
/// lower-case function names, `ARRAY[...]`, `'5 second'::interval`.
class PostgresWriter final : public target::ExprWriter {
 protected:
  auto String(const std::string& text) const -> std::string override { return QuoteLiteral(text); }
  auto Bool(const std::string& text) const -> std::string override { return LowerAscii(text); }
  auto Interval(const model::Expr& e) const -> std::string override {
    return "'" + e.text + (e.op.empty() ? "" : " " + e.op) + "'::interval";
  }
  auto Column(const model::Expr& e) const -> std::string override {
    if (!e.name.quoted && !e.qualifier && model::IsNiladicFunction(e.name.text)) {
      std::string up = e.name.text;
      std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      return up;
    }
    return QualifierText(e) + QuoteIdent(Fold(e.name));
  }
  auto Call(const model::Expr& e) const -> std::string override {
    std::string name = e.name.quoted ? QuoteIdent(e.name.text) : LowerAscii(e.name.text);
    if (!e.name.quoted && name != QuoteIdent(name) && !Keywords().count(name)) name = QuoteIdent(name);
    return QualifierText(e) + name + "(" + Arguments(e) + ")";
  }
  auto List(const model::Expr& e) const -> std::string override { return "ARRAY[" + Arguments(e) + "]"; }
  auto Cast(const model::Expr& e) const -> std::string override {
    return Child(e.args[0], 11, false) + "::" + CastType(e.cast_type.at(0));
  }
  auto CastPrecedence(const model::Expr& e) const -> int override { return e.op == "::" ? 11 : 12; }
  auto CastType(const model::Type& t) const -> std::string override { return postgres::CastType(t); }
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

auto QuoteQualified(std::string_view schema, std::string_view name) -> std::string {
  return QuoteIdent(schema) + "." + QuoteIdent(name);
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

auto TypeName(const model::Type& t, std::string& error, bool& lossy) -> std::string {
  using K = model::Type::Kind;
  auto arg = [&](size_t i) { return std::to_string(t.args.at(i)); };
  auto with_p = [&](const std::string& base, const std::string& suffix) {
    return t.args.empty() ? base + suffix : base + "(" + arg(0) + ")" + suffix;
  };
  std::string base;
  switch (t.kind) {
    case K::Bool: base = "boolean"; break;
    case K::Int16: base = "smallint"; break;
    case K::Int32: base = "integer"; break;
    case K::Int64: base = "bigint"; break;
    case K::Decimal: base = t.args.empty() ? "numeric" : "numeric(" + arg(0) + "," + arg(1) + ")"; break;
    case K::Float32: base = "real"; break;
    case K::Float64: base = "double precision"; break;
    case K::Text: base = "text"; break;
    case K::Varchar: base = t.args.empty() ? "character varying" : "character varying(" + arg(0) + ")"; break;
    case K::Char: base = t.args.empty() ? "character(1)" : "character(" + arg(0) + ")"; break;
    case K::Bytes: base = "bytea"; break;
    case K::Date: base = "date"; break;
    case K::Time: base = with_p("time", " without time zone"); break;
    case K::Timestamp: base = with_p("timestamp", " without time zone"); break;
    case K::TimestampTz: base = with_p("timestamp", " with time zone"); break;
    case K::Uuid: base = "uuid"; break;
    case K::Json: base = "jsonb"; break;
    case K::Array: {
      std::string elem = TypeName(t.elems.at(0), error, lossy);
      if (elem.empty()) return "";
      base = elem.size() > 2 && elem.compare(elem.size() - 2, 2, "[]") == 0 ? elem : elem + "[]";
      break;
    }
    case K::Map:
    case K::Row:
      lossy = true;
      base = "jsonb";
      break;
    case K::Enum: {
      std::string schema = t.enum_schema ? Fold(*t.enum_schema) : "public";
      std::string name = Fold(t.enum_name);
      base = schema == "public" ? QuoteIdent(name) : QuoteQualified(schema, name);
      break;
    }
    case K::Native: {
      if (std::find(t.native_targets.begin(), t.native_targets.end(), "postgres") == t.native_targets.end()) {
        std::string where;
        for (size_t i = 0; i < t.native_targets.size(); ++i)
          where += (i == 0 ? "" : i + 1 == t.native_targets.size() ? " and " : ", ") + t.native_targets[i];
        error = "exists only on " + where;
        return "";
      }
      if (t.native == "timetz") base = with_p("time", " with time zone");
      else if (t.native == "bit") base = t.args.empty() ? "bit(1)" : "bit(" + arg(0) + ")";
      else if (t.native == "bit varying") base = with_p("bit varying", "");
      else if (t.native == "interval") base = with_p("interval", "");
      else base = t.native;
      break;
    }
  }
  if (t.array_dims > 0 && base.compare(base.size() >= 2 ? base.size() - 2 : 0, 2, "[]") != 0) base += "[]";
  return base;
}

auto RenderExpr(const model::Expr& e) -> std::string {
  static const PostgresWriter writer;
  return writer.Write(e);
}

auto IdentifierTokens(std::string_view sql) -> std::vector<IdentToken> {
  // The tokens are target::ScanSql's; what is Postgres's is which of them
  // name a column: a plain name folded to lower case, unless it is a type
  // (after `::`) or a function (before `(`).
  std::vector<IdentToken> out;
  for (const auto& t : target::ScanSql(sql)) {
    if (t.kind == target::SqlToken::Kind::QuotedName) {
      out.push_back({t.offset, t.length, t.text});
    } else if (t.kind == target::SqlToken::Kind::Name) {
      size_t end = t.offset + t.length;
      bool after_cast = t.offset >= 2 && sql[t.offset - 1] == ':' && sql[t.offset - 2] == ':';
      bool call = end < sql.size() && sql[end] == '(';
      if (!after_cast && !call) out.push_back({t.offset, t.length, LowerAscii(t.text)});
    }
  }
  return out;
}

auto NormalizeExpr(std::string_view sql) -> std::string {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // copy literals and quoted names verbatim
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
      for (++i; i < sql.size(); ++i) {
        out += sql[i];
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) {
            out += sql[++i];
            continue;
          }
          break;
        }
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

}  // namespace schemac::backends::postgres
