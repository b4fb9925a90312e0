// The Firebolt backend object: the differ's questions answered the Firebolt
// way. Firebolt alters a table in place only to add a column; every other
// change of a table (a column dropped, renamed or changed, the primary
// index, the partitioning, the table kind) rebuilds it.
#include "backends/firebolt/backend.h"

#include <set>

#include "backends/firebolt/firebolt.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::firebolt {
namespace {

auto Names(const std::vector<std::string>& v) -> std::string {
  if (v.empty()) return "none";
  std::string out;
  for (const auto& n : v) out += (out.empty() ? "" : ", ") + n;
  return out;
}

class FireboltBackend final : public target::Backend {
 public:
  auto Name() const -> std::string_view override { return "firebolt"; }
  auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> override {
    return firebolt::Lower(realm, diags);
  }
  auto IsBuiltinSchema(const std::string& name) const -> bool override { return name == kSchema; }
  auto SameExpression(const std::string& a, const std::string& b) const -> bool override {
    return a == b || NormalizeExpr(a) == NormalizeExpr(b);
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    return firebolt::ExpressionNames(expr);
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    return RenameIdentifier(expr, from, to);
  }
  auto KeepsValues(const std::string& from, const std::string& to) const -> bool override { return from == to; }
  auto Narrows(const std::string& from, const std::string& to) const -> bool override {
    if (from == to || to == "TEXT") return false;
    static const std::set<std::pair<std::string, std::string>> widening = {
        {"INTEGER", "BIGINT"}, {"REAL", "DOUBLE PRECISION"}, {"INTEGER", "DOUBLE PRECISION"}, {"DATE", "TIMESTAMP"}};
    return !widening.count({from, to});
  }

  auto DecideColumn(const target::ColumnChange& c) const -> target::Decision override {
    if (c.kind == diff::ChangeKind::None) return {};
    const std::string &was = c.old_column.type, &now = c.new_column.type;
    auto array = [](const std::string& t) { return t.rfind("ARRAY(", 0) == 0; };
    if (diff::Is(c.kind, diff::ChangeKind::Type) && array(was) != array(now))
      return {target::Strategy::Unsupported,
              "column '" + c.new_column.name + "' of table '" + c.to.name + "' changes type from " + was + " to " + now +
                  "; firebolt cannot cast between an array and a single value, so the rebuild cannot copy it",
              "add a column of the new type under another name and fill it from the old one where the data is "
              "loaded; drop the old column in a later plan",
              std::nullopt};
    std::string what = diff::Describe(c.kind);
    if (diff::Is(c.kind, diff::ChangeKind::Type)) what += " (" + c.old_column.type + " -> " + c.new_column.type + ")";
    return {target::Strategy::RebuildTable,
            "column '" + c.new_column.name + "' changes " + what + "; firebolt alters no column in place", "",
            std::nullopt};
  }
  auto DecideRename(const catalog::Table&, const catalog::Table&, const std::string& from, const std::string& to) const
      -> target::Decision override {
    return {target::Strategy::RebuildTable,
            "column '" + from + "' is renamed to '" + to + "'; firebolt renames no column in place", "", std::nullopt};
  }
  auto Invalidated(const catalog::Column&, const catalog::Column&) const -> target::Invalidates override {
    return {};  // no constraints or indexes over columns exist on firebolt
  }
  auto DecideTable(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to) const
      -> target::Decision override {
    const std::string table = "table '" + name.schema + "." + name.name + "'";
    if (from.partition_of || to.partition_of)
      return {target::Strategy::Unsupported, table + " is a partition of another table, which firebolt does not have",
              "remove \"partition_of\" from the snapshot", std::nullopt};
    for (const auto& c : from.columns)
      if (!to.FindColumn(c.name))
        return {target::Strategy::RebuildTable, "column '" + c.name + "' is dropped; firebolt drops no column in place",
                "", std::nullopt};
    if (from.kind != to.kind)
      return {target::Strategy::RebuildTable,
              "the table kind changes (" + from.kind + " -> " + to.kind + "); firebolt cannot alter it", "", std::nullopt};
    if (from.cluster_by != to.cluster_by)
      return {target::Strategy::RebuildTable,
              "the primary index changes (" + Names(from.cluster_by) + " -> " + Names(to.cluster_by) +
                  "); firebolt cannot alter it",
              "", std::nullopt};
    auto part = [](const catalog::Table& t) {
      auto it = t.options.find("partition_by");
      return it == t.options.end() ? std::string("none") : it->second;
    };
    // Compared by meaning: the catalog may spell the expression its own way.
    if (NormalizeExpr(part(from)) != NormalizeExpr(part(to))) {
      return {target::Strategy::RebuildTable,
              "the partitioning changes (" + part(from) + " -> " + part(to) + "); firebolt cannot alter it", "",
              std::nullopt};
    }
    return {};
  }
  auto DecideEnum(const target::EnumChange&) const -> std::vector<target::Decision> override {
    return {};  // enums are never created on firebolt: their values are not the database's
  }
  auto ForeignKeysPinKeys() const -> bool override { return false; }
  auto UsesSequence(const std::string&, const catalog::ObjectName&) const -> bool override { return false; }
  auto RenameTypeInExpression(const std::string& expr, const catalog::ObjectName&, const catalog::ObjectName&) const
      -> std::string override {
    return expr;  // enum columns are TEXT: no expression names an enum type
  }
  /// Firebolt refuses ADD COLUMN on a table a view reads.
  auto ViewsBlockAddColumn() const -> bool override { return true; }
  auto SelectsAll(const catalog::View& v) const -> bool override {
    // A view's columns are fixed when Firebolt creates it, as on Postgres.
    for (const auto& t : target::ScanSql(v.source.empty() ? v.definition : v.source))
      if (t.kind == target::SqlToken::Kind::Symbol && t.text == "*") return true;
    return false;
  }

