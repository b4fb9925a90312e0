// Parsing with the ANTLR-generated parser, and the thin layer that turns its
// parse tree into the AST. Syntax errors go to the diagnostic engine with
// messages rewritten for people; ANTLR's recovery keeps the parse going.
#include "compiler/syntax/parse.h"

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <typeinfo>
#include <functional>
#include <sstream>

#include "SchemaLexer.h"
#include "SchemaParser.h"
#include "antlr4-runtime.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/quote.h"

namespace schemac::syntax {
namespace {

using P = SchemaParser;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::TerminalNode;

/// `node` as the generated class T, or null. T must be a class no other
/// generated class derives from (a labelled alternative, or a rule without
/// labels): then an exact type check answers, which is much cheaper than
/// dynamic_cast's search of the class hierarchy (that search was a quarter
/// of building the syntax tree). Casts to a rule with labelled
/// alternatives (ExprContext, TableItemContext, ...) stay dynamic_casts.
template <typename T>
auto As(antlr4::tree::ParseTree* node) -> T* {
  return node && typeid(*node) == typeid(T) ? static_cast<T*>(node) : nullptr;
}

/// Whether a child of a rule is a token (the rest are rules).
auto IsToken(antlr4::tree::ParseTree* node) -> bool {
  const std::type_info& type = typeid(*node);
  return type == typeid(antlr4::tree::TerminalNodeImpl) || type == typeid(antlr4::tree::ErrorNodeImpl);
}

/// The rule index of the generated rule context T (a rule's own context,
/// whose labelled alternatives, if any, derive from it and answer the same
/// index). A labelled alternative's type does not compile here: use As.
template <typename T>
auto RuleIndexOf() -> size_t {
  static const size_t index = T(nullptr, 0).getRuleIndex();
  return index;
}

/// The children of `ctx` that are rule T: what the generated accessor
/// (`ctx->typeRef()`) returns, found by rule index instead of a
/// dynamic_cast of every child, which the generated accessors do.
template <typename T>
auto Rules(ParserRuleContext* ctx) -> std::vector<T*> {
  std::vector<T*> out;
  const size_t index = RuleIndexOf<T>();
  for (auto* child : ctx->children)
    if (!IsToken(child) && static_cast<ParserRuleContext*>(child)->getRuleIndex() == index)
      out.push_back(static_cast<T*>(static_cast<ParserRuleContext*>(child)));
  return out;
}

/// The `i`th child of `ctx` that is rule T, or null (`ctx->typeRef(i)`).
template <typename T>
auto RuleAt(ParserRuleContext* ctx, size_t i = 0) -> T* {
  const size_t index = RuleIndexOf<T>();
  for (auto* child : ctx->children)
    if (!IsToken(child) && static_cast<ParserRuleContext*>(child)->getRuleIndex() == index && i-- == 0)
      return static_cast<T*>(static_cast<ParserRuleContext*>(child));
  return nullptr;
}

/// The first child token of `ctx` of lexer type `type`, or null (`ctx->WITH()`).
auto TokenAt(ParserRuleContext* ctx, size_t type) -> TerminalNode* {
  for (auto* child : ctx->children)
    if (IsToken(child) && static_cast<TerminalNode*>(child)->getSymbol()->getType() == type)
      return static_cast<TerminalNode*>(child);
  return nullptr;
}


/// Drops newlines inside ( ) and [ ] and collapses runs of newlines, so the
/// grammar sees NL only where it ends an item. Braces reset the depth: they
/// never occur inside parentheses, and this keeps one unclosed '(' from
/// swallowing the rest of the file.
class NewlineFilter : public antlr4::TokenSource {
 public:
  explicit NewlineFilter(SchemaLexer& lexer, std::vector<ast::Comment>& comments, source::FileId file)
      : lexer_(lexer), comments_(comments), file_(file) {}

  std::unique_ptr<Token> nextToken() override {
    for (;;) {
      auto t = lexer_.nextToken();
      switch (t->getType()) {
        case SchemaLexer::LPAREN:
        case SchemaLexer::LBRACK: ++depth_; break;
        case SchemaLexer::RPAREN:
        case SchemaLexer::RBRACK:
          if (depth_ > 0) --depth_;
          break;
        case SchemaLexer::LBRACE:
          // A record (`{name: 'acme'}`) stands after `=`, `[`, `,` or `:`;
          // its newlines are dropped as a list's are. Any other '{' opens a
          // block (and ends an unclosed '(' before it, for recovery).
          if (last_type_ == SchemaLexer::EQ || last_type_ == SchemaLexer::COLON ||
              (depth_ > 0 && (last_type_ == SchemaLexer::LBRACK || last_type_ == SchemaLexer::COMMA))) {
            record_braces_.push_back(depth_);
            depth_ = 1;
            break;
          }
          depth_ = 0;
          open_braces_.push_back(source::SourceRange{file_, static_cast<uint32_t>(t->getLine()),
                                                     static_cast<uint32_t>(t->getCharPositionInLine() + 1),
                                                     static_cast<uint32_t>(t->getLine()),
                                                     static_cast<uint32_t>(t->getCharPositionInLine() + 2)});
          break;
        case SchemaLexer::RBRACE:
          if (!record_braces_.empty()) {
            depth_ = record_braces_.back();
            record_braces_.pop_back();
            break;
          }
          depth_ = 0;
          if (!open_braces_.empty()) open_braces_.pop_back();
          break;
        case SchemaLexer::LINE_COMMENT:
        case SchemaLexer::BLOCK_COMMENT: {
          source::SourceRange r{file_, static_cast<uint32_t>(t->getLine()),
                                static_cast<uint32_t>(t->getCharPositionInLine() + 1), 0, 0};
          comments_.push_back({t->getText(), r});
          continue;  // comments are kept aside for the formatter
        }
        case SchemaLexer::NL:
          if (depth_ > 0 || last_was_nl_) continue;
          last_was_nl_ = true;
          last_type_ = SchemaLexer::NL;
          return t;
        default: break;
      }
      last_was_nl_ = false;
      last_type_ = t->getType();
      return t;
    }
  }
  size_t getLine() const override { return lexer_.getLine(); }
  size_t getCharPositionInLine() override { return lexer_.getCharPositionInLine(); }
  antlr4::CharStream* getInputStream() override { return lexer_.getInputStream(); }
  std::string getSourceName() override { return lexer_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override { return lexer_.getTokenFactory(); }
  /// The '{' not closed so far, innermost last.
  auto open_braces() const -> const std::vector<source::SourceRange>& { return open_braces_; }

 private:
  std::vector<source::SourceRange> open_braces_;
  SchemaLexer& lexer_;
  std::vector<ast::Comment>& comments_;
  source::FileId file_;
  int depth_ = 0;
  std::vector<int> record_braces_;  // the depth outside each open record's '{'
  size_t last_type_ = 0;            // the type of the last token passed on
  bool last_was_nl_ = true;  // drop leading newlines
};

auto TokenTypeDisplay(std::string it) -> std::string;

/// Shows a token as a person would name it.
auto TokenDisplay(const Token* t) -> std::string {
  if (!t || t->getType() == Token::EOF) return "end of file";
  if (t->getType() == SchemaLexer::NL) return "end of line";
  std::string s = t->getText();
  if (t->getType() == SchemaLexer::STRING) return "string " + (s.size() > 40 ? s.substr(0, 37) + "..." : s);
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return "'" + s + "'";
}

/// Rewrites ANTLR's "expecting {A, B, ...}" into a short list, or nothing when
/// the list is too long to help.
auto ExpectingPart(const std::string& msg) -> std::string {
  auto pos = msg.find("expecting ");
  if (pos == std::string::npos) return {};
  std::string what = msg.substr(pos + 10);
  std::vector<std::string> items;
  if (!what.empty() && what.front() == '{') {
    // {A, ',', 'x'}: split on ", " outside quotes.
    what = what.substr(1, what.size() >= 2 ? what.size() - 2 : 0);
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < what.size(); ++i) {
      char c = what[i];
      if (c == '\'') quoted = !quoted;
      if (!quoted && c == ',' && i + 1 < what.size() && what[i + 1] == ' ') {
        items.push_back(cur);
        cur.clear();
        ++i;
        continue;
      }
      cur += c;
    }
    if (!cur.empty()) items.push_back(cur);
  } else {
    items.push_back(what);
  }
  if (items.size() > 5) return {};
  std::vector<std::string> shown;
  for (const auto& it : items) {
    std::string d = TokenTypeDisplay(it);
    if (std::find(shown.begin(), shown.end(), d) == shown.end()) shown.push_back(d);
  }
  std::string out;
  for (size_t i = 0; i < shown.size(); ++i) {
    if (i) out += (i + 1 == shown.size()) ? " or " : ", ";
    out += shown[i];
  }
  return out;
}

/// ANTLR's recovery, except that it never deletes an end of line to make the
/// next line fit into the current item ("default" + newline + "name text"
/// must not read as "default name").
class Recovery : public antlr4::DefaultErrorStrategy {
 public:
  /// Between declarations, an unexpected token starts a broken declaration:
  /// report it once and skip to the end of it (its braces balanced), rather
  /// than reporting every line of it.
  void sync(antlr4::Parser* p) override {
    auto* ctx = p->getContext();
    bool in_schema = As<SchemaParser::SchemaDeclContext>(ctx) != nullptr;
    if (!in_schema && !As<SchemaParser::UnitContext>(ctx)) return DefaultErrorStrategy::sync(p);
    if (inErrorRecoveryMode(p)) return;
    Token* t = p->getCurrentToken();
    size_t type = t->getType();
    if (StartsDecl(type) || type == SchemaLexer::NL || type == SchemaLexer::SEMI || type == Token::EOF ||
        (in_schema && type == SchemaLexer::RBRACE))
      return;
    p->notifyErrorListeners(t, "extraneous input", nullptr);
    int depth = 0;
    for (;;) {
      t = p->getCurrentToken();
      type = t->getType();
      if (type == Token::EOF) break;
      if (depth == 0 && StartsDecl(type)) break;
      if (type == SchemaLexer::LBRACE) ++depth;
      if (type == SchemaLexer::RBRACE) {
        if (depth == 0) {
          if (in_schema) break;
        } else if (--depth == 0) {
          p->consume();
          break;
        }
      }
      p->consume();
    }
  }

