// Quoting, types and expressions for Flink SQL: every name in backticks
// (Flink names are case-sensitive and kept as written), types as Flink's
// DESCRIBE prints them, expressions through the shared ExprWriter.
#include <algorithm>
#include <cctype>

#include "backends/flink/flink.h"
#include "compiler/target/expr_writer.h"

namespace schemac::backends::flink {
namespace {

auto UpperAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}
auto LowerAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

auto CastType(const model::Type& t) -> std::string {
  std::string error, lossy;
  std::string name = TypeName(t, error, lossy);
  return name.empty() ? "STRING" : name;
}

/// Flink's spelling: backticks, upper-case keywords, INTERVAL 'n' UNIT,
/// arrays as ARRAY[...].
class FlinkWriter final : public target::ExprWriter {
 protected:
  auto String(const std::string& text) const -> std::string override { return QuoteLiteral(text); }
  auto Bool(const std::string& text) const -> std::string override { return UpperAscii(text); }
  auto Interval(const model::Expr& e) const -> std::string override {
    std::string amount = e.text, unit = e.op;
    if (unit.empty()) {  // interval '5 days': the unit is inside the string
      auto space = amount.find(' ');
      if (space != std::string::npos) {
        unit = amount.substr(space + 1);
        amount = amount.substr(0, space);
      }
    }
    unit = UpperAscii(unit);
    if (unit.size() > 1 && unit.back() == 'S') unit.pop_back();  // Flink's units are singular
    return "INTERVAL " + QuoteLiteral(amount) + (unit.empty() ? "" : " " + unit);
  }
  auto Column(const model::Expr& e) const -> std::string override {
    if (!e.name.quoted && !e.qualifier && model::IsNiladicFunction(LowerAscii(e.name.text)))
      return UpperAscii(e.name.text);
    return (e.qualifier ? QuoteIdent(Fold(*e.qualifier)) + "." : "") + QuoteIdent(Fold(e.name));
  }
  auto Call(const model::Expr& e) const -> std::string override {
    std::string name = e.name.quoted ? QuoteIdent(e.name.text) : UpperAscii(e.name.text);
    return (e.qualifier ? QuoteIdent(Fold(*e.qualifier)) + "." : "") + name + "(" + Arguments(e) + ")";
  }
  auto List(const model::Expr& e) const -> std::string override { return "ARRAY[" + Arguments(e) + "]"; }
  auto CastType(const model::Type& t) const -> std::string override { return flink::CastType(t); }
};

}  // namespace

auto QuoteIdent(std::string_view name) -> std::string {
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

auto QuoteSchema(std::string_view schema) -> std::string {
  auto dot = schema.find('.');
  if (dot == std::string_view::npos) return QuoteIdent(schema);
  return QuoteIdent(schema.substr(0, dot)) + "." + QuoteIdent(schema.substr(dot + 1));
}

auto QuoteName(std::string_view schema, std::string_view name) -> std::string {
  return QuoteSchema(schema) + "." + QuoteIdent(name);
}

auto QuoteLiteral(std::string_view text) -> std::string {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

auto Fold(const model::Name& n) -> std::string { return n.text; }

auto TypeName(const model::Type& t, std::string& error, std::string& lossy) -> std::string {
  using K = model::Type::Kind;
  auto arg = [&](size_t i, int64_t otherwise) { return std::to_string(t.args.size() > i ? t.args[i] : otherwise); };
  switch (t.kind) {
    case K::Bool: return "BOOLEAN";
    case K::Int16: return "SMALLINT";
    case K::Int32: return "INT";
    case K::Int64: return "BIGINT";
    case K::Decimal:
      if (t.args.empty()) {
        lossy = "decimal without a precision is DECIMAL(38, 18): flink's decimals hold at most 38 digits";
        return "DECIMAL(38, 18)";
      }
      return "DECIMAL(" + arg(0, 38) + ", " + arg(1, 0) + ")";
    case K::Float32: return "FLOAT";
    case K::Float64: return "DOUBLE";
    case K::Text: return "STRING";
    case K::Varchar: return t.args.empty() ? "STRING" : "VARCHAR(" + arg(0, 1) + ")";
    case K::Char: return "CHAR(" + arg(0, 1) + ")";
    case K::Bytes: return "BYTES";
    case K::Date: return "DATE";
    case K::Time: return "TIME(" + arg(0, 0) + ")";
    case K::Timestamp: return "TIMESTAMP(" + arg(0, 6) + ")";
    case K::TimestampTz: return "TIMESTAMP_LTZ(" + arg(0, 6) + ")";
    case K::Uuid:
      lossy = "uuid is STRING: flink has no uuid type and does not check the format";
      return "STRING";
    case K::Json:
      lossy = t.Describe() + " is STRING: flink does not check that it is JSON";
      return "STRING";
    case K::Array: {
      std::string elem = TypeName(t.elems.at(0), error, lossy);
      return elem.empty() ? "" : "ARRAY<" + elem + ">";
    }
    case K::Map: {
      std::string k = TypeName(t.elems.at(0), error, lossy);
      std::string v = k.empty() ? "" : TypeName(t.elems.at(1), error, lossy);
      return v.empty() ? "" : "MAP<" + k + ", " + v + ">";
    }
    case K::Row: {
      std::string out = "ROW<";
      for (size_t i = 0; i < t.elems.size(); ++i) {
        std::string f = TypeName(t.elems[i], error, lossy);
        if (f.empty()) return "";
        out += (i ? ", " : "") + QuoteIdent(i < t.fields.size() ? Fold(t.fields[i]) : "f" + std::to_string(i)) + " " + f;
      }
      return out + ">";
    }
    case K::Enum: error = "enum"; return "";
    case K::Native: {
      if (std::find(t.native_targets.begin(), t.native_targets.end(), "flink") == t.native_targets.end()) {
        std::string where;
        for (size_t i = 0; i < t.native_targets.size(); ++i)
          where += (i == 0 ? "" : i + 1 == t.native_targets.size() ? " and " : ", ") + t.native_targets[i];
        error = "exists only on " + where;
        return "";
      }
      return UpperAscii(t.native);
    }
  }
  return "";
}

auto RenderExpr(const model::Expr& e) -> std::string {
  static const FlinkWriter writer;
  return writer.Write(e);
}

auto NormalizeExpr(std::string_view sql) -> std::string {
  std::string out;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '`') {
      quote = c;
      out += c;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

auto Evolution(const catalog::Table& t) -> std::string {
  auto it = t.options.find(kEvolution);
  return it == t.options.end() ? "alter" : it->second;
}

}  // namespace schemac::backends::flink