  auto CostOf(const diff::Change& change, const plan::Plan&, const catalog::Catalog&, const catalog::Catalog&) const
      -> target::Cost override {
    target::Cost cost;
    bool rebuild = std::holds_alternative<diff::RebuildTable>(change.op);
    if (rebuild) {
      cost.rewrites = true;  // no lock is held: RB101, not LK103
      cost.why = "every row is copied into a new table, which then takes the old one's name; rows written to the "
                 "table during the copy are lost";
      cost.hint = "stop the loads into the table while the rebuild runs";
    }
    return cost;
  }
  auto SameTableOption(const std::string& key, const std::string& a, const std::string& b) const -> bool override {
    return key == "partition_by" ? NormalizeExpr(a) == NormalizeExpr(b) : a == b;
  }
  /// Firebolt has no primary key: a CDC merge matches rows on the primary index.
  auto RowKey(const catalog::Table& t) const -> std::vector<std::string> override { return t.cluster_by; }
  auto TransactionRules() const -> target::Transactions override { return {.ddl = false, .before = nullptr}; }
  auto UserTypeName(const catalog::ObjectName&) const -> std::string override { return "TEXT"; }
  auto SpellRenamedType(const std::string& spelled, const catalog::ObjectName&) const -> std::string override {
    return spelled;
  }
  auto ImplicitRelations(const catalog::Table&) const -> std::vector<std::string> override { return {}; }
  auto Emit(const plan::Plan& plan, diag::Engine& diags) const -> std::optional<target::Script> override {
    return firebolt::Emit(plan, diags);
  }
  auto ImportCatalog(const std::string& text, std::string& error) const -> std::optional<catalog::Catalog> override {
    return firebolt::ImportCatalog(text, error);
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    return firebolt::Render(plan, script);
  }

};

}  // namespace

auto MakeBackend() -> std::unique_ptr<target::Backend> { return std::make_unique<FireboltBackend>(); }

}  // namespace schemac::backends::firebolt