 protected:
  static auto StartsDecl(size_t type) -> bool {
    switch (type) {
      case SchemaLexer::IMPORT: case SchemaLexer::SCHEMA: case SchemaLexer::TABLE: case SchemaLexer::ENUM:
      case SchemaLexer::VIEW: case SchemaLexer::MATERIALIZED: case SchemaLexer::MIXIN: case SchemaLexer::LET:
      case SchemaLexer::FOR: case SchemaLexer::POSTGRES: case SchemaLexer::SNOWFLAKE: case SchemaLexer::FIREBOLT:
      case SchemaLexer::FLINK: case SchemaLexer::EXTERN: case SchemaLexer::SEQUENCE: case SchemaLexer::COLLATION:
      case SchemaLexer::ALLOW: case SchemaLexer::LINT: return true;
      default: return false;
    }
  }

  Token* singleTokenDeletion(antlr4::Parser* recognizer) override {
    if (recognizer->getCurrentToken()->getType() == SchemaLexer::NL) return nullptr;
    return DefaultErrorStrategy::singleTokenDeletion(recognizer);
  }
};

/// A token type's name as a person reads it: 'null' for NULL_, 'key' for KEY.
auto TokenTypeDisplay(std::string it) -> std::string {
  if (it == "NL") return "end of line";
  if (it == "STRING") return "a string";
  if (it == "NUMBER") return "a number";
  if (it == "IDENT" || it == "QIDENT") return "a name";
  if (it == "RAW") return "a \"\"\" block";
  if (it == "<EOF>" || it == "EOF") return "end of file";
  if (!it.empty() && it.front() == '\'') return it;
  while (!it.empty() && it.back() == '_') it.pop_back();
  it = llvm::StringRef(it).lower();
  return "'" + it + "'";
}

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  ErrorListener(diag::Engine& d, const source::SourceManager& sm, source::FileId f) : diags_(d), sm_(sm), file_(f) {}
  void syntaxError(antlr4::Recognizer* recognizer, Token* bad, size_t line, size_t col, const std::string& msg,
                   std::exception_ptr) override {
    source::SourceRange r{file_, static_cast<uint32_t>(line), static_cast<uint32_t>(col + 1),
                          static_cast<uint32_t>(line), static_cast<uint32_t>(col + 1)};
    if (bad && bad->getType() != Token::EOF && bad->getType() != SchemaLexer::NL)
      r.end_col = r.col + static_cast<uint32_t>(bad->getStopIndex() - bad->getStartIndex() + 1);
    if (gave_up_) return;
    // An unterminated literal swallows the rest of the file: report it, once.
    struct Unterminated {
      const char* what;
      const char* hint;
      uint32_t width;  // of the opening token
    };
    std::optional<Unterminated> open;
    if (bad && bad->getType() == SchemaLexer::ERRCHAR && bad->getText() == "'")
      open = Unterminated{"string literal", "close it with ' (write '' for a quote inside)", 1};
    else if (bad && bad->getType() == SchemaLexer::ERRCHAR && bad->getText() == "\"")
      open = Unterminated{"quoted identifier", "close it with \" on the same line", 1};
    else if (bad && bad->getType() == SchemaLexer::UNTERMINATED_COMMENT)
      open = Unterminated{"block comment", "close it with */", 2};
    else if (bad && bad->getType() == SchemaLexer::UNTERMINATED_RAW)
      open = Unterminated{"raw block", "close it with \"\"\"", 3};
    if (open) {
      r.end_line = r.line;
      r.end_col = r.col + open->width;
      diags_.Emit(diag::Kind::UnterminatedString, r, open->what).hint = open->hint;
      gave_up_ = true;
      return;
    }
    if (bad && bad->getType() == SchemaLexer::ERRCHAR) {
      // Postgres's regular-expression matches (~ ~* !~ !~*) are what users
      // write most often; say that they are operators the language lacks.
      if (std::string op = RegexOperatorAt(bad); !op.empty()) {
        if (line == op_line_ && r.col < op_end_col_) return;  // the rest of the same operator
        r.end_col = r.col + static_cast<uint32_t>(op.size());
        diags_.Emit(diag::Kind::UnsupportedOperator, r, op).hint =
            "write the match in the target's SQL: sql('column ~ ''pattern''')";
        op_line_ = line;
        op_end_col_ = r.end_col;
        last_line_ = line;  // what follows on this line is the same mistake
        return;
      }
      diags_.Emit(diag::Kind::InvalidCharacter, r, bad->getText());
      return;
    }
    // One error per line is enough: ANTLR's recovery can chain several. A
    // '}' right after an error is the end of the broken block, not news.
    if (line == last_line_) return;
    if (bad && bad->getType() == SchemaLexer::RBRACE && last_line_ && line <= last_line_ + 1) return;
    last_line_ = line;
    std::string text;
    if (msg.rfind("missing ", 0) == 0) {
      auto at = msg.find(" at ");
      std::string what = msg.substr(8, at == std::string::npos ? std::string::npos : at - 8);
      // A set of tokens that takes any name lists every keyword: say "a name".
      if (what.size() > 1 && what.front() == '{' && what.find("IDENT") != std::string::npos) what = "IDENT";
      text = "missing " + TokenTypeDisplay(what) + " before " + TokenDisplay(bad);
    } else {
      text = "unexpected " + TokenDisplay(bad);
      std::string exp = ExpectingPart(msg);
      if (!exp.empty()) text += ", expecting " + exp;
    }
    bool at_eof = bad && bad->getType() == Token::EOF;
    if (at_eof && last_text_line_ > 0) {
      // End of file: point at the end of the last line that has text.
      std::string l = sm_.Line(file_, last_text_line_);
      r = source::SourceRange{file_, last_text_line_, static_cast<uint32_t>(source::utf8::CodePoints(l) + 1), last_text_line_,
                              static_cast<uint32_t>(source::utf8::CodePoints(l) + 1)};
    }
    auto& d = diags_.Emit(diag::Kind::SyntaxError, r, text);
    if (at_eof && filter_ && !filter_->open_braces().empty())
      d.notes.push_back({filter_->open_braces().back(), "this '{' is not closed"});
    // `for c in ...` where a loop cannot stand reads as a column `for` of type `c`.
    if (bad && bad->getType() == SchemaLexer::IN && recognizer && bad->getTokenIndex() >= 2)
      if (auto* tokens = dynamic_cast<antlr4::TokenStream*>(recognizer->getInputStream()))
        if (tokens->get(bad->getTokenIndex() - 2)->getType() == SchemaLexer::FOR) {
          d.hint = "'for' loops stand at the top of a file or in a schema block, not in a table: put the columns in a "
                   "mixin, or write them out";
          return;
        }
    // A misspelled keyword: suggest the keyword the parser expected.
    if (bad && bad->getType() == SchemaLexer::IDENT && recognizer) {
      if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer)) {
        std::vector<std::string> keywords;
        for (size_t type : parser->getExpectedTokens().toList()) {
          std::string lit = parser->getVocabulary().getLiteralName(type);
          std::string sym = parser->getVocabulary().getSymbolicName(type);
          if (lit.empty() && !sym.empty() && std::all_of(sym.begin(), sym.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || c == '_'; }) &&
              sym != "IDENT" && sym != "QIDENT" && sym != "STRING" && sym != "NUMBER" && sym != "RAW" && sym != "NL") {
            std::string k = TokenTypeDisplay(sym);
            keywords.push_back(k.substr(1, k.size() - 2));
          }
        }
        d.hint = diag::DidYouMean(bad->getText(), keywords);
      }
    }
  }

  void SetFilter(const NewlineFilter* f) { filter_ = f; }
  void SetLastTextLine(uint32_t l) { last_text_line_ = l; }

 private:
  /// "~", "~*", "!~" or "!~*" starting at `bad`, or "".
  static auto RegexOperatorAt(Token* bad) -> std::string {
    if (bad->getText() != "~" && bad->getText() != "!") return "";
    antlr4::CharStream* input = bad->getInputStream();
    if (!input) return "";
    size_t at = bad->getStartIndex();
    if (at >= input->size()) return "";
    std::string ahead = input->getText(antlr4::misc::Interval(at, std::min(at + 2, input->size() - 1)));
    for (const char* op : {"!~*", "!~", "~*", "~"})
      if (ahead.rfind(op, 0) == 0) return op;
    return "";
  }

  diag::Engine& diags_;
  const source::SourceManager& sm_;
  source::FileId file_;
  size_t op_line_ = 0;
  uint32_t op_end_col_ = 0;
  size_t last_line_ = 0;
  bool gave_up_ = false;
  const NewlineFilter* filter_ = nullptr;
  uint32_t last_text_line_ = 0;
};

