// Expansion of templates: `let` constants are evaluated where they are used,
// `for` bodies are copied once per element, and `${...}` is replaced by its
// value in every name, string, comment and raw SQL body.
#include "compiler/expand/template.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringRef.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "compiler/source/utf8.h"
#include "compiler/support/overloaded.h"
#include "compiler/syntax/quote.h"

namespace schemac::expand {
namespace {

using source::SourceRange;

/// A constant's value. Elements are shared: a constant used many times, or
/// put in a list many times, is never copied.
struct Value {
  enum class Kind { Int, Str, List, Record };
  Kind kind = Kind::Int;
  int64_t i = 0;
  std::string s;
  std::shared_ptr<const std::vector<Value>> items;         // List: the elements; Record: the field values
  std::shared_ptr<const std::vector<std::string>> fields;  // Record: the field names, lower case

  auto Items() const -> const std::vector<Value>& {
    static const std::vector<Value> kNone;
    return items ? *items : kNone;
  }
  auto Fields() const -> const std::vector<std::string>& {
    static const std::vector<std::string> kNone;
    return fields ? *fields : kNone;
  }
};

/// How much of a value messages show.
constexpr size_t kMaxDisplay = 80;

/// The value as it would be written (`2024`, `'acme'`, `{name: 'acme'}`),
/// cut after kMaxDisplay bytes with "...".
auto Display(const Value& v) -> std::string {
  std::string out;
  std::function<void(const Value&)> write = [&](const Value& x) {
    if (out.size() > kMaxDisplay) return;
    switch (x.kind) {
      case Value::Kind::Int: out += std::to_string(x.i); break;
      case Value::Kind::Str: out += syntax::QuoteString(x.s); break;
      case Value::Kind::List:
      case Value::Kind::Record: {
        bool list = x.kind == Value::Kind::List;
        out += list ? "[" : "{";
        for (size_t i = 0; i < x.Items().size() && out.size() <= kMaxDisplay; ++i) {
          out += i ? ", " : "";
          if (!list) out += x.Fields()[i] + ": ";
          write(x.Items()[i]);
        }
        out += list ? "]" : "}";
        break;
      }
    }
  };
  write(v);
  if (out.size() > kMaxDisplay) out = out.substr(0, kMaxDisplay - 3) + "...";
  return out;
}

auto KindWord(const Value& v) -> const char* {
  switch (v.kind) {
    case Value::Kind::Int: return "an integer";
    case Value::Kind::Str: return "a string";
    case Value::Kind::List: return "a list";
    case Value::Kind::Record: return "a record";
  }
  return "a value";
}

/// The most elements one range may have: `1..1000000000` is a mistake to
/// report, not a reason to run out of memory.
constexpr int64_t kMaxRange = 100000;
/// The most work one compilation's templates may do: loop iterations and
/// stamped-out declarations together, and the bytes of the strings they make.
constexpr size_t kMaxCopies = 500000;
constexpr size_t kMaxText = 1 << 20;

struct Scope;

/// A name bound by `let` (evaluated on first use, in the scope it was
/// written in) or by `for` (bound to one element).
struct Binding {
  SourceRange defined;
  const ast::Expr* expr = nullptr;
  Scope* home = nullptr;
  std::optional<Value> value;
  bool evaluating = false;
  bool failed = false;
};

struct Scope {
  Scope* parent = nullptr;
  std::map<std::string, Binding> vars;
};

auto Key(const std::string& text, bool quoted) -> std::string { return quoted ? text : llvm::StringRef(text).lower(); }

/// Whether `s` is one `${...}` and nothing else.
auto IsInterpolation(const std::string& s) -> bool {
  return s.size() > 3 && s.compare(0, 2, "${") == 0 && s.back() == '}' && s.find('}') == s.size() - 1;
}

/// Whether `s` is a plain (unquoted) name: `[A-Za-z_][A-Za-z0-9_$]*`.
auto IsPlainName(const std::string& s) -> bool {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$')) return false;
  return true;
}

class Expander {
 public:
  Expander(source::SourceManager& sm, diag::Engine& diags) : sm_(sm), diags_(diags) {}

  /// What the visitor does to the tree: expand templates; only stamp ranges
  /// with an iteration; or escape every `${` in strings as `$${`.
  enum class Mode { Expand, Stamp, Escape };

  void Stamp(std::vector<ast::TableItem>& items, uint32_t iteration) {
    mode_ = Mode::Stamp;
    iteration_ = iteration;
    for (auto& item : items) TableItem(item);
  }

  void Escape(ast::Unit& unit) {
    mode_ = Mode::Escape;
    for (auto& f : unit.files) EscapeDecls(f.decls);
  }

  void Run(ast::Unit& unit) {
    // The lets at the top of a file are the unit's, as its declarations are:
    // written in one file, used in any.
    for (auto& f : unit.files) BindLets(f.decls, global_);
    EvaluateLets(global_);
    for (auto& f : unit.files) {
      std::vector<ast::Decl> out;
      out.reserve(f.decls.size());
      ExpandList(f.decls, global_, 0, out, true);
      kept_.push_back(std::move(f.decls));  // the lets in it are read until the end
      f.decls = std::move(out);
    }
  }

