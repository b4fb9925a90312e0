// Expressions: the syntax tree's expressions become the model's small IR
// (model::Expr), built once here; backends render the IR.
#include <algorithm>

#include "compiler/check/checker.h"
#include "compiler/check/types.h"

namespace schemac::check {
namespace {

auto CastSpelling(const ast::TypeRef& t) -> std::string {
  if (t.kind != ast::TypeRef::Kind::Named) return "";
  std::string name = t.name;
  if (!t.quoted)
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t.name == "timestamp" && t.with_time_zone.value_or(false)) name = "timestamptz";
  return name;
}

/// A built-in scalar type resolves to its kind; anything else is kept as
/// written, as a user type (an Enum-kind type whose names are exact).
auto CastType(const ast::TypeRef& ref) -> model::Type {
  std::string error;
  if (auto t = ResolveBuiltinType(ref, error); t && error.empty() && t->kind != model::Type::Kind::Array &&
                                               t->kind != model::Type::Kind::Map && t->kind != model::Type::Kind::Row)
    return *t;
  model::Type out;
  out.kind = model::Type::Kind::Enum;
  if (ref.schema) out.enum_schema = model::Name{*ref.schema, true};
  out.enum_name = model::Name{ref.name, true};
  out.array_dims = ref.array_dims;
  return out;
}

auto ModelKind(ast::Expr::Kind k) -> model::Expr::Kind {
  using A = ast::Expr::Kind;
  using M = model::Expr::Kind;
  switch (k) {
    case A::Number: return M::Number;
    case A::String: return M::String;
    case A::Bool: return M::Bool;
    case A::Null: return M::Null;
    case A::Interval: return M::Interval;
    case A::Column: return M::Column;
    case A::Call: return M::Call;
    case A::Star: return M::Star;
    case A::Unary: return M::Unary;
    case A::Binary: return M::Binary;
    case A::IsNull: return M::IsNull;
    case A::IsBool: return M::IsBool;
    case A::In: return M::In;
    case A::Between: return M::Between;
    case A::Like: return M::Like;
    case A::Case: return M::Case;
    case A::Cast: return M::Cast;
    case A::List: return M::List;
    case A::Record: return M::List;  // refused by the checker (template-value)
  }
  return M::Null;
}

}  // namespace

auto FromAst(const ast::Name& n) -> Name { return Name{n.text, n.quoted}; }

auto IsRawSql(const ast::Expr& e) -> bool {
  return e.kind == ast::Expr::Kind::Call && !e.quoted && e.qualifier.empty() && e.args.size() == 1 &&
         e.args[0].kind == ast::Expr::Kind::String && Name{e.text, false}.key() == "sql";
}

auto BuildExpr(const ast::Expr& e) -> model::Expr {
  model::Expr out;
  out.range = e.range;
  out.parenthesized = e.parenthesized;
  if (IsRawSql(e)) {
    out.kind = model::Expr::Kind::RawSql;
    out.text = e.args[0].text;
    return out;
  }
  out.kind = ModelKind(e.kind);
  out.op = e.op;
  out.negated = e.negated;
  out.has_subject = e.has_subject;
  out.has_else = e.has_else;
  switch (e.kind) {
    case ast::Expr::Kind::Column:
    case ast::Expr::Kind::Call:
      out.name = model::Name{e.text, e.quoted};
      if (!e.qualifier.empty()) out.qualifier = model::Name{e.qualifier, e.qualifier_quoted};
      break;
    case ast::Expr::Kind::Cast:
      out.cast_type = {CastType(e.type.at(0))};
      out.cast_spelling = CastSpelling(e.type.at(0));
      break;
    default: out.text = e.text; break;
  }
  out.args.reserve(e.args.size());
  for (const auto& a : e.args) out.args.push_back(BuildExpr(a));
  return out;
}

}  // namespace schemac::check
