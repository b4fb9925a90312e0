// The Snowflake backend object: the differ's questions answered the way
// Snowflake's ALTER TABLE allows (docs/backends/snowflake.md has the table).
#include "backends/snowflake/backend.h"

#include <algorithm>

#include "backends/snowflake/snowflake.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::snowflake {
namespace {

/// A type change ALTER COLUMN ... SET DATA TYPE makes in place: a longer
/// VARCHAR, or a NUMBER with more precision and the same scale.
auto WidensInPlace(const std::string& from, const std::string& to) -> bool {
  if (from == to) return true;
  long a = 0, b = 0;
  if (ParseVarchar(from, a) && ParseVarchar(to, b)) return b > a;
  int p = 0, s = 0, q = 0, t = 0;
  if (ParseNumber(from, p, s) && ParseNumber(to, q, t)) return s == t && q > p;
  return false;
}

class SnowflakeBackend final : public target::Backend {
 public:
  auto Name() const -> std::string_view override { return "snowflake"; }
  auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> override {
    return snowflake::Lower(realm, diags);
  }
  auto IsBuiltinSchema(const std::string& name) const -> bool override { return name == kDefaultSchema; }
  auto SameExpression(const std::string& a, const std::string& b) const -> bool override {
    return a == b || NormalizeExpr(a) == NormalizeExpr(b);
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    return snowflake::ExpressionNames(expr);
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    std::string out;
    size_t at = 0;
    for (const auto& t : target::ScanSql(expr)) {
      bool name = (t.kind == target::SqlToken::Kind::Name && UpperAscii(t.text) == from) ||
                  (t.kind == target::SqlToken::Kind::QuotedName && t.text == from);
      if (!name) continue;
      out.append(expr, at, t.offset - at);
      out += QuoteIdent(to);
      at = t.offset + t.length;
    }
    return out + expr.substr(at);
  }
  auto KeepsValues(const std::string& from, const std::string& to) const -> bool override {
    return WidensInPlace(from, to);
  }
  /// A NUMBER keeps every value when neither its digits before the point
  /// nor its scale shrink (NUMBER(12,2) -> NUMBER(14,4), a rebuild, cuts
  /// nothing); a VARCHAR when it does not get shorter.
  auto Narrows(const std::string& from, const std::string& to) const -> bool override {
    long a = 0, b = 0;
    if (ParseVarchar(from, a) && ParseVarchar(to, b)) return b < a;
    int p = 0, s = 0, q = 0, t = 0;
    if (ParseNumber(from, p, s) && ParseNumber(to, q, t)) return q - t < p - s || t < s;
    return !WidensInPlace(from, to);
  }
  auto IdentifierLimit() const -> size_t override { return kMaxIdentifierBytes; }

  auto DecideColumn(const target::ColumnChange& c) const -> target::Decision override {
    using target::Strategy;
    using diff::ChangeKind;
    const catalog::Column &old = c.old_column, &now = c.new_column;
    auto rebuild = [&](const std::string& why) {
      return target::Decision{Strategy::RebuildTable, why, "", std::nullopt};
    };
    if (Is(c.kind, ChangeKind::Type) && !WidensInPlace(old.type, now.type))
      return rebuild("column " + now.name + " changes type from " + old.type + " to " + now.type +
                     ", which snowflake cannot alter in place");
    if (Is(c.kind, ChangeKind::Default) && now.default_expr)
      return rebuild("column " + now.name + (old.default_expr ? " changes its default" : " gets a default") +
                     ", which snowflake cannot set in place");
    if (Is(c.kind, ChangeKind::Identity | ChangeKind::IdentityOptions))
      return rebuild("column " + now.name + " changes its AUTOINCREMENT, which snowflake cannot alter in place");
    if (Is(c.kind, ChangeKind::Collation)) return rebuild("column " + now.name + " changes its collation");
    return {};
  }
  auto Invalidated(const catalog::Column&, const catalog::Column&) const -> target::Invalidates override {
    return {};  // no checks, no indexes: nothing over a column to make again
  }
  auto DecideTable(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to) const
      -> target::Decision override {
    std::string table = name.schema + "." + name.name;
    if (from.partition_of.has_value() != to.partition_of.has_value() || from.watermark != to.watermark)
      return {target::Strategy::Unsupported, "table '" + table + "' changes partitioning or watermark, which snowflake tables do not have",
              "remove them from the snapshot", std::nullopt};
    if (from.kind != to.kind)
      return {target::Strategy::RebuildTable,
              "table " + table + (to.kind == "transient" ? " becomes transient" : " stops being transient") +
                  ", which snowflake cannot change in place",
              "", std::nullopt};
    return {};  // cluster by, change tracking, retention: ALTER TABLE
  }
  auto DecideEnum(const target::EnumChange&) const -> std::vector<target::Decision> override { return {}; }
  auto ForeignKeysPinKeys() const -> bool override { return false; }  // not enforced
  auto Enforces(const catalog::Constraint& k) const -> bool override {
    // Snowflake records primary, unique and foreign keys and enforces none
    // (only NOT NULL); Lower keeps no other kind.
    return k.kind != catalog::Constraint::Kind::PrimaryKey && k.kind != catalog::Constraint::Kind::Unique &&
           k.kind != catalog::Constraint::Kind::ForeignKey;
  }
  auto UsesSequence(const std::string&, const catalog::ObjectName&) const -> bool override { return false; }
  auto RenameTypeInExpression(const std::string& expr, const catalog::ObjectName&, const catalog::ObjectName&) const
      -> std::string override {
    return expr;
  }
  auto SelectsAll(const catalog::View& view) const -> bool override {
    const std::string& body = view.source.empty() ? view.definition : view.source;
    auto tokens = target::ScanSql(body);
    for (size_t i = 1; i < tokens.size(); ++i)
      if (tokens[i].kind == target::SqlToken::Kind::Symbol && tokens[i].text == "*") {
        const auto& p = tokens[i - 1];
        if ((p.kind == target::SqlToken::Kind::Name && UpperAscii(p.text) == "SELECT") || p.text == "," || p.text == ".")
          return true;
      }
    return false;
  }
  auto CostOf(const diff::Change& change, const plan::Plan&, const catalog::Catalog&, const catalog::Catalog&) const
      -> target::Cost override {
    target::Cost cost;
    if (std::holds_alternative<diff::RebuildTable>(change.op)) {
      cost.rewrites = true;  // no lock is held, so RB101 reports it, not the lock rules
      cost.why = "every row is copied into a new table; rows written to the old one between the copy and the swap are lost";
      cost.hint = "stop the writers (pause the pipes loading the table) until the swap is done";
    }
    return cost;
  }
  auto TransactionRules() const -> target::Transactions override { return {.ddl = false, .before = nullptr}; }
  auto UserTypeName(const catalog::ObjectName&) const -> std::string override { return kVarcharMax; }
  auto SpellRenamedType(const std::string& spelled, const catalog::ObjectName&) const -> std::string override {
    return spelled;
  }
  auto ImplicitRelations(const catalog::Table&) const -> std::vector<std::string> override { return {}; }
  auto Emit(const plan::Plan& plan, diag::Engine& diags) const -> std::optional<target::Script> override {
    return snowflake::Emit(plan, diags);
  }
  auto ImportCatalog(const std::string& text, std::string& error) const -> std::optional<catalog::Catalog> override {
    return Import(text, error);
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    return snowflake::Render(plan, script);
  }
};

}  // namespace

auto MakeBackend() -> std::unique_ptr<target::Backend> { return std::make_unique<SnowflakeBackend>(); }

}  // namespace schemac::backends::snowflake
