// Checking literal defaults against the column's type: numbers that fit the
// integer types, string lengths, enum values (the language's rules), and the
// strings a bool, date, time, uuid or json column accepts, which are the
// default dialect's (compiler/target/dialect.h).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/check/types.h"

namespace schemac::check {

void Checker::CheckDefault(const ast::Expr& e, const model::Column& col) {
  using TK = model::Type::Kind;
  using EK = ast::Expr::Kind;
  const ast::Expr* lit = &e;
  bool negative = false;
  if (e.kind == EK::Unary && e.op == "-" && e.args.size() == 1) {
    lit = &e.args[0];
    negative = true;
  }
  const model::Type& t = col.type;
  if (t.array_dims > 0 || t.kind == TK::Array || t.kind == TK::Native) return;  // natives: the target decides
  auto fail = [&](const std::string& what) {
    diags_.Emit(Kind::DefaultTypeMismatch, e.range, what, col.name.text, t.Describe());
  };
  bool numeric = t.kind == TK::Int16 || t.kind == TK::Int32 || t.kind == TK::Int64 || t.kind == TK::Decimal ||
                 t.kind == TK::Float32 || t.kind == TK::Float64;
  bool integer = t.kind == TK::Int16 || t.kind == TK::Int32 || t.kind == TK::Int64;
  bool stringy = t.kind == TK::Text || t.kind == TK::Varchar || t.kind == TK::Char;
  switch (lit->kind) {
    case EK::Number: {
      if (stringy && dialect_.NumberToText()) return;
      if (!numeric) {
        fail(lit->text);
        return;
      }
      if (integer) {
        if (lit->text.find_first_of(".eE") != std::string::npos) {
          fail((negative ? "-" : "") + lit->text);
          return;
        }
        long double v = 0;
        try {
          v = std::stold(lit->text);
        } catch (...) {
          v = 1e30L;
        }
        if (negative) v = -v;
        long double lo = t.kind == TK::Int16 ? -32768.0L : t.kind == TK::Int32 ? -2147483648.0L : -9223372036854775808.0L;
        long double hi = t.kind == TK::Int16 ? 32767.0L : t.kind == TK::Int32 ? 2147483647.0L : 9223372036854775807.0L;
        if (v < lo || v > hi) fail((negative ? "-" : "") + lit->text);
      }
      return;
    }
    case EK::String: {
      if (negative) return;
      bool time = t.kind == TK::Date || t.kind == TK::Time || t.kind == TK::Timestamp || t.kind == TK::TimestampTz;
      if (t.kind == TK::Bool) {
        if (!dialect_.AcceptsString(TK::Bool, lit->text)) fail("'" + lit->text + "'");
      } else if (integer) {
        std::string s = lit->text;
        bool digits = !s.empty() && s.find_first_not_of("0123456789-+ ") == std::string::npos;
        if (!digits) fail("'" + lit->text + "'");
      } else if (numeric) {
        char* end = nullptr;
        std::strtod(lit->text.c_str(), &end);
        if (lit->text.empty() || (end && *end != '\0')) fail("'" + lit->text + "'");
      } else if ((t.kind == TK::Varchar || t.kind == TK::Char) && !t.args.empty() &&
                 CodePoints(lit->text) > static_cast<size_t>(t.args[0])) {
        fail("'" + lit->text + "' (" + std::to_string(CodePoints(lit->text)) + " characters)");
      } else if (auto fix = time ? dialect_.FrozenTimeDefault(lit->text) : std::nullopt) {
        diags_.Emit(Kind::FrozenDefault, e.range, lit->text, col.name.text).hint =
            "write 'default " + *fix + "' for the time of each insert";
      } else if (!dialect_.AcceptsString(t.kind, lit->text)) {
        fail("'" + lit->text + "'");
      } else if (t.kind == TK::Enum) {
        if (const auto* en = EnumOf(t);
            en && std::find(en->values.begin(), en->values.end(), lit->text) == en->values.end()) {
          auto& d = diags_.Emit(Kind::UnknownEnumValue, e.range, lit->text, en->name.text);
          d.hint = diag::DidYouMean(lit->text, en->values);
          d.notes.push_back({en->range, "enum '" + en->name.text + "' is declared here"});
        }
      }
      return;
    }
    case EK::Bool:
      if (t.kind != TK::Bool && !stringy) fail(lit->text);
      return;
    default: return;
  }
}

auto Checker::CodePoints(const std::string& s) -> size_t {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace schemac::check