 private:
  void EscapeDecls(std::vector<ast::Decl>& decls) {
    for (auto& d : decls)
      if (auto* s = std::get_if<ast::Schema>(&d.node)) EscapeDecls(s->decls);
      else Visit(d);
  }

  // ---- names and values ----------------------------------------------------

  /// Binds the lets among `decls` (not those of nested blocks) in `scope`,
  /// then evaluates them.
  void Declare(const std::vector<ast::Decl>& decls, Scope& scope) {
    BindLets(decls, scope);
    EvaluateLets(scope);
  }

  void BindLets(const std::vector<ast::Decl>& decls, Scope& scope) {
    for (const auto& d : decls)
      if (auto* l = std::get_if<ast::Let>(&d.node)) Bind(scope, l->name, Binding{l->name.range, &l->value, &scope, {}, false, false});
  }

  /// Evaluates every constant of `scope`: a mistake in one is reported even
  /// when nothing uses it.
  void EvaluateLets(Scope& scope) {
    for (auto& [key, b] : scope.vars)
      if (b.expr) Lookup(scope, key, true, b.defined);
  }

  /// Binds `name`; a name already visible is an error (shadowing a constant
  /// or a loop variable is almost always a mistake in a template).
  auto Bind(Scope& scope, const ast::Name& name, Binding b) -> bool {
    if (name.text.empty()) {
      diags_.Emit(diag::Kind::EmptyName, name.range);
      return false;
    }
    std::string key = Key(name.text, name.quoted);
    if (const Binding* old = Find(scope, key)) {
      Rebound(name, *old, iteration_);
      return false;
    }
    scope.vars.emplace(std::move(key), std::move(b));
    return true;
  }

  /// `name` is bound again where `old` is visible.
  void Rebound(const ast::Name& name, const Binding& old, uint32_t iteration) {
    auto& d = diags_.Emit(diag::Kind::DuplicateVariable, Stamped(name.range, iteration), name.text);
    d.notes.push_back({old.defined, "'" + name.text + "' is defined here"});
    d.hint = "give it another name";
  }

  static auto Find(Scope& scope, const std::string& key) -> Binding* {
    for (Scope* s = &scope; s; s = s->parent)
      if (auto it = s->vars.find(key); it != s->vars.end()) return &it->second;
    return nullptr;
  }

  /// The value of the variable `name`, or nullopt (reported) when there is none.
  auto Lookup(Scope& scope, const std::string& name, bool quoted, SourceRange at) -> const Value* {
    Binding* b = Find(scope, Key(name, quoted));
    if (!b) {
      std::vector<std::string> names;
      for (Scope* s = &scope; s; s = s->parent)
        for (const auto& [k, binding] : s->vars)
          if (!binding.evaluating) names.push_back(k);  // not the constant being defined
      auto& d = diags_.Emit(diag::Kind::UnknownVariable, at, name);
      d.hint = diag::DidYouMean(Key(name, quoted), names);
      if (d.hint.empty())
        d.hint = names.empty() ? "define it with 'let " + name + " = ...' or loop over it with 'for " + name + " in ...'"
                               : "the variables here are: " + llvm::join(names, ", ");
      return nullptr;
    }
    if (b->value) return &*b->value;
    if (b->failed) return nullptr;
    if (b->evaluating) {
      diags_.Emit(diag::Kind::BadTemplate, b->defined, "'" + name + "' is defined in terms of itself").hint =
          "a constant can use other constants, but not itself, directly or through another one";
      b->failed = true;
      return nullptr;
    }
    b->evaluating = true;
    auto v = Eval(*b->expr, *b->home);
    b->evaluating = false;
    if (!v) {
      b->failed = true;
      return nullptr;
    }
    b->value = std::move(v);
    return &*b->value;
  }

  /// Field `field` of `v`, which must be a record; nullptr when it is not (reported).
  auto Field(const Value& v, const std::string& owner, const std::string& field, SourceRange at) -> const Value* {
    if (v.kind != Value::Kind::Record) {
      diags_.Emit(diag::Kind::BadTemplate, at, "'" + owner + "' is " + KindWord(v) + ", which has no field '" + field + "'")
          .hint = "only records have fields: {name: 'acme', region: 'eu'}";
      return nullptr;
    }
    std::string key = llvm::StringRef(field).lower();
    for (size_t i = 0; i < v.Fields().size(); ++i)
      if (v.Fields()[i] == key) return &v.Items()[i];
    auto& d = diags_.Emit(diag::Kind::BadTemplate, at, "'" + owner + "' has no field '" + field + "'");
    d.hint = diag::DidYouMean(key, v.Fields());
    if (d.hint.empty()) d.hint = "its fields are: " + llvm::join(v.Fields(), ", ");
    return nullptr;
  }

  auto Error(SourceRange at, const std::string& message, const std::string& hint) -> std::nullopt_t {
    diags_.Emit(diag::Kind::BadTemplate, at, message).hint = hint;
    return std::nullopt;
  }

