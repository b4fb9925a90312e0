// The formatter behind `schemac fmt`.
//
// The file is re-printed from its AST: keywords in lower case, one item per
// line, two-space indentation inside blocks, aligned column runs, a blank line
// between declarations, expressions with the parentheses they need (plus the
// ones the user wrote). Comments are not in the AST; they come from
// ast::File::comments and are placed by position:
//
//   - before an item (on lines of their own, or earlier on its line): printed
//     on lines of their own above the item, at the item's indentation;
//   - after an item on the line where it ends: kept at the end of its line;
//   - after `{` on the opening line of a block: kept on that line;
//   - after the last item of a block or file: kept there;
//   - inside an item that is printed on one line: a `/* */` comment on one
//     line moves to the end of the line, any other moves above the item.
//
// Blank lines between items of a block are kept (at most one); between
// declarations there is always exactly one (consecutive imports and `let`s
// keep the spacing they had). Every comment is printed exactly once, and the
// output is a fixed point: formatting it again gives the same text.
#include "compiler/format/format.h"
#include "compiler/source/utf8.h"
#include "compiler/support/overloaded.h"
#include "compiler/syntax/quote.h"
#include "compiler/syntax/storage.h"

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace schemac::format {
namespace {

using source::SourceRange;

/// A position in the file: 1-based line and column in code points.
struct Pos {
  uint32_t line = 0, col = 0;
  friend auto operator<=>(const Pos&, const Pos&) = default;
};
constexpr Pos kEndOfFile{UINT32_MAX, UINT32_MAX};

auto Start(const SourceRange& r) -> Pos { return {r.line, r.col}; }
auto End(const SourceRange& r) -> Pos { return {r.end_line, r.end_col}; }

using source::utf8::CodePoints;

auto Indent(int level) -> std::string { return std::string(static_cast<size_t>(level) * 2, ' '); }

auto PadRight(const std::string& s, size_t width) -> std::string {
  size_t w = CodePoints(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

auto Lower(const std::string& s) -> std::string { return llvm::StringRef(s).lower(); }

/// Text with CR LF line ends turned into LF.
auto NormalizeNewlines(const std::string& s) -> std::string {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i)
    if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
  return out;
}

auto Split(const std::string& s, char sep) -> std::vector<std::string> {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

template <typename T, typename F>
auto Join(const std::vector<T>& items, const std::string& sep, F each) -> std::string {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += each(items[i]);
  }
  return out;
}

/// 'text' with '' for a quote.
auto StringLit(const std::string& s) -> std::string { return syntax::QuoteString(s); }

auto QuoteIdent(const std::string& s) -> std::string { return syntax::QuoteIdentifier(s); }

auto IsIdentStart(char c) -> bool { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
auto IsIdentChar(char c) -> bool { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

/// Whether `s` lexes as one plain identifier (IDENT, `${...}` included) that
/// the grammar accepts as a name.
auto IsPlainIdent(const std::string& s) -> bool {
  if (s.empty()) return false;
  std::string low = Lower(s);
  if (low == "null" || low == "true" || low == "false") return false;
  size_t i = 0;
  bool first = true;
  while (i < s.size()) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {  // ${...}: up to '}', on one line
      size_t j = s.find_first_of("}\r\n", i + 2);
      if (j == std::string::npos || s[j] != '}') return false;
      i = j + 1;
    } else if (first ? IsIdentStart(s[i]) : IsIdentChar(s[i])) {
      ++i;
    } else {
      return false;
    }
    first = false;
  }
  return true;
}

auto Name(const ast::Name& n) -> std::string { return n.quoted ? QuoteIdent(n.text) : n.text; }

auto QName(const ast::QName& q) -> std::string { return (q.schema ? Name(*q.schema) + "." : "") + Name(q.name); }

auto Names(const std::vector<ast::Name>& names) -> std::string { return Join(names, ", ", Name); }

auto QNames(const std::vector<ast::QName>& names) -> std::string { return Join(names, ", ", QName); }

/// A comment with its extent.
struct Note {
  std::string text;
  Pos start;
  uint32_t end_line = 0;
  bool is_line = false;    // `--`: nothing may follow it on its line
  bool multiline = false;  // a `/* */` spanning lines
};

/// One line-level item of a sequence (a declaration, a table item, a target
/// option, an enum value), printed by `print` at an indentation level.
struct Entry {
  SourceRange range;
  std::function<std::string(int)> print;  // its lines, indented, without the final newline
  int group = 0;  // consecutive declarations of one non-zero group keep their source spacing
};

// Expression precedence, tightest first: the order of the alternatives of
// the `expr` rule, as ANTLR's precedence climbing uses it.
constexpr int kCastOp = 16;
constexpr int kSign = 15;
constexpr int kMul = 14;
constexpr int kAdd = 13;
constexpr int kConcat = 12;
constexpr int kCompare = 11;
constexpr int kIsNull = 10;
constexpr int kIsBool = 9;
constexpr int kIn = 8;
constexpr int kBetween = 7;
constexpr int kLike = 6;
constexpr int kNot = 5;
constexpr int kAnd = 4;
constexpr int kOr = 3;
constexpr int kRange = 2;
constexpr int kClosed = 1000;  // nothing left open
constexpr int kDelimited = -1;  // followed by no operator

auto BinaryLevel(const std::string& op) -> int {
  if (op == "*" || op == "/" || op == "%") return kMul;
  if (op == "+" || op == "-") return kAdd;
  if (op == "||") return kConcat;
  if (op == "and") return kAnd;
  if (op == "or") return kOr;
  if (op == "..") return kRange;
  return kCompare;
}

/// A printed expression and what the parser still has open at its end.
struct Printed {
  std::string text;
  int open = kClosed;    // an operator of this precedence or tighter that follows is read into it
  bool top_and = false;  // holds an `and` operator outside any brackets
  bool open_unit = false;  // ends with `interval '...'` without a unit, which takes a following word as its unit
  bool open_end = false;   // ends with a case whose `end` that interval can take
};

class Printer {
 public:
  Printer(const ast::File& file, const source::SourceManager& sm) : file_(file) {
    if (file.id != source::kNoFile && file.id < sm.Size()) {
      text_ = &sm.Get(file.id).text;
      starts_ = &sm.Get(file.id).line_starts;
    }
    for (const auto& c : file.comments) {
      Note n;
      // Comment text is kept as written, but for CR LF and trailing blanks.
      auto lines = Split(NormalizeNewlines(c.text), '\n');
      for (size_t i = 0; i < lines.size(); ++i) {
        if (i) n.text += '\n';
        n.text += lines[i].substr(0, lines[i].find_last_not_of(" \t\f") + 1);
      }
      n.start = Start(c.range);
      n.end_line = c.range.line + static_cast<uint32_t>(std::count(n.text.begin(), n.text.end(), '\n'));
      n.is_line = n.text.rfind("--", 0) == 0;
      n.multiline = n.end_line != c.range.line;
      notes_.push_back(std::move(n));
    }
    std::stable_sort(notes_.begin(), notes_.end(), [](const Note& a, const Note& b) { return a.start < b.start; });
    used_.assign(notes_.size(), false);
    for (const auto& n : notes_) {
      if (covered_.size() <= n.end_line) covered_.resize(n.end_line + 1, false);
      for (uint32_t l = n.start.line; l <= n.end_line; ++l) covered_[l] = true;
    }
  }

  auto Run() -> std::string {
    std::string out = Seq(DeclEntries(file_.decls), 0, kEndOfFile, 0, true);
    // Whatever was not placed (only possible for a malformed tree) goes last.
    for (auto* n : TakeBefore(kEndOfFile)) out += n->text + "\n";
    return out;
  }

 private:
  // ---- comments ------------------------------------------------------------

  /// Takes the unplaced comments starting before `before` (and on lines
  /// `min_line`..`max_line`), in source order.
  auto TakeBefore(Pos before, uint32_t max_line = UINT32_MAX, uint32_t min_line = 0) -> std::vector<const Note*> {
    std::vector<const Note*> out;
    for (size_t i = first_unused_; i < notes_.size() && notes_[i].start < before; ++i) {
      if (used_[i] || notes_[i].start.line > max_line || notes_[i].start.line < min_line) continue;
      used_[i] = true;
      out.push_back(&notes_[i]);
    }
    while (first_unused_ < notes_.size() && used_[first_unused_]) ++first_unused_;
    return out;
  }

  /// Whether an unplaced comment starts in [from, to).
  auto AnyBetween(Pos from, Pos to) const -> bool {
    for (size_t i = first_unused_; i < notes_.size() && notes_[i].start < to; ++i)
      if (!used_[i] && notes_[i].start >= from) return true;
    return false;
  }

  /// Whether a line strictly between `after` and `before` holds neither code
  /// nor comment: such a line is kept as one blank line.
  auto BlankBetween(uint32_t after, uint32_t before) const -> bool {
    for (uint32_t l = after + 1; l < before; ++l)
      if (l >= covered_.size() || !covered_[l]) return true;
    return false;
  }

  static auto Trailer(const std::vector<const Note*>& notes) -> std::string {
    if (notes.empty()) return {};
    return "  " + Join(notes, " ", [](const Note* n) { return n->text; });
  }

  // ---- source text ---------------------------------------------------------

  auto Offset(Pos p) const -> size_t {
    if (!text_ || p.line == 0 || p.line > starts_->size()) return text_ ? text_->size() : 0;
    const std::string& t = *text_;
    size_t off = (*starts_)[p.line - 1];
    for (uint32_t c = 1; c < p.col && off < t.size() && t[off] != '\n'; ++c) off = source::utf8::Next(t, off);
    return off;
  }

  auto PosAt(size_t off) const -> Pos {
    auto it = std::upper_bound(starts_->begin(), starts_->end(), static_cast<uint32_t>(off));
    auto line = static_cast<uint32_t>(it - starts_->begin());
    size_t begin = (*starts_)[line - 1];
    return {line, 1 + static_cast<uint32_t>(CodePoints(std::string_view(*text_).substr(begin, off - begin)))};
  }

  /// The offset of the next token at or after `off`: skips blanks and comments.
  auto SkipTrivia(size_t off) const -> size_t {
    const std::string& t = *text_;
    while (off < t.size()) {
      char c = t[off];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
        ++off;
      } else if (t.compare(off, 2, "--") == 0) {
        size_t nl = t.find('\n', off);
        off = nl == std::string::npos ? t.size() : nl;
      } else if (t.compare(off, 2, "/*") == 0) {
        size_t end = t.find("*/", off + 2);
        off = end == std::string::npos ? t.size() : end + 2;
      } else {
        break;
      }
    }
    return off;
  }

  /// The token starting at `off` (after SkipTrivia), as written.
  auto TokenAt(size_t off) const -> std::string {
    const std::string& t = *text_;
    if (off >= t.size()) return {};
    size_t end = off;
    char c = t[off];
    if (c == '"' || c == '\'') {
      for (end = off + 1; end < t.size(); ++end) {
        if (t[end] != c) continue;
        if (end + 1 < t.size() && t[end + 1] == c) {
          ++end;
          continue;
        }
        ++end;
        break;
      }
    } else if (IsIdentStart(c) || c == '$') {
      while (end < t.size()) {
        if (t[end] == '$' && end + 1 < t.size() && t[end + 1] == '{') {
          size_t close = t.find('}', end);
          end = close == std::string::npos ? t.size() : close + 1;
        } else if (IsIdentChar(t[end])) {
          ++end;
        } else {
          break;
        }
      }
    } else {
      end = off + 1;
    }
    return t.substr(off, end - off);
  }

  /// Whether the code at `r` starts with a quoted identifier (after any
  /// opening parentheses): a type's schema is kept without its quoting.
  auto StartsQuoted(const SourceRange& r) const -> bool {
    if (!text_ || !r.valid()) return false;
    size_t off = Offset(Start(r));
    for (;;) {
      off = SkipTrivia(off);
      if (off < text_->size() && (*text_)[off] == '(') {
        ++off;
        continue;
      }
      return off < text_->size() && (*text_)[off] == '"';
    }
  }

  // ---- sequences and blocks ------------------------------------------------

  /// Prints `entries` one per line at `indent`, with their comments, then the
  /// comments that remain before `bound` (the end of the enclosing block).
  /// `prev_line` is the source line printed last (the block's opening line);
  /// `decls` puts one blank line between declarations.
  auto Seq(const std::vector<Entry>& entries, int indent, Pos bound, uint32_t prev_line, bool decls) -> std::string {
    std::string ind = Indent(indent), out;
    bool started = false, after_entry = false, force = false;
    int prev_group = 0;
    uint32_t prev_end = prev_line;
    auto line_break = [&](uint32_t line) {
      if (force || (started && line > prev_end + 1)) out += '\n';
      force = false;
    };
    auto emit_note = [&](const Note* n) {
      line_break(n->start.line);
      out += ind + n->text + '\n';
      prev_end = n->end_line;
      started = true;
    };
    for (size_t i = 0; i < entries.size(); ++i) {
      const Entry& e = entries[i];
      force = decls && after_entry && !(e.group != 0 && e.group == prev_group);
      for (auto* n : TakeBefore(Start(e.range))) emit_note(n);
      std::string text = e.print(indent);
      // Comments left inside the entry: those that can share its line go to
      // its end, the others above it.
      std::vector<const Note*> above, after;
      for (auto* n : TakeBefore(End(e.range))) (n->is_line || n->multiline ? above : after).push_back(n);
      line_break(e.range.line);
      for (auto* n : above) out += ind + n->text + '\n';
      Pos next = i + 1 < entries.size() ? Start(entries[i + 1].range) : bound;
      for (auto* n : TakeBefore(next, e.range.end_line, e.range.end_line)) after.push_back(n);
      out += text + Trailer(after) + '\n';
      prev_end = e.range.end_line;
      for (auto* n : after) prev_end = std::max(prev_end, n->end_line);
      started = after_entry = true;
      prev_group = e.group;
    }
    force = false;
    for (auto* n : TakeBefore(bound)) emit_note(n);
    return out;
  }

  /// `header {` + entries + `}` over several lines. `header_end` is where the
  /// header's last token ends (the opening bracket follows on that line),
  /// `bound` where the closing bracket is.
  auto Block(const std::string& header, Pos header_end, Pos bound, const std::vector<Entry>& entries, int indent,
             bool decls, const std::string& open = " {", const std::string& close = "}") -> std::string {
    std::string ind = Indent(indent);
    Pos first = entries.empty() ? bound : Start(entries.front().range);
    // Comments on the opening line stay there, and so do those that follow a
    // multi-line comment there on its last line.
    std::vector<const Note*> head;
    uint32_t prev_line = header_end.line;
    for (;;) {
      auto more = TakeBefore(first, prev_line);
      if (more.empty()) break;
      head.insert(head.end(), more.begin(), more.end());
      for (auto* n : more) prev_line = std::max(prev_line, n->end_line);
    }
    std::sort(head.begin(), head.end(), [](const Note* a, const Note* b) { return a->start < b->start; });
    std::string out = ind + header + open + Trailer(head) + "\n";
    out += Seq(entries, indent + 1, bound, prev_line, decls);
    return out + ind + close;
  }

  /// A block that is `header {}` when it holds nothing.
  auto BraceBlock(const std::string& header, Pos header_end, const SourceRange& range,
                  const std::vector<Entry>& entries, int indent, bool decls) -> std::string {
    if (entries.empty() && !AnyBetween(Start(range), End(range))) return Indent(indent) + header + " {}";
    return Block(header, header_end, End(range), entries, indent, decls);
  }

  // ---- declarations --------------------------------------------------------

  auto DeclEntries(const std::vector<ast::Decl>& decls) -> std::vector<Entry> {
    std::vector<Entry> out;
    for (const auto& d : decls) {
      std::visit(Overloaded{
                     [&](const ast::Import& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintImport(x, i); }, 1});
                     },
                     [&](const ast::Schema& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintSchema(x, i); }, 0});
                     },
                     [&](const ast::Table& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintTable(x, i); }, 0});
                     },
                     [&](const ast::Enum& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintEnum(x, i); }, 0});
                     },
                     [&](const ast::Sequence& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintSequence(x, i); }, 0});
                     },
                     [&](const ast::Collation& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintCollation(x, i); }, 0});
                     },
                     [&](const ast::View& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintView(x, i); }, 0});
                     },
                     [&](const ast::Pipe& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintPipe(x, i); }, 0});
                     },
                     [&](const ast::TargetBlock& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintTargetBlock(x, i); }, 0});
                     },
                     [&](const ast::Allow& x) {
                       out.push_back({x.range, [&x](int i) { return Indent(i) + AllowText(x); }, 3});
                     },
                     [&](const ast::LintBlock& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintLintBlock(x, i); }, 0});
                     },
                     [&](const ast::Let& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintLet(x, i); }, 2});
                     },
                     [&](const ast::For& x) {
                       out.push_back({x.range, [this, &x](int i) { return PrintFor(x, i); }, 0});
                     },
                 },
                 d.node);
    }
    return out;
  }

  /// `allow RULE [on NAME] ['reason']`, at any level.
  static auto AllowText(const ast::Allow& a) -> std::string {
    std::string out = "allow " + a.rule;
    if (a.on) out += " on " + QName(*a.on);
    if (a.reason) out += " " + StringLit(*a.reason);
    return out;
  }

  /// `lint { severity RULE LEVEL }`: one item per line, levels in lower case.
  auto PrintLintBlock(const ast::LintBlock& b, int indent) -> std::string {
    std::vector<Entry> entries;
    for (const auto& item : b.items)
      entries.push_back({item.range, [&item](int i) {
                           std::string out = Indent(i) + "severity " + item.rule;
                           if (item.level) out += " " + (item.level->quoted ? Name(*item.level) : Lower(item.level->text));
                           return out;
                         }});
    Pos header_end{b.range.line, b.range.col + 4};  // after `lint`
    return BraceBlock("lint", header_end, b.range, entries, indent, false);
  }

  auto PrintImport(const ast::Import& im, int indent) -> std::string {
    // A module path is kept as written (it may hold quoted parts).
    return Indent(indent) + "import " + (im.is_module ? im.path : StringLit(im.path));
  }

  auto PrintSchema(const ast::Schema& s, int indent) -> std::string {
    return BraceBlock("schema " + Name(s.name), End(s.name.range), s.range, DeclEntries(s.decls), indent, true);
  }

  /// `let NAME = EXPR`. A list written over several lines keeps one element
  /// per line (a list of tenants grows one line at a time).
  auto PrintLet(const ast::Let& l, int indent) -> std::string {
    std::string head = Indent(indent) + "let " + Name(l.name) + " = ";
    const ast::Expr& v = l.value;
    if (v.kind != ast::Expr::Kind::List || v.op == "array" || v.args.empty() || v.range.line == v.range.end_line)
      return head + Expr(v);
    std::string out = head + "[\n";
    for (const auto& item : v.args) out += Indent(indent + 1) + Expr(item) + ",\n";
    return out + Indent(indent) + "]";
  }

  /// `for VAR in EXPR { ... }`: the template, never its expansion.
  auto PrintFor(const ast::For& f, int indent) -> std::string {
    return BraceBlock("for " + Name(f.var) + " in " + Expr(f.iterable), End(f.iterable.range), f.range, DeclEntries(f.body),
                      indent, true);
  }

  auto PrintSequence(const ast::Sequence& q, int indent) -> std::string {
    std::string out = Indent(indent) + "sequence " + QName(q.name);
    if (q.type) out += " as " + Name(*q.type);
    if (!q.options.empty()) {
      std::string opts;
      for (const auto& o : q.options) opts += (opts.empty() ? "" : " ") + Name(o.key) + (o.value ? " " + *o.value : "");
      out += " (" + opts + ")";
    }
    if (!q.owned_by.empty()) out += " owned by " + Join(q.owned_by, ".", [&](const ast::Name& n) { return Name(n); });
    if (q.comment) out += " comment " + StringLit(*q.comment);
    return out;
  }

  auto PrintCollation(const ast::Collation& k, int indent) -> std::string {
    std::string opts;
    for (const auto& o : k.options) {
      opts += (opts.empty() ? "" : ", ") + Name(o.key);
      if (o.value) opts += " " + (o.quoted ? StringLit(*o.value) : *o.value);
    }
    std::string out = Indent(indent) + "collation " + QName(k.name) + " (" + opts + ")";
    if (k.comment) out += " comment " + StringLit(*k.comment);
    return out;
  }

  auto PrintEnum(const ast::Enum& e, int indent) -> std::string {
    std::string head = "enum " + QName(e.name);
    Pos name_end = End(e.name.range);
    // Where the closing parenthesis is: after the last value.
    Pos close = End(e.range);
    auto value_end = [&](size_t i) {
      return i < e.value_renamed_from.size() && e.value_renamed_from[i] ? e.value_renamed_from[i]->second
                                                                          : e.values[i].second;
    };
    auto value_text = [&](size_t i) {
      std::string s = StringLit(e.values[i].first);
      if (i < e.value_renamed_from.size() && e.value_renamed_from[i])
        s += " renamed from " + StringLit(e.value_renamed_from[i]->first);
      return s;
    };
    if (text_ && !e.values.empty()) {
      size_t off = Offset(End(value_end(e.values.size() - 1)));
      for (;;) {
        off = SkipTrivia(off);
        if (off < text_->size() && ((*text_)[off] == ',' || (*text_)[off] == ';')) {
          ++off;
          continue;
        }
        break;
      }
      if (off < text_->size() && (*text_)[off] == ')') close = PosAt(off);
    }
    std::string attrs;
    if (e.comment) attrs += " comment " + StringLit(*e.comment);
    // `renamed from` is not in the tree: it is taken from the source.
    if (text_) {
      size_t off = Offset(close) + 1, end = Offset(End(e.range));
      std::vector<std::string> tokens;
      while ((off = SkipTrivia(off)) < end) {
        tokens.push_back(TokenAt(off));
        off += std::max<size_t>(tokens.back().size(), 1);
      }
      for (size_t i = 0; i + 2 < tokens.size(); ++i)
        if (Lower(tokens[i]) == "renamed" && Lower(tokens[i + 1]) == "from") attrs += " renamed from " + tokens[i + 2];
    }
    if (!AnyBetween(name_end, close) || e.values.empty()) {
      std::string values;
      for (size_t i = 0; i < e.values.size(); ++i) values += (i ? ", " : "") + value_text(i);
      return Indent(indent) + head + " (" + values + ")" + attrs;
    }
    // Comments among the values: one value per line, the comments beside them.
    std::vector<Entry> entries;
    for (size_t i = 0; i < e.values.size(); ++i) {
      bool last = i + 1 == e.values.size();
      std::string value = value_text(i);
      source::SourceRange range = e.values[i].second;
      range.end_line = value_end(i).end_line;
      range.end_col = value_end(i).end_col;
      entries.push_back({range, [value, last](int in) {
                           return Indent(in) + value + (last ? "" : ",");
                         }});
    }
    return Block(head, name_end, close, entries, indent, false, " (", ")" + attrs);
  }

  /// An index, as a table item or in a materialized view's block.
  /// An index key; `extra`: what follows it in an exclusion element (` with &&`).
  auto IndexKeyText(const ast::IndexKey& k, const std::string& extra = "") -> std::string {
    std::string tail;
    if (k.collation) tail += " collate " + Name(*k.collation);
    if (k.opclass) tail += " " + Name(*k.opclass);
    if (k.desc) tail += " desc";
    if (k.nulls_first) tail += *k.nulls_first ? " nulls first" : " nulls last";
    tail += extra;
    return Guard(Sub(k.expr, 0, false, kDelimited), k.expr, tail).text + tail;
  }

  static auto StorageText(const std::vector<std::pair<std::string, std::string>>& storage) -> std::string {
    if (storage.empty()) return "";
    return " with (" + syntax::StorageParams(storage, [](const std::string& k) { return k; }, StringLit) + ")";
  }

  auto IndexItem(const ast::Index& ix) -> std::string {
    std::string out = ix.unique ? "unique index" : "index";
    if (ix.name) out += " " + Name(*ix.name);
    out += " (" + Join(ix.keys, ", ", [&](const ast::IndexKey& k) { return IndexKeyText(k); }) + ")";
    if (ix.where) out += " where " + Expr(*ix.where);
    if (ix.method) out += " using " + Name(*ix.method);
    if (ix.nulls_not_distinct) out += " nulls not distinct";
    if (!ix.include.empty()) out += " include (" + Names(ix.include) + ")";
    return out + StorageText(ix.storage);
  }

  /// `exclude [NAME] [using METHOD] (KEY with OP, ...) [where EXPR] [include (...)] [with (...)] [deferrable ...]`
  auto ExclusionItem(const ast::Constraint& k) -> std::string {
    const auto& x = k.exclusion;
    std::string out = "exclude";
    if (k.name) out += " " + Name(*k.name);
    if (x.method) out += " using " + Name(*x.method);
    std::string elements;
    for (size_t i = 0; i < x.keys.size(); ++i) {
      std::string op = i < k.operators.size() && !k.operators[i].text.empty() ? " with " + k.operators[i].text : "";
      elements += (i ? ", " : "") + IndexKeyText(x.keys[i], op);
    }
    out += " (" + elements + ")";
    if (x.where) out += " where " + Expr(*x.where);
    if (!x.include.empty()) out += " include (" + Names(x.include) + ")";
    return out + StorageText(x.storage) + Timing(k.timing);
  }

  auto PrintView(const ast::View& v, int indent) -> std::string {
    std::string ind = Indent(indent);
    std::string out = ind + (v.materialized ? "materialized " : "") + "view " + QName(v.name) + " as ";
    switch (v.body_kind) {
      case ast::View::BodyKind::Raw:
        out += "\"\"\"\n";
        for (const auto& line : Split(v.body, '\n')) out += (line.empty() ? "" : ind + "  " + line) + "\n";
        out += ind + "\"\"\"";
        break;
      case ast::View::BodyKind::String: out += StringLit(v.body); break;
      case ast::View::BodyKind::Union: {
        std::string members;
        for (size_t i = 0; i < v.union_of.size(); ++i) {
          members += i ? ", " : "";
          if (i < v.union_loops.size())
            for (const auto& l : v.union_loops[i]) members += "for " + Name(l.var) + " in " + Expr(l.iterable) + ": ";
          members += QName(v.union_of[i]);
        }
        out += "union all (" + members + ")";
        break;
      }
    }
    if (!v.depends_on.empty()) out += " depends on (" + QNames(v.depends_on) + ")";
    if (v.comment) out += " comment " + StringLit(*v.comment);
    if (v.indexes.empty()) return out;
    std::vector<Entry> entries;
    for (const auto& ix : v.indexes) entries.push_back({ix.range, [this, &ix](int i) { return Indent(i) + IndexItem(ix); }});
    return Block(out.substr(ind.size()), End(v.body_range), End(v.range), entries, indent, false);
  }

  auto PrintPipe(const ast::Pipe& p, int indent) -> std::string {
    return BraceBlock(p.target + " pipe " + QName(p.name), End(p.name.range), p.range, TargetEntries(p.items),
                      indent, false);
  }

  /// A target block of a table or of the file: on one line when it holds one
  /// option and no comment.
  auto PrintTargetBlock(const ast::TargetBlock& b, int indent) -> std::string {
    if (b.items.size() <= 1 && !AnyBetween(Start(b.range), End(b.range))) {
      if (b.items.empty()) return Indent(indent) + b.target + " {}";
      return Indent(indent) + b.target + " { " + TargetItem(b.items[0]) + " }";
    }
    Pos header_end{b.range.line, b.range.col + static_cast<uint32_t>(b.target.size())};
    return Block(b.target, header_end, End(b.range), TargetEntries(b.items), indent, false);
  }

  auto TargetEntries(const std::vector<ast::TargetItem>& items) -> std::vector<Entry> {
    std::vector<Entry> out;
    for (const auto& it : items)
      out.push_back({it.range, [this, &it](int i) { return Indent(i) + TargetItem(it); }});
    return out;
  }

  auto TargetItem(const ast::TargetItem& t) -> std::string {
    using K = ast::TargetItem::Kind;
    auto exprs = [&] { return Join(t.exprs, ", ", [&](const ast::Expr& e) { return Expr(e); }); };
    switch (t.kind) {
      case K::Partition: return "partition by " + (t.key.text.empty() ? "" : Name(t.key) + " ") + "(" + exprs() + ")";
      case K::PartitionOf: {
        auto list = [&](const std::vector<ast::Expr>& v) { return "(" + Join(v, ", ", [&](const ast::Expr& e) { return Expr(e); }) + ")"; };
        std::string out = "partition of " + (t.into ? QName(*t.into) : std::string()) + " ";
        if (t.bound == "from") return out + "for values from " + list(t.exprs) + " to " + list(t.to);
        if (t.bound == "in") return out + "for values in " + list(t.exprs);
        if (t.bound == "with") {
          auto option = [](const auto& kv) { return kv.first + " " + kv.second; };
          return out + "for values with (" + Join(t.options, ", ", option) + ")";
        }
        return out + "default";
      }
      case K::Cluster: return "cluster by (" + exprs() + ")";
      case K::PrimaryIndex: return "primary index (" + Names(t.names) + ")";
      case K::Watermark:
        return "watermark for " + Name(t.key) + " as " + (t.exprs.empty() ? std::string() : Expr(t.exprs[0]));
      case K::With: {
        auto option = [](const auto& kv) { return StringLit(kv.first) + " = " + StringLit(kv.second); };
        return "with (" + Join(t.options, ", ", option) + ")";
      }
      case K::Type: return "type " + (t.type ? Type(*t.type) : std::string());
      case K::Into: return "into " + (t.into ? QName(*t.into) : std::string());
      case K::From: return "from " + StringLit(t.value.value_or(""));
      case K::Metadata: {
        std::string out = Name(t.key);
        if (t.value) out += " from " + StringLit(*t.value);
        if (!t.names.empty()) out += " " + Name(t.names[0]);
        return out;
      }
      case K::Flag: {
        std::string out = Name(t.key);
        if (t.value) out += " " + (t.value_is_string ? StringLit(*t.value) : *t.value);
        if (!t.names.empty()) out += " (" + Names(t.names) + ")";
        return out;
      }
    }
    return {};
  }

  /// `postgres { type json }` after a column: always on one line.
  auto InlineTargetBlock(const ast::TargetBlock& b) -> std::string {
    if (b.items.empty()) return b.target + " {}";
    return b.target + " { " + Join(b.items, "; ", [&](const ast::TargetItem& t) { return TargetItem(t); }) + " }";
  }

  // ---- tables ----------------------------------------------------------------

  static auto ItemRange(const ast::TableItem& item) -> SourceRange {
    return std::visit([](const auto& x) { return x.range; }, item);
  }

  auto PrintTable(const ast::Table& t, int indent) -> std::string {
    std::string header = (t.is_mixin ? "mixin " : t.is_extern ? "extern table " : "table ") + QName(t.name);
    // Runs of columns, broken by other items and by blank lines, are aligned.
    std::vector<size_t> name_w(t.items.size(), 0), type_w(t.items.size(), 0);
    for (size_t i = 0; i < t.items.size();) {
      if (!std::holds_alternative<ast::Column>(t.items[i])) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < t.items.size() && std::holds_alternative<ast::Column>(t.items[j]) &&
             !BlankBetween(ItemRange(t.items[j - 1]).end_line, ItemRange(t.items[j]).line))
        ++j;
      size_t nw = 0, tw = 0;
      for (size_t k = i; k < j; ++k) {
        const auto& c = std::get<ast::Column>(t.items[k]);
        nw = std::max(nw, CodePoints(Name(c.name)));
        if (!ColumnAttrs(c).empty()) tw = std::max(tw, CodePoints(Type(c.type)));
      }
      for (size_t k = i; k < j; ++k) name_w[k] = nw, type_w[k] = tw;
      i = j;
    }
    std::vector<Entry> entries;
    for (size_t i = 0; i < t.items.size(); ++i) {
      const auto& item = t.items[i];
      size_t nw = name_w[i], tw = type_w[i];
      entries.push_back({ItemRange(item), [this, &item, nw, tw](int in) -> std::string {
                           if (auto* tb = std::get_if<ast::TargetBlock>(&item)) return PrintTargetBlock(*tb, in);
                           return Indent(in) + TableItem(item, nw, tw);
                         }});
    }
    return BraceBlock(header, End(t.name.range), t.range, entries, indent, false);
  }

  auto TableItem(const ast::TableItem& item, size_t name_w, size_t type_w) -> std::string {
    return std::visit(
        Overloaded{
            [&](const ast::Column& c) -> std::string {
              std::string attrs = ColumnAttrs(c), type = Type(c.type);
              std::string out = PadRight(Name(c.name), name_w) + " ";
              return attrs.empty() ? out + type : out + PadRight(type, type_w) + " " + attrs;
            },
            [&](const ast::Constraint& k) -> std::string {
              std::string name = k.name ? " " + Name(*k.name) : std::string();
              std::string not_valid = k.not_valid ? " not valid" : "";
              switch (k.kind) {
                case ast::Constraint::Kind::PrimaryKey:
                  return "primary key" + name + " (" + Names(k.columns) + ")" + Timing(k.timing);
                case ast::Constraint::Kind::Unique:
                  return "unique" + name + " (" + Names(k.columns) + ")" + (k.nulls_not_distinct ? " nulls not distinct" : "") +
                         Timing(k.timing);
                case ast::Constraint::Kind::ForeignKey:
                  return "foreign key" + name + " (" + Names(k.columns) + ")" +
                         (k.references ? " " + References(*k.references) : std::string()) + not_valid;
                case ast::Constraint::Kind::Check:
                  return "check" + name + " (" + (k.check ? Expr(*k.check) : std::string()) + ")" +
                         (k.no_inherit ? " no inherit" : "") + not_valid;
                case ast::Constraint::Kind::Exclusion: return ExclusionItem(k);
              }
              return {};
            },
            [&](const ast::Index& ix) -> std::string { return IndexItem(ix); },
            [&](const ast::Include& x) -> std::string { return "include " + QName(x.mixin); },
            [&](const ast::TableComment& x) -> std::string { return "comment " + StringLit(x.text); },
            [&](const ast::RenamedFrom& x) -> std::string { return "renamed from " + Name(x.old_name); },
            [&](const ast::TargetBlock& x) -> std::string { return InlineTargetBlock(x); },
            [&](const ast::Allow& x) -> std::string { return AllowText(x); },
        },
        item);
  }

  /// A column's attributes in canonical order.
  auto ColumnAttrs(const ast::Column& c) -> std::string {
    std::vector<std::string> a;
    if (c.primary_key) a.push_back("primary key" + Timing(c.primary_key_timing));
    if (c.identity) {
      std::string id = c.identity_always ? "identity always" : "identity";
      if (!c.identity_options.empty())
        id += " (" + Join(c.identity_options, " ", [](const ast::IdentityOption& o) {
          return Name(o.key) + (o.value ? " " + *o.value : std::string());
        }) + ")";
      a.push_back(id);
    }
    if (c.not_null) a.push_back(*c.not_null ? "not null" : "null");
    if (c.unique) a.push_back(std::string("unique") + (c.unique_nulls_not_distinct ? " nulls not distinct" : "") + Timing(c.unique_timing));
    if (c.default_value) a.push_back("default " + Expr(*c.default_value));
    if (c.generated) a.push_back("generated always as (" + Expr(*c.generated) + ")" + (c.stored ? " stored" : ""));
    if (c.references) a.push_back(References(*c.references));
    for (const auto& k : c.checks) a.push_back("check (" + Expr(k) + ")");
    if (c.collation) a.push_back("collate " + Name(*c.collation));
    if (c.comment) a.push_back("comment " + StringLit(*c.comment));
    if (c.renamed_from) a.push_back("renamed from " + Name(*c.renamed_from));
    for (const auto& b : c.targets) a.push_back(InlineTargetBlock(b));
    for (const auto& x : c.allows) a.push_back(AllowText(x));  // last: about the column, not part of it
    return Join(a, " ", [](const std::string& s) { return s; });
  }

  auto References(const ast::References& r) -> std::string {
    std::string out = "references " + QName(r.table);
    if (!r.columns.empty()) out += " (" + Names(r.columns) + ")";
    if (!r.on_delete.empty()) out += " on delete " + r.on_delete;
    if (!r.on_update.empty()) out += " on update " + r.on_update;
    if (r.match_full) out += " match full";
    return out + Timing(r.timing);
  }

  static auto Timing(const ast::Deferrable& t) -> std::string {
    if (!t.deferrable) return "";
    return t.initially_deferred ? " deferrable initially deferred" : " deferrable";
  }

  // ---- types and expressions -----------------------------------------------

  auto Type(const ast::TypeRef& t) -> std::string {
    std::string out;
    switch (t.kind) {
      case ast::TypeRef::Kind::Named:
        if (t.schema)
          out += (StartsQuoted(t.range) || !IsPlainIdent(*t.schema) ? QuoteIdent(*t.schema) : *t.schema) + ".";
        out += t.quoted ? QuoteIdent(t.name) : t.name;
        if (!t.args.empty()) out += "(" + Join(t.args, ", ", [](int64_t a) { return std::to_string(a); }) + ")";
        if (t.with_time_zone) out += *t.with_time_zone ? " with time zone" : " without time zone";
        break;
      case ast::TypeRef::Kind::Array:
        out += "array<" + (t.elems.empty() ? std::string() : Type(t.elems[0])) + ">";
        break;
      case ast::TypeRef::Kind::Map:
        out += "map<" + Join(t.elems, ", ", [&](const ast::TypeRef& e) { return Type(e); }) + ">";
        break;
      case ast::TypeRef::Kind::Generic:  // multiset<T>
        out += (t.quoted ? QuoteIdent(t.name) : t.name) + "<" +
               Join(t.elems, ", ", [&](const ast::TypeRef& e) { return Type(e); }) + ">";
        break;
      case ast::TypeRef::Kind::Row: {
        std::vector<std::string> fields;
        for (size_t i = 0; i < t.elems.size(); ++i)
          fields.push_back((i < t.fields.size() ? Name(t.fields[i]) + " " : std::string()) + Type(t.elems[i]));
        out += "row<" + Join(fields, ", ", [](const std::string& s) { return s; }) + ">";
        break;
      }
    }
    for (int i = 0; i < t.array_dims; ++i) out += "[]";
    return out;
  }

  // Expressions are printed with the parentheses the user wrote, plus those
  // the parser needs to read the same tree back. The parser is ANTLR's
  // precedence climbing: expr[m] reads a head (a primary, or a prefix
  // operator and its operand) and then every postfix or binary operator of
  // precedence >= m, each taking what was read so far as its left operand;
  // the right operand of a binary operator of precedence q is read by
  // expr[q + 1], that of a prefix operator by expr[its precedence]. So:
  //   - an operand is bare only if the operators on its left spine are
  //     >= the m of the expr[m] reading it, and
  //   - an operand followed by an operator of precedence p is bare only if
  //     none of the expr[...] still open at its end would take that operator.
  // Quirks of the grammar handled on top of that:
  //   - `not -x` reads as a column named `not` minus x: a signed operand of
  //     `not` is parenthesized;
  //   - in `x between a and b and c` the lower bound swallows `a and b`: a
  //     between followed by an `and` operator is parenthesized (the `and` of
  //     a later between cannot be taken so, that between needs it), and so is
  //     a lower bound looser than `in`, to make that reading visible;
  //   - `interval '5'` without a unit takes a following word as its unit
  //     when what comes after the word still reads (see Guard).
  // A tree read from source never needs more than the parentheses it was
  // written with (same tokens, same tree), so only trees built otherwise and
  // the lower bound above get parentheses of the formatter's own.

  auto Expr(const ast::Expr& e) -> std::string { return Sub(e, 0, false, kDelimited).text; }

  /// `e` read by expr[m] and followed by an operator of precedence `next`;
  /// `and_follows`: an `and` follows later at the same bracket depth.
  auto Sub(const ast::Expr& e, int m, bool and_follows, int next) -> Printed {
    if (!e.parenthesized) {
      auto bare = Bare(e, m, and_follows);
      if (bare && bare->open > next) return *bare;
    }
    return Paren(e);
  }

  /// `x`, printed from `e`, as followed by the text `follow`. A unit-less
  /// interval at its end takes a following word as its unit when what comes
  /// after the word still reads: `interval '5' not in (1)`,
  /// `interval '5' desc`, `interval '5' and -1`. After a case that ends so,
  /// `end` is taken that way and the case goes on: anything may follow.
  auto Guard(Printed x, const ast::Expr& e, const std::string& follow) -> Printed {
    if (x.open_end && !follow.empty()) return Paren(e);
    if (!x.open_unit || follow.empty() || follow[0] != ' ') return x;
    size_t word_end = std::min(follow.find(' ', 1), follow.size());
    std::string word = follow.substr(1, word_end - 1);
    char next = word_end + 1 < follow.size() ? follow[word_end + 1] : '\0';
    if (word == "not" || word == "desc" || next == '-' || next == '+') return Paren(e);
    return x;
  }

  auto Paren(const ast::Expr& e) -> Printed {
    auto inner = Bare(e, 0, false);
    return {"(" + (inner ? inner->text : std::string()) + ")", kClosed, false};
  }

  static auto Qualified(const ast::Expr& e) -> std::string {
    std::string out;
    if (!e.qualifier.empty())
      out += (e.qualifier_quoted || !IsPlainIdent(e.qualifier) ? QuoteIdent(e.qualifier) : e.qualifier) + ".";
    return out + (e.quoted ? QuoteIdent(e.text) : e.text);
  }

  static auto Arg(size_t i, const ast::Expr& e) -> const ast::Expr& {
    static const ast::Expr kMissing{};
    return i < e.args.size() ? e.args[i] : kMissing;
  }

  auto List(const std::vector<ast::Expr>& items, size_t from = 0) -> std::string {
    std::string out;
    for (size_t i = from; i < items.size(); ++i) {
      if (i > from) out += ", ";
      out += Expr(items[i]);
    }
    return out;
  }

  /// `e` without parentheses of its own, if expr[m] reads it back as `e`.
  auto Bare(const ast::Expr& e, int m, bool and_follows) -> std::optional<Printed> {
    using K = ast::Expr::Kind;
    std::string no = e.negated ? "not " : "";
    switch (e.kind) {
      case K::Number: return Printed{e.text};
      case K::String: return Printed{StringLit(e.text)};
      case K::Bool: return Printed{Lower(e.text)};
      case K::Null: return Printed{"null"};
      case K::Interval: {
        Printed out{"interval " + StringLit(e.text)};
        if (e.op.empty()) out.open_unit = true;
        else out.text += " " + e.op;
        return out;
      }
      case K::Column: return Printed{Qualified(e)};
      case K::Call: return Printed{Qualified(e) + "(" + List(e.args) + ")"};
      case K::Star: return Printed{"*"};
      case K::List: return Printed{(e.op == "array" ? "array[" : "[") + List(e.args) + "]"};
      case K::Record: {
        std::string out;
        for (size_t i = 0; i < e.args.size() && i < e.fields.size(); ++i)
          out += (i ? ", " : "") + e.fields[i] + ": " + Expr(e.args[i]);
        return Printed{"{" + out + "}"};
      }
      case K::Case: {
        // case [subject] (when c then r)* [else x] end: each part followed by
        // the next keyword and part.
        size_t arms_begin = e.has_subject ? 1 : 0;
        size_t arms_end = e.args.size() - (e.has_else && !e.args.empty() ? 1 : 0);
        std::vector<std::pair<std::string, const ast::Expr*>> parts;  // keyword, part
        if (e.has_subject && !e.args.empty()) parts.emplace_back(" ", &e.args[0]);
        for (size_t i = arms_begin; i < arms_end; i += 2) {
          parts.emplace_back(" when ", &e.args[i]);
          if (i + 1 < arms_end) parts.emplace_back(" then ", &e.args[i + 1]);
        }
        if (e.has_else && !e.args.empty()) parts.emplace_back(" else ", &e.args.back());
        std::string rest = " end";
        bool open_end = false;
        for (size_t i = parts.size(); i-- > 0;) {
          auto part = Sub(*parts[i].second, 0, false, kDelimited);
          if (i + 1 == parts.size()) open_end = part.open_unit || part.open_end;
          else part = Guard(part, *parts[i].second, rest);
          rest = parts[i].first + part.text + rest;
        }
        Printed out{"case" + rest};
        out.open_end = open_end;
        return out;
      }
      case K::Cast: {
        std::string type = e.type.empty() ? std::string() : Type(e.type[0]);
        if (e.op != "::") return Printed{"cast(" + Expr(Arg(0, e)) + " as " + type + ")"};
        if (kCastOp < m) return std::nullopt;
        auto x = Guard(Sub(Arg(0, e), m, and_follows, kCastOp), Arg(0, e), "::" + type);
        return Printed{x.text + "::" + type, kClosed, x.top_and};
      }
      case K::Unary: {  // a prefix operator: read at any m
        bool is_not = e.op == "not";
        int level = is_not ? kNot : kSign;
        auto x = Sub(Arg(0, e), level, and_follows, kDelimited);
        bool signed_operand = !x.text.empty() && (x.text[0] == '-' || x.text[0] == '+');
        // `not -x` reads as `not` (a column) minus x.
        if (is_not && signed_operand) x = Paren(Arg(0, e));
        // `- -x` must not become the comment `--x`.
        bool space = is_not || signed_operand;
        return Printed{e.op + (space ? " " : "") + x.text, std::min(level, x.open), x.top_and, x.open_unit,
                       x.open_end};
      }
      case K::Binary: {
        int q = BinaryLevel(e.op);
        if (q < m) return std::nullopt;
        bool is_and = e.op == "and";
        auto r = Sub(Arg(1, e), q + 1, and_follows, kDelimited);
        std::string op = e.op == ".." ? e.op : " " + e.op + " ";  // a range reads 2021..2024
        auto l = Guard(Sub(Arg(0, e), m, and_follows || is_and || r.top_and, q), Arg(0, e), op + r.text);
        return Printed{l.text + op + r.text, std::min(q + 1, r.open), is_and || l.top_and || r.top_and,
                       r.open_unit, r.open_end};
      }
      case K::IsNull:
      case K::IsBool: {
        int level = e.kind == K::IsNull ? kIsNull : kIsBool;
        if (level < m) return std::nullopt;
        std::string tail = " is " + no + (e.kind == K::IsNull ? "null" : e.op);
        auto x = Guard(Sub(Arg(0, e), m, and_follows, level), Arg(0, e), tail);
        return Printed{x.text + tail, kClosed, x.top_and};
      }
      case K::In: {
        if (kIn < m) return std::nullopt;
        auto x = Guard(Sub(Arg(0, e), m, and_follows, kIn), Arg(0, e), " " + no + "in (");
        return Printed{x.text + " " + no + "in (" + List(e.args, 1) + ")", kClosed, x.top_and};
      }
      case K::Between: {
        if (kBetween < m || and_follows) return std::nullopt;
        auto hi = Sub(Arg(2, e), kBetween + 1, and_follows, kDelimited);
        // The lower bound is read by a plain expr that stops at the `and`;
        // anything looser than `in` gets parentheses to keep that obvious.
        auto lo = Guard(Sub(Arg(1, e), kBetween + 1, false, kAnd), Arg(1, e), " and " + hi.text);
        auto x = Guard(Sub(Arg(0, e), m, and_follows, kBetween), Arg(0, e), " " + no + "between " + lo.text);
        return Printed{x.text + " " + no + "between " + lo.text + " and " + hi.text, std::min(kBetween + 1, hi.open),
                       x.top_and, hi.open_unit, hi.open_end};
      }
      case K::Like: {
        if (kLike < m) return std::nullopt;
        auto r = Sub(Arg(1, e), kLike + 1, and_follows, kDelimited);
        auto x = Guard(Sub(Arg(0, e), m, and_follows || r.top_and, kLike), Arg(0, e), " " + no + e.op + " " + r.text);
        return Printed{x.text + " " + no + e.op + " " + r.text, std::min(kLike + 1, r.open), x.top_and || r.top_and,
                       r.open_unit, r.open_end};
      }
    }
    return std::nullopt;
  }

  const ast::File& file_;
  const std::string* text_ = nullptr;
  const std::vector<uint32_t>* starts_ = nullptr;
  std::vector<Note> notes_;
  std::vector<bool> used_;
  std::vector<bool> covered_;  // lines that hold part of a comment
  size_t first_unused_ = 0;
};

}  // namespace

auto Format(const ast::File& file, const source::SourceManager& sm) -> std::string {
  return Printer(file, sm).Run();
}

}  // namespace schemac::format