/// Turns the parse tree into the AST.
class Builder {
 public:
  /// `ascii`: the file's text when it is ASCII only, so that a token's
  /// code-point offsets are byte offsets into it (empty otherwise).
  Builder(source::FileId file, diag::Engine& diags, std::string_view ascii = {})
      : file_(file), diags_(diags), ascii_(ascii) {}

  /// A token's text, sliced from the source when the file is ASCII (ANTLR
  /// otherwise converts it from UTF-32 on every call); `storage` holds it
  /// when it is not.
  auto View(Token* t, std::string& storage) const -> std::string_view {
    size_t start = t->getStartIndex(), stop = t->getStopIndex();
    if (!ascii_.empty() && start <= stop && stop < ascii_.size()) return ascii_.substr(start, stop - start + 1);
    storage = t->getText();
    return storage;
  }
  auto TokenText(Token* t) const -> std::string {
    std::string storage;
    std::string_view v = View(t, storage);
    return storage.empty() ? std::string(v) : storage;
  }

  /// A rule's text as RuleContext::getText() gives it (its tokens' text, no
  /// whitespace). A rule of one token is that token's text, read without the
  /// string stream getText() builds on every call (names, numbers and type
  /// arguments are one token, and there are hundreds of thousands of them).
  auto Text(ParserRuleContext* ctx) const -> std::string {
    Token* start = ctx->getStart();
    if (start && start == ctx->getStop() && !ctx->exception) return TokenText(start);
    return ctx->getText();
  }

  auto Range(ParserRuleContext* ctx) const -> source::SourceRange {
    source::SourceRange r{file_, 0, 0, 0, 0};
    if (!ctx || !ctx->getStart()) return r;
    Token* start = ctx->getStart();
    Token* stop = ctx->getStop() ? ctx->getStop() : start;
    r.line = static_cast<uint32_t>(start->getLine());
    r.col = static_cast<uint32_t>(start->getCharPositionInLine() + 1);
    EndOf(stop, r);
    if (r.end_line < r.line || (r.end_line == r.line && r.end_col < r.col)) {
      r.end_line = r.line;
      r.end_col = r.col;
    }
    return r;
  }
  auto Range(TerminalNode* node) const -> source::SourceRange {
    source::SourceRange r{file_, 0, 0, 0, 0};
    if (!node) return r;
    Token* t = node->getSymbol();
    r.line = static_cast<uint32_t>(t->getLine());
    r.col = static_cast<uint32_t>(t->getCharPositionInLine() + 1);
    EndOf(t, r);
    return r;
  }

  auto BuildFile(P::UnitContext* unit) -> std::vector<ast::Decl> {
    std::vector<ast::Decl> out;
    CheckSeparated(unit);
    for (auto* item : unit->topItem()) BuildTop(item, out);
    return out;
  }

  /// Items of one list must be separated by an end of line or ';' (the
  /// grammar accepts `item item` so that recovery can resume at an item).
  void CheckSeparated(ParserRuleContext* list) {
    if (!list) return;
    ParserRuleContext* prev = nullptr;
    for (auto* child : list->children) {
      if (As<P::SepContext>(child)) {
        prev = nullptr;
        continue;
      }
      auto* item = dynamic_cast<ParserRuleContext*>(child);
      if (!item) continue;  // a token
      size_t rule = item->getRuleIndex();  // labelled alternatives answer their rule's index
      if (rule != P::RuleTopItem && rule != P::RuleTableItem && rule != P::RuleTargetItem) continue;
      if (prev && !prev->exception && !item->exception && item->getStart()) {
        source::SourceRange r = Range(item);
        r.end_line = r.line;
        r.end_col = r.col + static_cast<uint32_t>(CodePoints(item->getStart()->getText()));
        bool reported = std::any_of(diags_.all().begin(), diags_.all().end(), [&](const diag::Diagnostic& d) {
          return d.range.file == file_ && d.range.line == r.line;
        });
        if (!reported)
          diags_.Emit(diag::Kind::SyntaxError, r, "missing end of line or ';' before '" + item->getStart()->getText() + "'")
              .hint = "put each item on its own line, or separate items with ';'";
      }
      prev = item;
    }
  }

  auto BuildExpr(P::ExprContext* ctx) -> ast::Expr;

 private:
  void EndOf(Token* t, source::SourceRange& r) const {
    // Multi-line tokens (raw blocks) end on a later line.
    std::string storage;
    std::string_view text = View(t, storage);
    uint32_t line = static_cast<uint32_t>(t->getLine());
    uint32_t col = static_cast<uint32_t>(t->getCharPositionInLine() + 1);
    size_t nl = text.rfind('\n');
    if (nl == std::string::npos) {
      r.end_line = line;
      r.end_col = col + CodePoints(text);
    } else {
      r.end_line = line + static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
      r.end_col = 1 + CodePoints(text.substr(nl + 1));
    }
  }
  static auto CodePoints(std::string_view s) -> uint32_t {
    return static_cast<uint32_t>(source::utf8::CodePoints(s));
  }