  /// The value of a `let` or `for` expression.
  auto Eval(const ast::Expr& e, Scope& scope) -> std::optional<Value> {
    using K = ast::Expr::Kind;
    SourceRange at = Stamped(e.range);
    switch (e.kind) {
      case K::Number: {
        Value v;
        auto parsed = llvm::StringRef(e.text).getAsInteger(10, v.i);
        if (parsed) return Error(at, "'" + e.text + "' is not a whole number", "constants are integers, strings, lists, ranges and records");
        return v;
      }
      case K::String: {
        auto text = Interpolate(e.text, scope, e.range);
        if (!text) return std::nullopt;
        Value v;
        v.kind = Value::Kind::Str;
        v.s = std::move(*text);
        return v;
      }
      case K::List: {
        if (e.op == "array") break;
        std::vector<Value> items;
        for (const auto& a : e.args) {
          auto item = Eval(a, scope);
          if (!item) return std::nullopt;
          items.push_back(std::move(*item));
        }
        Value v;
        v.kind = Value::Kind::List;
        v.items = std::make_shared<const std::vector<Value>>(std::move(items));
        return v;
      }
      case K::Record: {
        std::vector<Value> items;
        std::vector<std::string> fields;
        for (size_t i = 0; i < e.args.size(); ++i) {
          if (std::find(fields.begin(), fields.end(), e.fields[i]) != fields.end())
            return Error(Stamped(e.args[i].range), "field '" + e.fields[i] + "' appears twice in the record", "give each field one value");
          auto item = Eval(e.args[i], scope);
          if (!item) return std::nullopt;
          fields.push_back(e.fields[i]);
          items.push_back(std::move(*item));
        }
        Value v;
        v.kind = Value::Kind::Record;
        v.items = std::make_shared<const std::vector<Value>>(std::move(items));
        v.fields = std::make_shared<const std::vector<std::string>>(std::move(fields));
        return v;
      }
      case K::Column: {
        if (e.qualifier.empty()) {
          const Value* v = Lookup(scope, e.text, e.quoted, at);
          return v ? std::optional<Value>(*v) : std::nullopt;
        }
        const Value* owner = Lookup(scope, e.qualifier, e.qualifier_quoted, at);
        if (!owner) return std::nullopt;
        const Value* v = Field(*owner, e.qualifier, e.text, at);
        return v ? std::optional<Value>(*v) : std::nullopt;
      }
      case K::Unary: {
        if (e.op != "-" && e.op != "+") break;
        auto v = Eval(e.args[0], scope);
        if (!v) return std::nullopt;
        if (v->kind != Value::Kind::Int) return Error(at, "'" + e.op + "' needs an integer, not " + KindWord(*v), "");
        if (e.op == "-") {
          int64_t zero = 0;
          if (!Arithmetic('-', zero, v->i, at)) return std::nullopt;
          v->i = zero;
        }
        return v;
      }
      case K::Binary: {
        if (e.op != ".." && e.op != "+" && e.op != "-" && e.op != "*" && e.op != "||") break;
        auto l = Eval(e.args[0], scope);
        auto r = l ? Eval(e.args[1], scope) : std::nullopt;
        if (!l || !r) return std::nullopt;
        if (e.op == "||") {
          if (l->kind > Value::Kind::Str || r->kind > Value::Kind::Str)
            return Error(at, "'||' joins strings and integers, not " + std::string(KindWord(l->kind > Value::Kind::Str ? *l : *r)), "");
          Value v;
          v.kind = Value::Kind::Str;
          v.s = Str(*l) + Str(*r);
          if (!Charge(v.s.size(), at)) return std::nullopt;
          return v;
        }
        if (l->kind != Value::Kind::Int || r->kind != Value::Kind::Int)
          return Error(at, "'" + e.op + "' needs two integers, not " + KindWord(l->kind != Value::Kind::Int ? *l : *r),
                       e.op == ".." ? "a range is written 2021..2024" : "");
        if (e.op != ".." && !Arithmetic(e.op[0], l->i, r->i, at)) return std::nullopt;
        if (e.op != "..") return l;
        if (l->i > r->i)
          return Error(at, "the range " + std::to_string(l->i) + ".." + std::to_string(r->i) + " is empty",
                       "a range counts up and includes both ends: write " + std::to_string(r->i) + ".." + std::to_string(l->i));
        int64_t span = 0;
        if (__builtin_sub_overflow(r->i, l->i, &span) || span >= kMaxRange)
          return Error(at, "the range " + std::to_string(l->i) + ".." + std::to_string(r->i) + " has more than " +
                               std::to_string(kMaxRange) + " elements",
                       "");
        std::vector<Value> items(static_cast<size_t>(span) + 1);
        for (int64_t k = 0; k <= span; ++k) items[static_cast<size_t>(k)].i = l->i + k;
        Value v;
        v.kind = Value::Kind::List;
        v.items = std::make_shared<const std::vector<Value>>(std::move(items));
        return v;
      }
      default: break;
    }
    return Error(at, "this is not a constant", "a constant is a string, an integer, a list ['a', 'b'], a range 2021..2024, a record {name: 'acme'} or another constant's name");
  }

