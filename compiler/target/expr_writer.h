// The portable expression language (docs/language.md section 9) written as
// SQL. The walk, the operator precedence and the parentheses are the same
// for every target; what a target spells its own way — names, string and
// boolean literals, intervals, calls, casts, arrays — each backend says by
// overriding the hooks below.
#pragma once

#include <string>

#include "compiler/model/model.h"

namespace schemac::target {

class ExprWriter {
 public:
  virtual ~ExprWriter() = default;

  /// `e` as SQL of the target.
  auto Write(const model::Expr& e) const -> std::string;

 protected:
  /// How tightly `e` binds (higher binds tighter): SQL's table, simplified.
  auto Precedence(const model::Expr& e) const -> int;
  /// `child` written as an operand of an operator of precedence `parent`,
  /// in parentheses when it binds more loosely (or as tightly, on the right).
  auto Child(const model::Expr& child, int parent, bool right) const -> std::string;
  /// The arguments of `e` from `first` on, written and joined with ", ".
  auto Arguments(const model::Expr& e, size_t first = 0) const -> std::string;

  virtual auto String(const std::string& text) const -> std::string = 0;
  virtual auto Bool(const std::string& text) const -> std::string = 0;
  /// `interval '5' second`: `e.text` the quantity, `e.op` the unit ("" for none).
  virtual auto Interval(const model::Expr& e) const -> std::string = 0;
  /// A column, or a function called without parentheses (current_timestamp).
  virtual auto Column(const model::Expr& e) const -> std::string = 0;
  virtual auto Call(const model::Expr& e) const -> std::string = 0;
  /// An array literal: `e.args` its elements.
  virtual auto List(const model::Expr& e) const -> std::string = 0;
  /// `x IS [NOT] TRUE|FALSE`.
  virtual auto IsBool(const model::Expr& e) const -> std::string;
  /// `cast(x as T)` and `x::T`: CAST(x AS T) unless the target says otherwise.
  virtual auto Cast(const model::Expr& e) const -> std::string;
  /// How tightly a cast binds, as this target writes it.
  virtual auto CastPrecedence(const model::Expr& e) const -> int {
    (void)e;
    return 12;
  }
  /// The target's spelling of a cast's type.
  virtual auto CastType(const model::Type& t) const -> std::string = 0;
};

}  // namespace schemac::target