  static auto Unquote(const std::string& s, char q) -> std::string {
    std::string out;
    if (s.size() < 2) return out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      out += s[i];
      if (s[i] == q && i + 2 < s.size() && s[i + 1] == q) ++i;
    }
    return out;
  }

  /// Strips the """ fence, a first and last blank line, and common indentation.
  static auto RawText(const std::string& token) -> std::string {
    std::string body = token.substr(3, token.size() >= 6 ? token.size() - 6 : 0);
    std::vector<std::string> lines;
    std::stringstream ss(body);
    for (std::string l; std::getline(ss, l);) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines.push_back(l);
    }
    if (!body.empty() && body.back() == '\n') lines.push_back("");
    auto blank = [](const std::string& l) { return l.find_first_not_of(" \t") == std::string::npos; };
    while (!lines.empty() && blank(lines.front())) lines.erase(lines.begin());
    while (!lines.empty() && blank(lines.back())) lines.pop_back();
    size_t indent = std::string::npos;
    for (const auto& l : lines)
      if (!blank(l)) indent = std::min(indent, l.find_first_not_of(" \t"));
    if (indent == std::string::npos) indent = 0;
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) out += '\n';
      if (!blank(lines[i])) out += lines[i].substr(std::min(indent, lines[i].size()));
    }
    return out;
  }

  auto String(TerminalNode* n) -> std::string { return n ? Unquote(TokenText(n->getSymbol()), '\'') : std::string(); }

  auto Ident(P::IdentContext* ctx) -> ast::Name {
    ast::Name n;
    if (!ctx) return n;
    n.range = Range(ctx);
    std::string t = Text(ctx);
    Token* start = ctx->getStart();
    bool quoted = start && start == ctx->getStop() ? start->getType() == SchemaLexer::QIDENT : ctx->QIDENT() != nullptr;
    if (quoted) {
      std::string bad_escape;
      n.text = syntax::UnquoteIdentifier(t, &bad_escape);
      n.quoted = true;
      if (!bad_escape.empty())
        diags_.Emit(diag::Kind::SyntaxError, n.range, "invalid Unicode escape '" + bad_escape + "' in U&\"...\" identifier").hint =
            "write \\XXXX or \\+XXXXXX with hex digits for a character, and \\\\ for a backslash";
    } else {
      n.text = t;
    }
    return n;
  }

  auto QName(P::QnameContext* ctx) -> ast::QName {
    ast::QName q;
    if (!ctx) return q;
    q.range = Range(ctx);
    auto ids = ctx->ident();
    if (ids.size() == 2) {
      q.schema = Ident(ids[0]);
      q.name = Ident(ids[1]);
    } else if (ids.size() == 1) {
      q.name = Ident(ids[0]);
    }
    return q;
  }

  auto Names(P::IdentListContext* ctx) -> std::vector<ast::Name> {
    std::vector<ast::Name> out;
    if (ctx)
      for (auto* id : ctx->ident()) out.push_back(Ident(id));
    return out;
  }

  /// `nested`: the item stands in a schema block.
  void BuildTop(P::TopItemContext* item, std::vector<ast::Decl>& out, bool nested = false) {
    if (auto* c = item->allowDecl()) {
      out.push_back({BuildAllow(c)});
    } else if (auto* c = item->lintBlock()) {
      // Severities are the project's, for the whole unit: a schema block
      // would suggest they apply to that schema only.
      if (nested) {
        diags_.Emit(diag::Kind::SyntaxError, Range(c->LINT()), "a 'lint' block stands at the top level of a file")
            .hint = "move it out of the schema block: its severities apply to the whole compilation";
        return;
      }
      out.push_back({BuildLintBlock(c)});
    } else if (auto* c = item->importDecl()) {
      ast::Import im;
      im.range = Range(c);
      if (c->STRING()) {
        im.path = String(c->STRING());
      } else if (auto* q = c->qname()) {
        // `import "dir/file.schema"` (a quoted name) is a file; `import std.x` a module.
        auto ids = q->ident();
        if (ids.size() == 1 && ids[0]->QIDENT()) {
          im.path = Ident(ids[0]).text;
        } else {
          im.is_module = true;
          im.path = q->getText();
        }
      }
      out.push_back({std::move(im)});
    } else if (auto* c = item->schemaDecl()) {
      ast::Schema s;
      s.range = Range(c);
      s.name = Ident(c->ident());
      CheckSeparated(c);
      for (auto* t : c->topItem()) BuildTop(t, s.decls, true);
      out.push_back({std::move(s)});
    } else if (auto* c = item->tableDecl()) {
      ast::Table t;
      t.is_extern = c->EXTERN() != nullptr;
      t.range = Range(c);
      t.name = QName(c->qname());
      BuildTableBody(c->tableBody(), t);
      out.push_back({std::move(t)});
    } else if (auto* c = item->mixinDecl()) {
      ast::Table t;
      t.is_mixin = true;
      t.range = Range(c);
      t.name.name = Ident(c->ident());
      t.name.range = t.name.name.range;
      BuildTableBody(c->tableBody(), t);
      out.push_back({std::move(t)});
    } else if (auto* c = item->enumDecl()) {
      ast::Enum e;
      e.range = Range(c);
      e.name = QName(c->qname());
      for (auto* v : c->enumValue()) {
        e.values.emplace_back(String(v->STRING(0)), Range(v->STRING(0)));
        if (v->RENAMED()) e.value_renamed_from.emplace_back(std::pair(String(v->STRING(1)), Range(v->STRING(1))));
        else e.value_renamed_from.emplace_back(std::nullopt);
      }
      for (auto* a : c->enumAttr())
        if (a->COMMENT()) e.comment = String(a->STRING());
        else if (a->RENAMED()) e.renamed_from = Ident(a->ident());
      out.push_back({std::move(e)});
    } else if (auto* c = item->sequenceDecl()) {
      ast::Sequence q;
      q.range = Range(c);
      q.name = QName(c->qname());
      if (c->ident()) q.type = Ident(c->ident());
      for (auto* o : c->identityOption()) {
        ast::IdentityOption opt;
        opt.key = Ident(o->ident());
        if (o->NUMBER()) opt.value = (o->MINUS() ? "-" : "") + o->NUMBER()->getText();
        opt.range = Range(o);
        q.options.push_back(std::move(opt));
      }
      for (auto* a : c->sequenceAttr()) {
        if (a->COMMENT()) q.comment = String(a->STRING());
        else
          for (auto* id : a->ident()) q.owned_by.push_back(Ident(id));
      }
      out.push_back({std::move(q)});
    } else if (auto* c = item->collationDecl()) {
      ast::Collation k;
      k.range = Range(c);
      k.name = QName(c->qname());
      for (auto* o : c->collationOption()) {
        ast::CollationOption opt;
        opt.key = Ident(o->ident(0));
        if (o->STRING()) {
          opt.value = String(o->STRING());
          opt.quoted = true;
        } else if (o->ident().size() > 1) {
          opt.value = Ident(o->ident(1)).text;
        } else if (o->TRUE()) {
          opt.value = "true";
        } else if (o->FALSE()) {
          opt.value = "false";
        }
        opt.range = Range(o);
        k.options.push_back(std::move(opt));
      }
      if (c->COMMENT()) k.comment = String(c->STRING());
      out.push_back({std::move(k)});
    } else if (auto* c = item->viewDecl()) {
      out.push_back({BuildView(c)});
    } else if (auto* c = item->pipeDecl()) {
      ast::Pipe p;
      p.range = Range(c);
      p.target = Lower(Text(c->targetName()));
      p.name = QName(c->qname());
      CheckSeparated(c);
      for (auto* t : c->targetItem()) p.items.push_back(BuildTargetItem(t));
      out.push_back({std::move(p)});
    } else if (auto* c = item->targetBlock()) {
      ast::TargetBlock b;
      b.range = Range(c);
      b.target = Lower(Text(c->targetName()));
      CheckSeparated(c);
      for (auto* t : c->targetItem()) b.items.push_back(BuildTargetItem(t));
      out.push_back({std::move(b)});
    } else if (auto* c = item->letDecl()) {
      ast::Let l;
      l.range = Range(c);
      l.name = Ident(c->ident());
      l.value = BuildExpr(c->expr());
      out.push_back({std::move(l)});
    } else if (auto* c = item->forDecl()) {
      ast::For f;
      f.range = Range(c);
      f.var = Ident(c->ident());
      f.iterable = BuildExpr(c->expr());
      CheckSeparated(c);
      for (auto* t : c->topItem()) BuildTop(t, f.body, nested);
      out.push_back({std::move(f)});
    }
  }

  static auto Lower(const std::string& s) -> std::string { return llvm::StringRef(s).lower(); }

  /// A rule's code or slug: its words joined by '-'. The words must touch:
  /// `drop - column` is no slug (the lexer knows no slugs, only names and '-').
  auto RuleName(P::RuleNameContext* c, source::SourceRange& range) -> std::string {
    if (!c || !c->getStart() || !c->getStop()) return {};
    range = Range(c);
    std::string text = c->getText();
    auto* in = c->getStart()->getInputStream();
    std::string written = in->getText(antlr4::misc::Interval(c->getStart()->getStartIndex(), c->getStop()->getStopIndex()));
    if (written != text)
      diags_.Emit(diag::Kind::SyntaxError, range, "'" + written + "' is not a rule name").hint =
          "write the rule's slug without spaces: " + text;
    return text;
  }

  /// `allow RULE [on NAME] ['reason']`, wherever it stands.
  template <typename Ctx>
  auto BuildAllow(Ctx* c) -> ast::Allow {
    ast::Allow a;
    a.range = Range(c);
    a.rule = RuleName(c->ruleName(), a.rule_range);
    if (c->ON() && c->qname()) a.on = QName(c->qname());
    if (c->STRING()) a.reason = String(c->STRING());
    return a;
  }

  auto BuildLintBlock(P::LintBlockContext* c) -> ast::LintBlock {
    ast::LintBlock b;
    b.range = Range(c);
    for (auto* item : c->lintItem()) {
      ast::SeverityItem s;
      s.range = Range(item);
      s.rule = RuleName(item->ruleName(), s.rule_range);
      if (item->ident()) s.level = Ident(item->ident());
      b.items.push_back(std::move(s));
    }
    return b;
  }

  auto BuildIndexKey(P::IndexKeyContext* k) -> ast::IndexKey {
    ast::IndexKey key;
    key.expr = BuildExpr(k->expr());
    if (k->COLLATE()) key.collation = Ident(k->ident());
    if (auto* oc = k->opclass()) {
      key.opclass = ast::Name{};
      key.opclass->range = Range(oc);
      key.opclass->quoted = oc->QIDENT() != nullptr;
      key.opclass->text = key.opclass->quoted ? syntax::UnquoteIdentifier(oc->getText()) : oc->getText();
    }
    key.desc = k->DESC() != nullptr;
    if (k->NULLS()) key.nulls_first = k->FIRST() != nullptr;
    return key;
  }

  /// `exclude [NAME] [using METHOD] (KEY with OP, ...) [where EXPR] [include (c, ...)] [with (...)] [deferrable ...]`
  auto BuildExclusion(P::ExcludeItemContext* c) -> ast::Constraint {
    ast::Constraint k;
    k.kind = ast::Constraint::Kind::Exclusion;
    k.range = Range(c);
    k.exclusion.range = Range(c);
    auto idents = c->ident();
    size_t next = 0;
    if (c->ident().size() == (c->USING() ? 2u : 1u)) k.name = Ident(idents[next++]);
    if (c->USING() && next < idents.size()) k.exclusion.method = Ident(idents[next]);
    for (auto* el : c->exclusionElement()) {
      if (!el->indexKey()) continue;  // cut short by a syntax error
      k.exclusion.keys.push_back(BuildIndexKey(el->indexKey()));
      ast::ExclusionOp op;
      op.range = Range(el->indexKey());
      if (auto* o = el->exclusionOp()) {
        op.range = Range(o);
        // The operator's tokens must touch: `& &` is no operator.
        std::string text;
        size_t last_stop = 0;
        bool touching = true, valid = true;
        for (auto* t : o->opToken()) {
          auto* tok = t->getStart();
          if (!text.empty() && tok->getStartIndex() != last_stop + 1) touching = false;
          last_stop = tok->getStopIndex();
          text += tok->getText();
        }
        for (char ch : text)
          if (std::string_view("+-*/<>=~!@#%^&|`?").find(ch) == std::string_view::npos) valid = false;
        if (!touching || !valid || text.empty()) {
          auto* in = o->getStart()->getInputStream();
          std::string shown = in->getText(antlr4::misc::Interval(o->getStart()->getStartIndex(), o->getStop()->getStopIndex()));
          diags_.Emit(diag::Kind::SyntaxError, op.range, "'" + shown + "' is not an operator").hint =
              "write the operator without spaces: (r with &&)";
        }
        if (o->ident()) text = Ident(o->ident()).text + "." + text;
        op.text = text;
      }
      k.operators.push_back(std::move(op));
    }
    for (auto* tail : c->exclusionTail()) {
      if (tail->WHERE()) k.exclusion.where = BuildExpr(tail->expr());
      if (tail->INCLUDE()) k.exclusion.include = Names(tail->identList());
      if (auto* d = tail->deferrable()) k.timing = Timing(d);
      for (auto* param : tail->storageParam()) {
        std::string value = param->STRING() ? String(param->STRING())
                            : param->NUMBER() ? (param->MINUS() ? "-" : "") + param->NUMBER()->getText()
                            : param->ident(1) ? Lower(Text(param->ident(1)))
                                              : std::string();  // recovered from a syntax error: reported already
        k.exclusion.storage.emplace_back(Lower(Ident(param->ident(0)).text), value);
      }
    }
    return k;
  }

  /// An index of a table or of a materialized view.
  template <typename Ctx>
  auto BuildIndex(Ctx* c) -> ast::Index {
    ast::Index ix;
    ix.range = Range(c);
    ix.unique = c->UNIQUE() != nullptr;
    if (c->ident()) ix.name = Ident(c->ident());
    for (auto* k : c->indexKey()) ix.keys.push_back(BuildIndexKey(k));
    for (auto* tail : c->indexTail()) {
      if (tail->WHERE()) ix.where = BuildExpr(tail->expr());
      if (tail->USING()) ix.method = Ident(tail->ident());
      if (tail->DISTINCT()) ix.nulls_not_distinct = true;
      if (tail->INCLUDE()) ix.include = Names(tail->identList());
      for (auto* param : tail->storageParam()) {
        std::string value = param->STRING() ? String(param->STRING())
                            : param->NUMBER() ? (param->MINUS() ? "-" : "") + param->NUMBER()->getText()
                            : param->ident(1) ? Lower(Text(param->ident(1)))
                                              : std::string();  // recovered from a syntax error: reported already
        ix.storage.emplace_back(Lower(Ident(param->ident(0)).text), value);
      }
    }
    return ix;
  }

  auto BuildView(P::ViewDeclContext* c) -> ast::View {
    ast::View v;
    v.range = Range(c);
    v.materialized = c->MATERIALIZED() != nullptr;
    v.name = QName(c->qname());
    auto* body = c->viewBody();
    v.body_range = Range(body);
    if (auto* raw = As<P::RawBodyContext>(body)) {
      v.body_kind = ast::View::BodyKind::Raw;
      v.body = RawText(raw->RAW()->getText());
    } else if (auto* str = As<P::StringBodyContext>(body)) {
      v.body_kind = ast::View::BodyKind::String;
      v.body = String(str->STRING());
    } else if (auto* u = As<P::UnionBodyContext>(body)) {
      v.body_kind = ast::View::BodyKind::Union;
      bool loops = false;
      for (auto* m : u->unionMember()) {
        v.union_of.push_back(QName(m->qname()));
        std::vector<ast::UnionLoop> member;
        for (auto* l : m->unionLoop()) member.push_back({Ident(l->ident()), BuildExpr(l->expr()), Range(l)});
        loops = loops || !member.empty();
        v.union_loops.push_back(std::move(member));
      }
      if (!loops) v.union_loops.clear();
    }
    for (auto* a : c->viewAttr()) {
      if (a->DEPENDS())
        for (auto* q : a->qname()) v.depends_on.push_back(QName(q));
      if (a->COMMENT()) v.comment = String(a->STRING());
    }
    if (auto* block = c->viewIndexes())
      for (auto* ix : block->viewIndex()) v.indexes.push_back(BuildIndex(ix));
    return v;
  }

  auto BuildReferences(P::ReferencesContext* c) -> ast::References {
    ast::References r;
    if (!c) return r;  // recovery after a syntax error can leave it out
    r.range = Range(c);
    r.table = QName(c->qname());
    r.columns = Names(c->identList());
    for (auto* o : c->refOption()) {
      if (auto* a = o->fkAction()) {
        if (!a->refAction()) continue;  // cut short by a syntax error
        std::string action = Lower(a->refAction()->getText());
        if (action == "setnull") action = "set null";
        else if (action == "setdefault") action = "set default";
        else if (action == "noaction") action = "no action";
        (a->DELETE() ? r.on_delete : r.on_update) = action;
      } else if (o->MATCH()) {
        r.match_full = o->FULL() != nullptr;
      } else if (auto* d = o->deferrable()) {
        r.timing = Timing(d);
      }
    }
    return r;
  }

  static auto Timing(P::DeferrableContext* d) -> ast::Deferrable {
    ast::Deferrable t;
    if (!d) return t;
    t.deferrable = true;
    t.initially_deferred = d->DEFERRED() != nullptr;
    return t;
  }

  /// `nulls not distinct` and `deferrable ...` after `unique`.
  static void UniqueAttrs(const std::vector<P::UniqueAttrContext*>& attrs, bool& nulls_not_distinct, ast::Deferrable& timing) {
    for (auto* a : attrs) {
      if (a->DISTINCT()) nulls_not_distinct = true;
      if (auto* d = a->deferrable()) timing = Timing(d);
    }
  }

  void BuildTableBody(P::TableBodyContext* body, ast::Table& t) {
    if (!body) return;
    CheckSeparated(body);
    const auto items = Rules<P::TableItemContext>(body);
    // Exactly as many as written: a column is over 1 KB, and doubling growth
    // left a third of the AST's memory unused on 10,000 tables.
    t.items.reserve(t.items.size() + items.size());
    for (auto* item : items) {
      if (auto* c = As<P::IncludeItemContext>(item)) {
        t.items.emplace_back(ast::Include{QName(c->qname()), Range(c)});
      } else if (auto* c = As<P::PrimaryKeyItemContext>(item)) {
        ast::Constraint k;
        k.kind = ast::Constraint::Kind::PrimaryKey;
        if (c->ident()) k.name = Ident(c->ident());
        k.columns = Names(c->identList());
        k.timing = Timing(c->deferrable());
        k.range = Range(c);
        t.items.emplace_back(std::move(k));
      } else if (auto* c = As<P::IndexItemContext>(item)) {
        t.items.emplace_back(BuildIndex(c));
      } else if (auto* c = As<P::UniqueItemContext>(item)) {
        ast::Constraint k;
        k.kind = ast::Constraint::Kind::Unique;
        if (c->ident()) k.name = Ident(c->ident());
        k.columns = Names(c->identList());
        UniqueAttrs(c->uniqueAttr(), k.nulls_not_distinct, k.timing);
        k.range = Range(c);
        t.items.emplace_back(std::move(k));
      } else if (auto* c = As<P::ForeignKeyItemContext>(item)) {
        ast::Constraint k;
        k.kind = ast::Constraint::Kind::ForeignKey;
        if (c->ident()) k.name = Ident(c->ident());
        k.columns = Names(c->identList());
        k.references = BuildReferences(c->references());
        k.not_valid = c->VALID() != nullptr;
        k.range = Range(c);
        t.items.emplace_back(std::move(k));
      } else if (auto* c = As<P::CheckItemContext>(item)) {
        ast::Constraint k;
        k.kind = ast::Constraint::Kind::Check;
        if (c->ident()) k.name = Ident(c->ident());
        k.check = BuildExpr(c->expr());
        k.not_valid = c->VALID() != nullptr;
        k.no_inherit = c->INHERIT() != nullptr;
        k.range = Range(c);
        t.items.emplace_back(std::move(k));
      } else if (auto* c = As<P::ExcludeItemContext>(item)) {
        t.items.emplace_back(BuildExclusion(c));
      } else if (auto* c = As<P::CommentItemContext>(item)) {
        t.items.emplace_back(ast::TableComment{String(c->STRING()), Range(c)});
      } else if (auto* c = As<P::RenamedItemContext>(item)) {
        t.items.emplace_back(ast::RenamedFrom{Ident(c->ident()), Range(c)});
      } else if (auto* c = As<P::TargetItemBlockContext>(item)) {
        ast::TargetBlock b;
        b.range = Range(c);
        b.target = Lower(Text(c->targetName()));
        CheckSeparated(c);
        for (auto* ti : c->targetItem()) b.items.push_back(BuildTargetItem(ti));
        t.items.emplace_back(std::move(b));
      } else if (auto* c = As<P::AllowItemContext>(item)) {
        t.items.emplace_back(BuildAllow(c));
      } else if (auto* c = As<P::ColumnItemContext>(item)) {
        t.items.emplace_back(BuildColumn(c));
      }
    }
  }

  auto BuildColumn(P::ColumnItemContext* c) -> ast::Column {
    ast::Column col;
    col.range = Range(c);
    col.name = Ident(RuleAt<P::IdentContext>(c));
    col.type = BuildType(RuleAt<P::TypeRefContext>(c));
    for (auto* a : Rules<P::ColumnAttrContext>(c)) {
      if (As<P::NotNullAttrContext>(a)) {
        col.not_null = true;
        col.null_range = Range(a);
      } else if (As<P::NullAttrContext>(a)) {
        col.not_null = false;
        col.null_range = Range(a);
      } else if (auto* d = As<P::DefaultAttrContext>(a)) {
        col.default_value = BuildExpr(d->expr());
      } else if (auto* pk = As<P::PrimaryKeyAttrContext>(a)) {
        col.primary_key = true;
        col.primary_key_timing = Timing(pk->deferrable());
        col.primary_key_range = Range(a);
      } else if (auto* u = As<P::UniqueColumnAttrContext>(a)) {
        col.unique = true;
        UniqueAttrs(u->uniqueAttr(), col.unique_nulls_not_distinct, col.unique_timing);
        col.unique_range = Range(a);
      } else if (auto* r = As<P::ReferencesAttrContext>(a)) {
        col.references = BuildReferences(r->references());
      } else if (auto* k = As<P::CheckAttrContext>(a)) {
        col.checks.push_back(BuildExpr(k->expr()));
      } else if (auto* id = As<P::IdentityAttrContext>(a)) {
        col.identity = true;
        col.identity_always = id->ALWAYS() != nullptr;
        col.identity_range = Range(a);
        for (auto* o : id->identityOption()) {
          ast::IdentityOption opt;
          opt.key = Ident(o->ident());
          if (o->NUMBER()) opt.value = (o->MINUS() ? "-" : "") + o->NUMBER()->getText();
          opt.range = Range(o);
          col.identity_options.push_back(std::move(opt));
        }
      } else if (auto* g = As<P::GeneratedAttrContext>(a)) {
        col.generated = BuildExpr(g->expr());
        col.stored = g->STORED() != nullptr;
      } else if (auto* m = As<P::CommentAttrContext>(a)) {
        col.comment = String(m->STRING());
      } else if (auto* rn = As<P::RenamedAttrContext>(a)) {
        col.renamed_from = Ident(rn->ident());
      } else if (auto* co = As<P::CollateAttrContext>(a)) {
        col.collation = Ident(co->ident());
      } else if (auto* tb = As<P::ColumnTargetAttrContext>(a)) {
        ast::TargetBlock b;
        b.range = Range(tb);
        b.target = Lower(Text(tb->targetName()));
        CheckSeparated(tb);
        for (auto* ti : tb->targetItem()) b.items.push_back(BuildTargetItem(ti));
        col.targets.push_back(std::move(b));
      } else if (auto* al = As<P::AllowAttrContext>(a)) {
        col.allows.push_back(BuildAllow(al));
      }
    }
    return col;
  }

  auto BuildTargetItem(P::TargetItemContext* c) -> ast::TargetItem {
    ast::TargetItem t;
    t.range = Range(c);
    using K = ast::TargetItem::Kind;
    if (auto* x = As<P::PartitionOptionContext>(c)) {
      t.kind = K::Partition;
      if (x->ident()) t.key = Ident(x->ident());
      for (auto* e : x->expr()) t.exprs.push_back(BuildExpr(e));
    } else if (auto* x = As<P::PartitionOfOptionContext>(c)) {
      t.kind = K::PartitionOf;
      t.into = QName(x->qname());
      BuildPartitionBound(x->partitionBound(), t);
    } else if (auto* x = As<P::ClusterOptionContext>(c)) {
      t.kind = K::Cluster;
      for (auto* e : x->expr()) t.exprs.push_back(BuildExpr(e));
    } else if (auto* x = As<P::PrimaryIndexOptionContext>(c)) {
      t.kind = K::PrimaryIndex;
      t.names = Names(x->identList());
    } else if (auto* x = As<P::WatermarkOptionContext>(c)) {
      t.kind = K::Watermark;
      t.key = Ident(x->ident());
      t.exprs.push_back(BuildExpr(x->expr()));
    } else if (auto* x = As<P::WithOptionContext>(c)) {
      t.kind = K::With;
      auto strs = x->STRING();
      for (size_t i = 0; i + 1 < strs.size(); i += 2) t.options.emplace_back(String(strs[i]), String(strs[i + 1]));
    } else if (auto* x = As<P::TypeOptionContext>(c)) {
      t.kind = K::Type;
      t.type = BuildType(x->typeRef());
    } else if (auto* x = As<P::IntoOptionContext>(c)) {
      t.kind = K::Into;
      t.into = QName(x->qname());
    } else if (auto* x = As<P::FromOptionContext>(c)) {
      t.kind = K::From;
      t.value = String(x->STRING());
      t.value_is_string = true;
    } else if (auto* x = As<P::MetadataOptionContext>(c)) {
      t.kind = K::Metadata;
      auto words = x->ident();
      t.key = Ident(words[0]);
      if (x->STRING()) {
        t.value = String(x->STRING());
        t.value_is_string = true;
      }
      if (words.size() > 1) t.names.push_back(Ident(words[1]));
    } else if (auto* x = As<P::FlagOptionContext>(c)) {
      t.kind = K::Flag;
      t.key = Ident(x->ident());
      if (x->identList()) t.names = Names(x->identList());
      if (auto* v = x->optionValue()) {
        if (v->STRING()) {
          t.value = String(v->STRING());
          t.value_is_string = true;
        } else {
          t.value = v->getText();
        }
      }
    }
    return t;
  }

  void BuildPartitionBound(P::PartitionBoundContext* c, ast::TargetItem& t) {
    if (auto* r = As<P::RangeBoundContext>(c)) {
      t.bound = "from";
      // FROM (e, ...) TO (e, ...): the first group ends at the first ')'.
      size_t from_count = 0;
      for (auto* child : r->children) {
        if (auto* tok = dynamic_cast<TerminalNode*>(child); tok && tok->getSymbol()->getType() == SchemaLexer::TO) break;
        if (dynamic_cast<P::ExprContext*>(child)) ++from_count;
      }
      auto exprs = r->expr();
      for (size_t i = 0; i < exprs.size(); ++i) (i < from_count ? t.exprs : t.to).push_back(BuildExpr(exprs[i]));
    } else if (auto* l = As<P::ListBoundContext>(c)) {
      t.bound = "in";
      for (auto* e : l->expr()) t.exprs.push_back(BuildExpr(e));
    } else if (auto* h = As<P::HashBoundContext>(c)) {
      t.bound = "with";
      auto names = h->ident();
      auto numbers = h->NUMBER();
      for (size_t i = 0; i < names.size() && i < numbers.size(); ++i)
        t.options.emplace_back(Ident(names[i]).text, numbers[i]->getText());
    } else if (c) {
      t.bound = "default";
    }
  }

  auto BuildType(P::TypeRefContext* c) -> ast::TypeRef {
    ast::TypeRef t;
    if (!c) return t;
    t.range = Range(c);
    auto dims = [&](const std::vector<P::ArraySuffixContext*>& s) { t.array_dims = static_cast<int>(s.size()); };
    if (auto* a = As<P::ArrayTypeContext>(c)) {
      t.kind = ast::TypeRef::Kind::Array;
      t.elems.push_back(BuildType(a->typeRef()));
      dims(a->arraySuffix());
    } else if (auto* m = As<P::MapTypeContext>(c)) {
      t.kind = ast::TypeRef::Kind::Map;
      for (auto* e : m->typeRef()) t.elems.push_back(BuildType(e));
      dims(m->arraySuffix());
    } else if (auto* r = As<P::RowTypeContext>(c)) {
      t.kind = ast::TypeRef::Kind::Row;
      for (auto* f : r->rowField()) {
        t.fields.push_back(Ident(f->ident()));
        t.elems.push_back(BuildType(f->typeRef()));
      }
      dims(r->arraySuffix());
    } else if (auto* g = As<P::GenericTypeContext>(c)) {
      t.kind = ast::TypeRef::Kind::Generic;
      ast::Name nm = Ident(g->ident());
      t.quoted = nm.quoted;
      t.name = nm.quoted ? nm.text : Lower(nm.text);
      for (auto* e : g->typeRef()) t.elems.push_back(BuildType(e));
      dims(g->arraySuffix());
    } else if (auto* n = As<P::NamedTypeContext>(c)) {
      t.kind = ast::TypeRef::Kind::Named;
      auto* tn = RuleAt<P::TypeNameContext>(n);
      auto ids = Rules<P::IdentContext>(tn);
      if (ids.size() == 2) {  // schema.type
        ast::Name s = Ident(ids[0]), nm = Ident(ids[1]);
        t.schema = s.quoted ? s.text : Lower(s.text);
        t.name = nm.quoted ? nm.text : Lower(nm.text);
        t.quoted = nm.quoted;
      } else {
        ast::Name nm = Ident(ids[0]);
        t.quoted = nm.quoted;
        t.name = nm.quoted ? nm.text : Lower(nm.text);
        if (TokenAt(tn, SchemaLexer::PRECISION)) t.name += " precision";
        if (TokenAt(tn, SchemaLexer::VARYING)) t.name += " varying";
      }
      for (auto* a : Rules<P::TypeArgContext>(n)) {
        try {
          t.args.push_back(std::stoll(Text(a)));
        } catch (...) {
          t.args.push_back(-1);
        }
      }
      if (auto* tz = RuleAt<P::TimeZoneContext>(n)) t.with_time_zone = TokenAt(tz, SchemaLexer::WITH) != nullptr;
      dims(Rules<P::ArraySuffixContext>(n));
    }
    return t;
  }

  auto BuildPrimary(P::PrimaryContext* c) -> ast::Expr;

  /// The (possibly qualified) name of a call or a column reference.
  void SetName(ast::Expr& e, P::FuncNameContext* name) {
    auto ids = name->funcIdent();
    auto text = [this](P::FuncIdentContext* id) { return id->QIDENT() ? syntax::UnquoteIdentifier(Text(id)) : Text(id); };
    e.text = text(ids.back());
    e.quoted = ids.back()->QIDENT() != nullptr;
    if (ids.size() == 2) {
      e.qualifier = text(ids[0]);
      e.qualifier_quoted = ids[0]->QIDENT() != nullptr;
    }
  }

  source::FileId file_;
  diag::Engine& diags_;
  std::string_view ascii_;
};