  static auto Str(const Value& v) -> std::string { return v.kind == Value::Kind::Int ? std::to_string(v.i) : v.s; }

  // ---- interpolation -------------------------------------------------------

  /// `text` with every `${...}` replaced by its value; `where` is where the
  /// text is written (to point at a `${...}` that cannot be evaluated). In a
  /// string (`escapes`), `$${` is a literal `${`; in a name, where `$` is a
  /// character of its own, it is a `$` and an interpolation.
  auto Interpolate(const std::string& text, Scope& scope, SourceRange where, bool escapes = true)
      -> std::optional<std::string> {
    size_t pos = text.find("${");
    if (pos == std::string::npos) return text;
    std::string out;
    size_t done = 0;
    bool ok = true;
    SourceRange cursor = where;  // where the next `${` is looked for in the source
    auto locate = [&](const std::string& needle) {
      SourceRange at = sm_.Find(needle, cursor);
      if (at.line != cursor.line || at.col != cursor.col || at.end_col != cursor.end_col) {
        cursor.line = at.line;
        cursor.col = at.end_col;
      }
      return Stamped(at);
    };
    for (; pos != std::string::npos; pos = text.find("${", done)) {
      if (escapes && pos > 0 && text[pos - 1] == '$') {  // `$${`: a literal `${`
        out.append(text, done, pos - 1 - done);
        out += "${";
        done = pos + 2;
        locate("$${");
        continue;
      }
      size_t end = text.find('}', pos);
      if (end == std::string::npos || text.find('\n', pos) < end) {
        diags_.Emit(diag::Kind::BadInterpolation, locate("${"), "'${' is not closed").hint =
            "close it with '}' (on the same line), or write $${ for a literal ${";
        return std::nullopt;
      }
      out.append(text, done, pos - done);
      done = end + 1;
      std::string needle = text.substr(pos, end - pos + 1);
      SourceRange at = locate(needle);
      auto v = EvalInterpolation(text.substr(pos + 2, end - pos - 2), scope, at);
      if (!v) {
        ok = false;
        continue;
      }
      if (v->kind == Value::Kind::List || v->kind == Value::Kind::Record) {
        diags_.Emit(diag::Kind::BadInterpolation, at, needle + " is " + KindWord(*v) + " (" + Display(*v) + ")").hint =
            v->kind == Value::Kind::Record ? "interpolate one of its fields: ${" + text.substr(pos + 2, end - pos - 2) + "." +
                                                 (v->Fields().empty() ? "name" : v->Fields()[0]) + "}"
                                           : "loop over it with 'for', and interpolate the loop variable";
        ok = false;
        continue;
      }
      out += Str(*v);
      if (!Charge(out.size(), at)) return std::nullopt;
    }
    out.append(text, done, std::string::npos);
    if (!ok) return std::nullopt;
    return out;
  }

