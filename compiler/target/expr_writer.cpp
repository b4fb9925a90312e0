#include "compiler/target/expr_writer.h"

namespace schemac::target {

auto ExprWriter::Precedence(const model::Expr& e) const -> int {
  using K = model::Expr::Kind;
  switch (e.kind) {
    case K::Binary:
      if (e.op == "or") return 1;
      if (e.op == "and") return 2;
      if (e.op == "=" || e.op == "<" || e.op == ">" || e.op == "<=" || e.op == ">=" || e.op == "<>") return 5;
      if (e.op == "||" || e.op == "..") return 7;
      if (e.op == "+" || e.op == "-") return 8;
      return 9;  // * / %
    case K::Unary: return e.op == "not" ? 3 : 10;
    case K::IsNull:
    case K::IsBool: return 4;
    case K::In:
    case K::Between:
    case K::Like: return 6;
    case K::Cast: return CastPrecedence(e);
    default: return 12;
  }
}

auto ExprWriter::Child(const model::Expr& child, int parent, bool right) const -> std::string {
  std::string s = Write(child);
  int p = Precedence(child);
  if (p < parent || (right && p == parent && p >= 4 && p <= 9)) return "(" + s + ")";
  return s;
}

auto ExprWriter::Arguments(const model::Expr& e, size_t first) const -> std::string {
  std::string out;
  for (size_t i = first; i < e.args.size(); ++i) out += (i > first ? ", " : "") + Write(e.args[i]);
  return out;
}

auto ExprWriter::IsBool(const model::Expr& e) const -> std::string {
  return Child(e.args[0], 5, false) + (e.negated ? " IS NOT " : " IS ") + (e.op == "true" ? "TRUE" : "FALSE");
}

auto ExprWriter::Cast(const model::Expr& e) const -> std::string {
  return "CAST(" + Write(e.args.at(0)) + " AS " + CastType(e.cast_type.at(0)) + ")";
}

auto ExprWriter::Write(const model::Expr& e) const -> std::string {
  using K = model::Expr::Kind;
  switch (e.kind) {
    case K::Number: return e.text;
    case K::String: return String(e.text);
    case K::Bool: return Bool(e.text);
    case K::Null: return "NULL";
    case K::Interval: return Interval(e);
    case K::Column: return Column(e);
    case K::RawSql: return e.text;  // sql('...'): an expression of the target, written as it is
    case K::Call: return Call(e);
    case K::Star: return "*";
    case K::Unary:
      // NOT binds looser than comparisons; parentheses make that plain to read.
      if (e.op == "not") return "NOT " + (Precedence(e.args[0]) < 12 ? "(" + Write(e.args[0]) + ")" : Write(e.args[0]));
      {
        // `-(-1)` must not print as `--1`, which starts a comment.
        std::string operand = Child(e.args[0], 10, true);
        if (!operand.empty() && (operand[0] == '-' || operand[0] == '+')) operand = "(" + operand + ")";
        return e.op + operand;
      }
    case K::Binary: {
      int p = Precedence(e);
      std::string op = e.op == "and" ? "AND" : e.op == "or" ? "OR" : e.op;
      return Child(e.args[0], p, false) + " " + op + " " + Child(e.args[1], p, true);
    }
    case K::IsNull: return Child(e.args[0], 5, false) + (e.negated ? " IS NOT NULL" : " IS NULL");
    case K::IsBool: return IsBool(e);
    case K::In: return Child(e.args[0], 7, false) + (e.negated ? " NOT IN (" : " IN (") + Arguments(e, 1) + ")";
    case K::Between:
      return Child(e.args[0], 7, false) + (e.negated ? " NOT BETWEEN " : " BETWEEN ") + Child(e.args[1], 7, false) +
             " AND " + Child(e.args[2], 7, false);
    case K::Like:
      return Child(e.args[0], 7, false) + (e.negated ? " NOT " : " ") + (e.op == "ilike" ? "ILIKE " : "LIKE ") +
             Child(e.args[1], 7, true);
    case K::Case: {
      std::string out = "CASE";
      size_t i = 0;
      if (e.has_subject) out += " " + Write(e.args[i++]);
      size_t end = e.args.size() - (e.has_else ? 1 : 0);
      for (; i + 2 <= end; i += 2) out += " WHEN " + Write(e.args[i]) + " THEN " + Write(e.args[i + 1]);
      if (e.has_else) out += " ELSE " + Write(e.args.back());
      return out + " END";
    }
    case K::Cast: return Cast(e);
    case K::List: return List(e);
  }
  return "";
}

}  // namespace schemac::target