auto Builder::BuildExpr(P::ExprContext* c) -> ast::Expr {
  using K = ast::Expr::Kind;
  ast::Expr e;
  if (!c) return e;
  e.range = Range(c);
  auto bin = [&](const std::string& op, P::ExprContext* l, P::ExprContext* r) {
    e.kind = K::Binary;
    e.op = op;
    e.args.push_back(BuildExpr(l));
    e.args.push_back(BuildExpr(r));
  };
  if (auto* x = As<P::PrimaryExprContext>(c)) {
    auto r = BuildPrimary(x->primary());
    return r;
  } else if (auto* x = As<P::CastOpExprContext>(c)) {
    e.kind = K::Cast;
    e.op = "::";
    e.args.push_back(BuildExpr(x->expr()));
    e.type.push_back(BuildType(x->typeRef()));
  } else if (auto* x = As<P::UnaryExprContext>(c)) {
    e.kind = K::Unary;
    e.op = x->MINUS() ? "-" : "+";
    e.args.push_back(BuildExpr(x->expr()));
  } else if (auto* x = As<P::NotExprContext>(c)) {
    e.kind = K::Unary;
    e.op = "not";
    e.args.push_back(BuildExpr(x->expr()));
  } else if (auto* x = As<P::MulExprContext>(c)) {
    bin(x->STAR() ? "*" : x->SLASH() ? "/" : "%", x->expr(0), x->expr(1));
  } else if (auto* x = As<P::AddExprContext>(c)) {
    bin(x->PLUS() ? "+" : "-", x->expr(0), x->expr(1));
  } else if (auto* x = As<P::ConcatExprContext>(c)) {
    bin("||", x->expr(0), x->expr(1));
  } else if (auto* x = As<P::CompareExprContext>(c)) {
    std::string op = x->children.size() > 1 ? x->children[1]->getText() : "=";
    if (op == "!=") op = "<>";
    bin(op, x->expr(0), x->expr(1));
  } else if (auto* x = As<P::AndExprContext>(c)) {
    bin("and", x->expr(0), x->expr(1));
  } else if (auto* x = As<P::OrExprContext>(c)) {
    bin("or", x->expr(0), x->expr(1));
  } else if (auto* x = As<P::RangeExprContext>(c)) {
    bin("..", x->expr(0), x->expr(1));
  } else if (auto* x = As<P::IsNullExprContext>(c)) {
    e.kind = K::IsNull;
    e.negated = x->NOT() != nullptr;
    e.args.push_back(BuildExpr(x->expr()));
  } else if (auto* x = As<P::IsBoolExprContext>(c)) {
    e.kind = K::IsBool;
    e.negated = x->NOT() != nullptr;
    e.op = x->TRUE() ? "true" : "false";
    e.args.push_back(BuildExpr(x->expr()));
  } else if (auto* x = As<P::InExprContext>(c)) {
    e.kind = K::In;
    e.negated = x->NOT() != nullptr;
    for (auto* a : x->expr()) e.args.push_back(BuildExpr(a));
  } else if (auto* x = As<P::BetweenExprContext>(c)) {
    e.kind = K::Between;
    e.negated = x->NOT() != nullptr;
    for (auto* a : x->expr()) e.args.push_back(BuildExpr(a));
    // The grammar lets the lower bound swallow `and`: `x between 1 and 5 and y`
    // arrives as `x between (1 and 5) and y`. Re-associate as SQL reads it:
    // `(x between 1 and 5) and y`.
    if (e.args.size() == 3 && e.args[1].kind == K::Binary && e.args[1].op == "and" && !e.args[1].parenthesized) {
      std::vector<ast::Expr> chain;  // the lower bound's and-operands, left to right
      std::function<void(ast::Expr&)> flatten = [&](ast::Expr& n) {
        if (n.kind == K::Binary && n.op == "and" && !n.parenthesized) {
          flatten(n.args[0]);
          flatten(n.args[1]);
        } else {
          chain.push_back(std::move(n));
        }
      };
      ast::Expr lower = std::move(e.args[1]);
      ast::Expr upper = std::move(e.args[2]);
      flatten(lower);
      ast::Expr between;
      between.kind = K::Between;
      between.negated = e.negated;
      between.range = e.range;
      between.args.push_back(std::move(e.args[0]));
      between.args.push_back(std::move(chain[0]));
      between.args.push_back(std::move(chain[1]));
      ast::Expr result = std::move(between);
      chain.push_back(std::move(upper));
      for (size_t i = 2; i < chain.size(); ++i) {
        ast::Expr conj;
        conj.kind = K::Binary;
        conj.op = "and";
        conj.range = e.range;
        conj.args.push_back(std::move(result));
        conj.args.push_back(std::move(chain[i]));
        result = std::move(conj);
      }
      return result;
    }
  } else if (auto* x = As<P::LikeExprContext>(c)) {
    e.kind = K::Like;
    e.negated = x->NOT() != nullptr;
    e.op = x->ILIKE() ? "ilike" : "like";
    e.args.push_back(BuildExpr(x->expr(0)));
    e.args.push_back(BuildExpr(x->expr(1)));
  }
  return e;
}