  /// `${NAME}`, `${NAME.FIELD}`, `${NAME * 100 + 1}`: names, fields, integers, `+`, `-` and `*`.
  auto EvalInterpolation(const std::string& expr, Scope& scope, SourceRange at) -> std::optional<Value> {
    size_t i = 0;
    auto skip = [&] {
      while (i < expr.size() && expr[i] == ' ') ++i;
    };
    auto bad = [&]() -> std::optional<Value> {
      diags_.Emit(diag::Kind::BadInterpolation, at, "'${" + expr + "}' is not something schemac can interpolate").hint =
          "write ${name}, ${record.field} or integer arithmetic such as ${year * 100 + 1}";
      return std::nullopt;
    };
    auto term = [&]() -> std::optional<Value> {
      skip();
      if (i < expr.size() && std::isdigit(static_cast<unsigned char>(expr[i]))) {
        Value v;
        size_t start = i;
        while (i < expr.size() && std::isdigit(static_cast<unsigned char>(expr[i]))) ++i;
        if (llvm::StringRef(expr).substr(start, i - start).getAsInteger(10, v.i)) return bad();
        return v;
      }
      auto word = [&]() -> std::string {
        size_t start = i;
        if (i < expr.size() && (std::isalpha(static_cast<unsigned char>(expr[i])) || expr[i] == '_'))
          while (i < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[i])) || expr[i] == '_')) ++i;
        return expr.substr(start, i - start);
      };
      std::string name = word();
      if (name.empty()) return bad();
      const Value* v = Lookup(scope, name, false, at);
      std::string path = name;
      while (v && i < expr.size() && expr[i] == '.') {
        ++i;
        std::string field = word();
        if (field.empty()) return bad();
        v = Field(*v, path, field, at);
        path += "." + field;
      }
      return v ? std::optional<Value>(*v) : std::nullopt;
    };
    // sum = product (('+' | '-') product)*, product = term ('*' term)*
    auto product = [&]() -> std::optional<Value> {
      auto v = term();
      for (skip(); v && i < expr.size() && expr[i] == '*'; skip()) {
        ++i;
        auto r = term();
        if (!r || !Integers(*v, *r, '*', expr, at) || !Arithmetic('*', v->i, r->i, at)) return std::nullopt;
      }
      return v;
    };
    auto v = product();
    if (!v) return std::nullopt;
    for (skip(); i < expr.size(); skip()) {
      char op = expr[i++];
      if (op != '+' && op != '-') return bad();
      auto r = product();
      if (!r || !Integers(*v, *r, op, expr, at) || !Arithmetic(op, v->i, r->i, at)) return std::nullopt;
    }
    return v;
  }

  /// Whether both operands of `op` in `${expr}` are integers (reported when not).
  auto Integers(const Value& l, const Value& r, char op, const std::string& expr, SourceRange at) -> bool {
    if (l.kind == Value::Kind::Int && r.kind == Value::Kind::Int) return true;
    diags_.Emit(diag::Kind::BadInterpolation, at, std::string("'") + op + "' in '${" + expr + "}' needs two integers").hint =
        "arithmetic is for integers, e.g. ${year + 1}";
    return false;
  }

  /// `l = l OP r` for OP in + - *; false (reported) when it overflows.
  auto Arithmetic(char op, int64_t& l, int64_t r, SourceRange at) -> bool {
    bool overflow = op == '+'   ? __builtin_add_overflow(l, r, &l)
                    : op == '-' ? __builtin_sub_overflow(l, r, &l)
                                : __builtin_mul_overflow(l, r, &l);
    if (overflow) diags_.Emit(diag::Kind::BadTemplate, at, "the integer is too large (more than 64 bits)");
    return !overflow;
  }

  // ---- expansion -------------------------------------------------------------

  /// Appends the expansion of `in` to `out`: loops stamped out, lets dropped,
  /// everything else interpolated. `owned`: `in` may be moved from.
  void ExpandList(std::vector<ast::Decl>& in, Scope& scope, uint32_t iteration, std::vector<ast::Decl>& out, bool owned) {
    for (auto& d : in) {
      if (std::holds_alternative<ast::Let>(d.node)) continue;
      if (auto* f = std::get_if<ast::For>(&d.node)) {
        ExpandFor(*f, scope, iteration, out);
        continue;
      }
      if (!owned && !Spend(1, d, iteration)) return;
      if (auto* s = std::get_if<ast::Schema>(&d.node)) {
        ast::Schema copy;
        copy.name = s->name;
        copy.range = s->range;
        Scope inner{&scope, {}};
        With(scope, iteration, [&] {
          Name(copy.name);
          Range(copy.range);
        });
        With(inner, iteration, [&] { Declare(s->decls, inner); });
        ExpandList(s->decls, inner, iteration, copy.decls, owned);
        out.push_back({std::move(copy)});
        continue;
      }
      out.push_back(owned ? std::move(d) : d);
      With(scope, iteration, [&] { Visit(out.back()); });
    }
  }

  void ExpandFor(ast::For& f, Scope& scope, uint32_t iteration, std::vector<ast::Decl>& out) {
    SourceRange header = Header(f.range, f.iterable.range);
    Loop(f.var, f.iterable, header, scope, iteration, [&](Scope& inner, uint32_t id) {
      With(inner, id, [&] { Declare(f.body, inner); });
      ExpandList(f.body, inner, id, out, false);
    });
  }

  /// The `for VAR in EXPR` part of a loop, where its iterations are noted.
  static auto Header(SourceRange loop, SourceRange iterable) -> SourceRange {
    SourceRange r = loop;
    r.end_line = iterable.end_line;
    r.end_col = iterable.end_col;
    return r;
  }

  /// Counts `n` copies against kMaxCopies; false (reported once, at `at`,
  /// stamped with its iteration) when over. Nested loops multiply: the
  /// budget keeps a typo (1..99999 in 1..99999) an error, not an hour of work.
  auto Spend(size_t n, SourceRange at) -> bool {
    if (over_budget_) return false;
    if (n <= kMaxCopies - copies_) {
      copies_ += n;
      return true;
    }
    over_budget_ = true;
    diags_.Emit(diag::Kind::BadTemplate, at, "the templates stamp out more than " + std::to_string(kMaxCopies) +
                                                          " loop iterations and declarations")
        .hint = "loop over fewer elements, or nest fewer loops";
    return false;
  }
  auto Spend(size_t n, const ast::Decl& d, uint32_t iteration) -> bool {
    return Spend(n, Stamped(std::visit([](const auto& x) { return x.range; }, d.node), iteration));
  }

  /// Counts `bytes` of a string a template made against kMaxText.
  auto Charge(size_t bytes, SourceRange at) -> bool {
    if (bytes <= kMaxText) return true;
    diags_.Emit(diag::Kind::BadTemplate, at, "this makes a string of more than " + std::to_string(kMaxText) + " bytes").hint =
        "a constant is a name or a short text, not data";
    return false;
  }

  /// Calls `body` once per element of `iterable`, with `var` bound to it in a
  /// new scope and a new iteration recorded.
  template <typename Body>
  void Loop(const ast::Name& var, const ast::Expr& iterable, SourceRange header, Scope& scope, uint32_t iteration, Body body) {
    if (over_budget_) return;  // reported once
    std::optional<Value> list;
    With(scope, iteration, [&] { list = Eval(iterable, scope); });
    if (!list) return;
    if (list->kind != Value::Kind::List) {
      diags_.Emit(diag::Kind::BadTemplate, Stamped(iterable.range, iteration),
                  "'for' goes over a list or a range, and this is " + std::string(KindWord(*list)) + " (" + Display(*list) + ")")
          .hint = "write a list ['a', 'b'] or a range 2021..2024";
      return;
    }
    if (const Binding* old = Find(scope, Key(var.text, var.quoted))) {  // reported once, not per element
      Rebound(var, *old, iteration);
      return;
    }
    header.expansion = iteration;
    const auto& elements = list->Items();
    if (!With(scope, iteration, [&] { return Spend(elements.size(), header); })) return;
    // An element written twice is told apart by its position.
    std::vector<std::string> shown;
    std::map<std::string, int> count;
    for (const auto& element : elements) ++count[shown.emplace_back(Display(element))];
    for (size_t i = 0; i < elements.size(); ++i) {
      Scope inner{&scope, {}};
      inner.vars.emplace(Key(var.text, var.quoted), Binding{var.range, nullptr, &inner, elements[i], false, false});
      std::string binding = var.text + " = " + shown[i];
      if (count[shown[i]] > 1) binding += " (element " + std::to_string(i + 1) + ")";
      uint32_t id = sm_.AddIteration({iteration, binding, header});
      body(inner, id);
      if (over_budget_) return;
    }
  }

  /// Runs `f` with `scope` and `iteration` as the visitor's; returns what it returns.
  template <typename F>
  auto With(Scope& scope, uint32_t iteration, F f) -> decltype(f()) {
    Scope* saved_scope = scope_;
    uint32_t saved_iteration = iteration_;
    scope_ = &scope;
    iteration_ = iteration;
    struct Restore {
      Expander& e;
      Scope* scope;
      uint32_t iteration;
      ~Restore() {
        e.scope_ = scope;
        e.iteration_ = iteration;
      }
    } restore{*this, saved_scope, saved_iteration};
    return f();
  }

  auto Stamped(SourceRange r, uint32_t iteration) const -> SourceRange {
    if (r.valid() && iteration) r.expansion = iteration;
    return r;
  }
  auto Stamped(SourceRange r) const -> SourceRange { return Stamped(r, iteration_); }

  // ---- the visitor: every range stamped, every text interpolated ------------

  void Range(SourceRange& r) const {
    if (iteration_ && r.valid()) r.expansion = iteration_;
  }

  void Text(std::string& s, SourceRange where) {
    if (mode_ == Mode::Stamp || s.find("${") == std::string::npos) return;
    if (mode_ == Mode::Escape) {
      std::string out;
      for (size_t at = 0, hit; at < s.size(); at = hit + 2) {
        hit = s.find("${", at);
        out.append(s, at, hit == std::string::npos ? std::string::npos : hit - at);
        if (hit == std::string::npos) break;
        out += "$${";
      }
      s = std::move(out);
      return;
    }
    if (auto v = Interpolate(s, *scope_, where)) s = std::move(*v);
  }
  void Text(std::optional<std::string>& s, SourceRange where) {
    if (s) Text(*s, where);
  }

  /// A name: interpolated, and then still a name (a plain one, unless quoted).
  /// A name made by interpolation is placed at its first `${`, where any
  /// error about it (too long, taken twice) points.
  void NameText(std::string& text, bool quoted, SourceRange& where) {
    size_t first = text.find("${");
    if (mode_ != Mode::Expand || first == std::string::npos) return;
    auto v = Interpolate(text, *scope_, where, false);
    if (!v) return;
    size_t close = text.find('}', first);
    SourceRange at = sm_.Find(text.substr(first, close == std::string::npos ? 2 : close - first + 1), where);
    if (v->empty()) {
      diags_.Emit(diag::Kind::EmptyName, Stamped(at)).hint = "the interpolation makes an empty name";
      return;
    }
    if (!quoted && !IsPlainName(*v)) {
      diags_.Emit(diag::Kind::BadInterpolation, Stamped(at), "'" + text + "' makes '" + *v + "', which is not a valid name").hint =
          "a plain name has letters, digits, '_' and '$' and starts with a letter or '_'; quote it (\"" + text +
          "\") to allow any character";
      return;
    }
    text = std::move(*v);
    if (!quoted && at.line == where.line) where.col = at.col;
  }

  void Name(ast::Name& n) {
    Range(n.range);
    NameText(n.text, n.quoted, n.range);
  }
  void Name(std::optional<ast::Name>& n) {
    if (n) Name(*n);
  }
  void Names(std::vector<ast::Name>& ns) {
    for (auto& n : ns) Name(n);
  }
  void QName(ast::QName& q) {
    Range(q.range);
    Name(q.schema);
    Name(q.name);
    if (!q.schema && q.name.range.line == q.range.line) q.range.col = q.name.range.col;  // at its `${`, as the name
  }

  void Type(ast::TypeRef& t) {
    Range(t.range);
    SourceRange name_range = t.range;  // the name is searched for from the type's start, after its schema's
    if (t.schema) NameText(*t.schema, false, t.range);
    NameText(t.name, t.quoted, name_range);
    if (!t.schema || t.schema->find("${") == std::string::npos) t.range.col = name_range.col;
    for (auto& e : t.elems) Type(e);
    Names(t.fields);
  }

  void Expr(ast::Expr& e) {
    Range(e.range);
    if (e.kind == ast::Expr::Kind::String || e.kind == ast::Expr::Kind::Interval) Text(e.text, e.range);
    if (mode_ == Mode::Expand && e.kind == ast::Expr::Kind::Column && !e.quoted && e.qualifier.empty() &&
        IsInterpolation(e.text)) {
      if (!NumberFromInterpolation(e)) return;  // reported
      if (e.kind == ast::Expr::Kind::Number || e.kind == ast::Expr::Kind::Unary) return;
    }
    if (e.kind == ast::Expr::Kind::Column || e.kind == ast::Expr::Kind::Call) {
      SourceRange name_range = e.range;  // the qualifier comes first in the source
      NameText(e.qualifier, e.qualifier_quoted, e.range);
      NameText(e.text, e.quoted, name_range);
      if (e.qualifier.empty()) e.range.col = name_range.col;
    }
    for (auto& a : e.args) Expr(a);
    for (auto& t : e.type) Type(t);
  }
  /// `check (day < ${year * 1000})`: `${...}` standing alone in an SQL
  /// expression whose value is an integer is that number (a negative one as
  /// the parser builds `-5`: a negation). False when it cannot be evaluated
  /// (reported); `e` is left a column name when the value is not an integer.
  auto NumberFromInterpolation(ast::Expr& e) -> bool {
    SourceRange at = Stamped(sm_.Find(e.text, e.range));
    auto v = EvalInterpolation(e.text.substr(2, e.text.size() - 3), *scope_, at);
    if (!v) return false;
    if (v->kind != Value::Kind::Int) return true;
    e.kind = ast::Expr::Kind::Number;
    e.text = std::to_string(v->i);
    if (v->i < 0) {
      ast::Expr n = e;
      n.text = e.text.substr(1);
      e.kind = ast::Expr::Kind::Unary;
      e.op = "-";
      e.text.clear();
      e.args = {std::move(n)};
    }
    return true;
  }

  void Expr(Box<ast::Expr>& e) {
    if (e) Expr(*e);
  }

  void Allow(ast::Allow& a) {
    Range(a.range);
    Range(a.rule_range);
    if (a.on) QName(*a.on);
    Text(a.reason, a.range);
  }

  void TargetItem(ast::TargetItem& t) {
    Range(t.range);
    Name(t.key);
    if (t.value) {
      if (t.value_is_string) Text(*t.value, t.range);
      else NameText(*t.value, false, t.range);
    }
    for (auto& e : t.exprs) Expr(e);
    Names(t.names);
    for (auto& [k, v] : t.options) {
      Text(k, t.range);
      Text(v, t.range);
    }
    if (t.type) Type(*t.type);
    if (t.into) QName(*t.into);
    for (auto& e : t.to) Expr(e);
  }
  void TargetBlock(ast::TargetBlock& b) {
    Range(b.range);
    for (auto& i : b.items) TargetItem(i);
  }

  void References(Box<ast::References>& r) {
    if (!r) return;
    Range(r->range);
    QName(r->table);
    Names(r->columns);
  }

  void Options(std::vector<ast::IdentityOption>& options) {
    for (auto& o : options) {
      Range(o.range);
      Name(o.key);
    }
  }

  void Column(ast::Column& c) {
    Range(c.range);
    Name(c.name);
    Type(c.type);
    Range(c.null_range);
    Expr(c.default_value);
    Range(c.primary_key_range);
    Range(c.unique_range);
    References(c.references);
    for (auto& e : c.checks) Expr(e);
    Options(c.identity_options);
    Range(c.identity_range);
    Expr(c.generated);
    Text(c.comment, c.range);
    Name(c.renamed_from);
    Name(c.collation);
    for (auto& b : c.targets) TargetBlock(b);
    for (auto& a : c.allows) Allow(a);
  }

  void Index(ast::Index& ix) {
    Range(ix.range);
    Name(ix.name);
    for (auto& k : ix.keys) {
      Expr(k.expr);
      Name(k.collation);
      Name(k.opclass);
    }
    Expr(ix.where);
    Name(ix.method);
    Names(ix.include);
    for (auto& [k, v] : ix.storage) Text(v, ix.range);
  }

  void Constraint(ast::Constraint& c) {
    Range(c.range);
    Name(c.name);
    Names(c.columns);
    References(c.references);
    Expr(c.check);
    Index(c.exclusion);
    for (auto& op : c.operators) Range(op.range);
  }

  void Table(ast::Table& t) {
    Range(t.range);
    QName(t.name);
    for (auto& item : t.items) TableItem(item);
  }

  void TableItem(ast::TableItem& item) {
    std::visit(Overloaded{
                     [&](ast::Column& c) { Column(c); },
                     [&](ast::Constraint& c) { Constraint(c); },
                     [&](ast::Index& ix) { Index(ix); },
                     [&](ast::Include& inc) {
                       Range(inc.range);
                       QName(inc.mixin);
                     },
                     [&](ast::TableComment& c) {
                       Range(c.range);
                       Text(c.text, c.range);
                     },
                     [&](ast::RenamedFrom& r) {
                       Range(r.range);
                       Name(r.old_name);
                     },
                     [&](ast::TargetBlock& b) { TargetBlock(b); },
                     [&](ast::Allow& a) { Allow(a); },
                 },
                 item);
  }

  void Enum(ast::Enum& e) {
    Range(e.range);
    QName(e.name);
    for (auto& [value, range] : e.values) {
      Range(range);
      Text(value, range);
    }
    for (auto& old : e.value_renamed_from)
      if (old) {
        Range(old->second);
        Text(old->first, old->second);
      }
    Text(e.comment, e.range);
    Name(e.renamed_from);
  }

  void View(ast::View& v) {
    Range(v.range);
    Range(v.body_range);
    QName(v.name);
    if (v.body_kind != ast::View::BodyKind::Union) Text(v.body, v.body_range);
    if (v.union_loops.empty()) {
      for (auto& q : v.union_of) QName(q);
    } else {
      std::vector<ast::QName> members;
      for (size_t i = 0; i < v.union_of.size(); ++i) Members(v.union_loops[i], 0, v.union_of[i], members);
      if (members.empty() && !over_budget_)
        diags_.Emit(diag::Kind::BadTemplate, Stamped(v.body_range), "'union all' has no members: its loops are over empty lists")
            .hint = "a view needs at least one member; leave the view out when there is nothing to unite";
      v.union_of = std::move(members);
      v.union_loops.clear();
    }
    for (auto& q : v.depends_on) QName(q);
    Text(v.comment, v.range);
    for (auto& ix : v.indexes) Index(ix);
  }

  /// The members of `union all (for a in A: for b in B: NAME)` from loop `k` on.
  void Members(const std::vector<ast::UnionLoop>& loops, size_t k, const ast::QName& member, std::vector<ast::QName>& out) {
    if (k == loops.size()) {
      if (!Spend(1, Stamped(member.range))) return;
      out.push_back(member);
      QName(out.back());
      return;
    }
    const auto& loop = loops[k];
    Loop(loop.var, loop.iterable, loop.range, *scope_, iteration_,
         [&](Scope& inner, uint32_t id) { With(inner, id, [&] { Members(loops, k + 1, member, out); }); });
  }

  void Visit(ast::Decl& d) {
    std::visit(Overloaded{
                   [&](ast::Import& x) { Range(x.range); },
                   [&](ast::Schema&) {},  // expanded by ExpandList
                   [&](ast::Table& x) { Table(x); },
                   [&](ast::Enum& x) { Enum(x); },
                   [&](ast::Sequence& x) {
                     Range(x.range);
                     QName(x.name);
                     Name(x.type);
                     Options(x.options);
                     Names(x.owned_by);
                     Text(x.comment, x.range);
                   },
                   [&](ast::Collation& x) {
                     Range(x.range);
                     QName(x.name);
                     for (auto& o : x.options) {
                       Range(o.range);
                       Name(o.key);
                       if (o.quoted) Text(o.value, o.range);
                       else if (o.value) NameText(*o.value, false, o.range);
                     }
                     Text(x.comment, x.range);
                   },
                   [&](ast::View& x) { View(x); },
                   [&](ast::Pipe& x) {
                     Range(x.range);
                     QName(x.name);
                     for (auto& i : x.items) TargetItem(i);
                   },
                   [&](ast::TargetBlock& x) { TargetBlock(x); },
                   [&](ast::Let&) {},
                   [&](ast::For&) {},
                   [&](ast::Allow& x) { Allow(x); },
                   [&](ast::LintBlock& x) {
                     Range(x.range);
                     for (auto& i : x.items) {
                       Range(i.range);
                       Range(i.rule_range);
                       if (i.level) Range(i.level->range);
                     }
                   },
               },
               d.node);
  }

  source::SourceManager& sm_;
  diag::Engine& diags_;
  Scope global_;
  std::vector<std::vector<ast::Decl>> kept_;
  Scope* scope_ = &global_;
  uint32_t iteration_ = 0;
  size_t copies_ = 0;  // loop iterations and stamped-out declarations, against kMaxCopies
  bool over_budget_ = false;  // kMaxCopies reached (and reported)
  Mode mode_ = Mode::Expand;
};

}  // namespace

void ExpandTemplates(ast::Unit& unit, source::SourceManager& sm, diag::Engine& diags) {
  Expander(sm, diags).Run(unit);
}

void StampIteration(std::vector<ast::TableItem>& items, uint32_t iteration, source::SourceManager& sm, diag::Engine& diags) {
  if (iteration) Expander(sm, diags).Stamp(items, iteration);
}

void EscapeInterpolation(ast::Unit& unit, source::SourceManager& sm, diag::Engine& diags) {
  Expander(sm, diags).Escape(unit);
}

}  // namespace schemac::expand