auto Builder::BuildPrimary(P::PrimaryContext* c) -> ast::Expr {
  using K = ast::Expr::Kind;
  ast::Expr e;
  if (!c) return e;
  e.range = Range(c);
  if (auto* x = As<P::NumberLitContext>(c)) {
    e.kind = K::Number;
    e.text = Text(x);
  } else if (auto* x = As<P::StringLitContext>(c)) {
    e.kind = K::String;
    e.text = String(x->STRING());
  } else if (auto* x = As<P::BoolLitContext>(c)) {
    e.kind = K::Bool;
    e.text = x->TRUE() ? "true" : "false";
  } else if (As<P::NullLitContext>(c)) {
    e.kind = K::Null;
  } else if (auto* x = As<P::IntervalLitContext>(c)) {
    e.kind = K::Interval;
    e.text = String(x->STRING());
    if (x->ident()) e.op = Lower(Text(x->ident()));
  } else if (auto* x = As<P::CaseExprContext>(c)) {
    e.kind = K::Case;
    // CASE expr? (WHEN expr THEN expr)+ (ELSE expr)? END: the subject is the
    // first expr when it stands before the first WHEN.
    auto exprs = x->expr();
    auto whens = x->caseWhen();
    size_t idx = 0;
    if (!exprs.empty() && (whens.empty() || exprs[0]->getStart()->getTokenIndex() < whens[0]->getStart()->getTokenIndex())) {
      e.has_subject = true;
      e.args.push_back(BuildExpr(exprs[idx++]));
    }
    for (auto* w : whens) {
      e.args.push_back(BuildExpr(w->expr(0)));
      e.args.push_back(BuildExpr(w->expr(1)));
    }
    if (idx < exprs.size()) {
      e.has_else = true;
      e.args.push_back(BuildExpr(exprs[idx]));
    }
  } else if (auto* x = As<P::CastExprContext>(c)) {
    e.kind = K::Cast;
    e.op = "cast";
    e.args.push_back(BuildExpr(x->expr()));
    e.type.push_back(BuildType(x->typeRef()));
  } else if (auto* x = As<P::CallExprContext>(c)) {
    e.kind = K::Call;
    SetName(e, x->funcName());
    if (x->STAR()) {
      ast::Expr star;
      star.kind = K::Star;
      star.range = Range(x->STAR());
      e.args.push_back(star);
    }
    for (auto* a : x->expr()) e.args.push_back(BuildExpr(a));
  } else if (auto* x = As<P::ListExprContext>(c)) {
    e.kind = K::List;
    for (auto* a : x->expr()) e.args.push_back(BuildExpr(a));
  } else if (auto* x = As<P::RecordExprContext>(c)) {
    e.kind = K::Record;
    for (auto* f : x->recordField()) {
      e.fields.push_back(Lower(Ident(f->ident()).text));
      e.args.push_back(BuildExpr(f->expr()));
    }
  } else if (auto* x = As<P::ArrayExprContext>(c)) {
    e.kind = K::List;
    e.op = "array";
    for (auto* a : x->expr()) e.args.push_back(BuildExpr(a));
  } else if (auto* x = As<P::NameExprContext>(c)) {
    e.kind = K::Column;
    SetName(e, x->funcName());
  } else if (auto* x = As<P::ParenExprContext>(c)) {
    ast::Expr inner = BuildExpr(x->expr());
    inner.parenthesized = true;
    inner.range = e.range;
    return inner;
  }
  return e;
}

template <typename Entry>
auto RunParser(source::FileId id, const source::SourceManager& sm, diag::Engine& diags,
               std::vector<ast::Comment>& comments, Entry entry) {
  const std::string& text = sm.Get(id).text;
  using Result = decltype(entry(std::declval<SchemaParser&>(), std::declval<Builder&>()));
  if (auto bad = source::utf8::FirstInvalid(text)) {
    diags.Emit(diag::Kind::SyntaxError, source::SourceRange{id, bad->first, bad->second, bad->first, bad->second + 1},
               "file is not valid UTF-8").hint = "save the file as UTF-8";
    return Result{};
  }
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  try {
    input = std::make_unique<antlr4::ANTLRInputStream>(text);
  } catch (const std::exception&) {
    diags.Emit(diag::Kind::SyntaxError, source::SourceRange{id, 1, 1, 1, 1}, "file is not valid UTF-8");
    return Result{};
  }
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  uint32_t last_text_line = 0;
  for (uint32_t l = static_cast<uint32_t>(sm.Get(id).line_starts.size()); l > 0 && !last_text_line; --l)
    if (sm.Line(id, l).find_first_not_of(" \t\r") != std::string::npos) last_text_line = l;
  // Two stages, as ANTLR's authors advise: the fast SLL prediction, which
  // gives up at the first error, and only when it gives up (a syntax error,
  // or a rare input SLL cannot decide) the full LL parse with error
  // recovery, whose diagnostics are the ones reported.
  auto attempt = [&](bool fast, diag::Engine& sink, std::vector<ast::Comment>& notes) -> std::optional<Result> {
    input->reset();
    SchemaLexer lexer(input.get());
    ErrorListener listener(sink, sm, id);
    listener.SetLastTextLine(last_text_line);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    NewlineFilter filter(lexer, notes, id);
    listener.SetFilter(&filter);
    antlr4::CommonTokenStream tokens(&filter);
    SchemaParser parser(&tokens);
    parser.removeErrorListeners();
    Builder builder(id, sink, ascii ? std::string_view(text) : std::string_view());
    if (!fast) {
      parser.addErrorListener(&listener);
      parser.setErrorHandler(std::make_shared<Recovery>());
      return entry(parser, builder);
    }
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      Result r = entry(parser, builder);
      if (sink.has_errors()) return std::nullopt;  // e.g. an invalid character: reported by the full parse
      return r;
    } catch (const antlr4::ParseCancellationException&) {
      return std::nullopt;
    }
  };
  diag::Engine fast_diags(sm);
  std::vector<ast::Comment> fast_comments;
  if (auto r = attempt(true, fast_diags, fast_comments)) {
    for (const auto& d : fast_diags.all()) diags.Add(d);
    comments.insert(comments.end(), fast_comments.begin(), fast_comments.end());
    return std::move(*r);
  }
  return *attempt(false, diags, comments);
}

}  // namespace

auto Parse(source::FileId id, const source::SourceManager& sm, diag::Engine& diags) -> ast::File {
  ast::File file;
  file.id = id;
  file.decls = RunParser(id, sm, diags, file.comments, [](SchemaParser& p, Builder& b) {
    auto* unit = p.unit();
    return b.BuildFile(unit);
  });
  return file;
}

auto ParseExpr(source::FileId id, const source::SourceManager& sm, diag::Engine& diags) -> std::optional<ast::Expr> {
  std::vector<ast::Comment> comments;
  size_t before = diags.errors();
  auto e = RunParser(id, sm, diags, comments, [](SchemaParser& p, Builder& b) -> std::optional<ast::Expr> {
    auto* ctx = p.expr();
    return b.BuildExpr(ctx);
  });
  if (diags.errors() != before) return std::nullopt;
  return e;
}

}  // namespace schemac::syntax
