// The Postgres backend object.
#include "backends/postgres/backend.h"

#include "backends/postgres/costs.h"
#include "backends/postgres/expr.h"
#include "backends/postgres/postgres.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <climits>
#include <regex>

namespace schemac::backends::postgres {
namespace {

class PostgresBackend final : public target::Backend {
 public:
  auto Name() const -> std::string_view override { return "postgres"; }
  auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> override {
    return postgres::Lower(realm, diags);
  }
  auto IsBuiltinSchema(const std::string& name) const -> bool override { return name == "public"; }
  auto SameExpression(const std::string& a, const std::string& b) const -> bool override {
    return SameExpressionText(a, b);
  }
  auto SameView(const catalog::Catalog& a, const catalog::Catalog& b, const catalog::ObjectName& name) const
      -> bool override {
    const catalog::View *x = a.FindView(name), *y = b.FindView(name);
    if (!x || !y) return false;
    if (x->definition == y->definition) return true;
    ViewAnalysis va = AnalyzeView(a, name), vb = AnalyzeView(b, name);
    return va.parsed == vb.parsed && va.key == vb.key;
  }
  auto CompareViews(const catalog::Catalog& a, const catalog::Catalog& b) const
      -> std::unique_ptr<target::ViewComparer> override {
    class Comparer : public target::ViewComparer {
     public:
      Comparer(const catalog::Catalog& a, const catalog::Catalog& b) : a_(a), b_(b), va_(a), vb_(b) {}
      auto Same(const catalog::ObjectName& name) -> bool override {
        const catalog::View *x = a_.FindView(name), *y = b_.FindView(name);
        if (!x || !y) return false;
        if (x->definition == y->definition) return true;
        const ViewAnalysis &p = va_.Analyze(name), &q = vb_.Analyze(name);
        return p.parsed == q.parsed && p.key == q.key;
      }

     private:
      const catalog::Catalog &a_, &b_;
      ViewAnalyzer va_, vb_;
    };
    return std::make_unique<Comparer>(a, b);
  }
  auto ViewColumns(const catalog::Catalog& c, const catalog::ObjectName& view) const
      -> std::optional<std::vector<target::ViewRead>> override {
    ViewAnalysis a = AnalyzeView(c, view);
    if (!a.parsed) return std::nullopt;
    std::vector<target::ViewRead> out;
    for (auto& [rel, cols] : a.reads) out.push_back({rel, cols});
    return out;
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    return ExpressionColumns(expr);
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    return RenameColumnIn(expr, from, to);
  }
  auto KeepsValues(const std::string& from, const std::string& to) const -> bool override {
    return BinaryCoercible(from, to);
  }
  auto CostOf(const diff::Change& change, const plan::Plan& plan, const catalog::Catalog& from,
              const catalog::Catalog&) const -> target::Cost override {
    return postgres::CostOf(change, plan, from);
  }
  auto Narrows(const std::string& from, const std::string& to) const -> bool override {
    return NarrowingType(from, to);
  }
  auto IdentifierLimit() const -> size_t override { return 63; }  // NAMEDATALEN - 1: longer names are cut
  auto DecideColumn(const target::ColumnChange& c) const -> target::Decision override {
    using target::Strategy;
    const catalog::Column &old = c.old_column, &now = c.new_column;
    if (now.generated && !old.generated)  // no database turns stored values into computed ones in place
      return {Strategy::RebuildColumn, "it becomes a generated column",
              "to keep the old values, add the generated column under a new name and drop the old one later",
              diag::Kind::ColumnBecomesGenerated};
    if (old.generated && now.generated) {
      if (!SameExpressionText(*old.generated, *now.generated))
        return {Strategy::RebuildColumn, "its generation expression changed", "", std::nullopt};
      // Postgres cannot alter the type of a column a generated column reads.
      for (const auto& name : ExpressionColumns(*old.generated)) {
        if (name == now.name) continue;
        const catalog::Column *a = c.from.FindColumn(name), *b = c.to.FindColumn(name);
        if (a && b && (a->type != b->type || a->collation != b->collation))
          return {Strategy::RebuildColumn, "a column it is computed from changes type", "", std::nullopt};
      }
    }
    return {};
  }
  auto Invalidated(const catalog::Column& from, const catalog::Column& to) const -> target::Invalidates override {
    // ALTER COLUMN TYPE rebuilds the indexes and keys over plain columns
    // itself; a check or an index expression may no longer apply to the new
    // type unless the values stay as they are.
    return {.expressions = from.type != to.type && !KeepsValues(from.type, to.type), .keys = false};
  }
  auto DecideTable(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to) const
      -> target::Decision override {
    std::string table = name.schema + "." + name.name;
    if (from.partition_of.has_value() != to.partition_of.has_value())
      return {target::Strategy::Unsupported,
              "table '" + table + "' " + (to.partition_of ? "becomes" : "stops being") +
                  " a partition; this is not done in place",
              to.partition_of ? "attach it by hand (ALTER TABLE parent ATTACH PARTITION ...), then plan again"
                              : "detach it by hand (ALTER TABLE parent DETACH PARTITION ...), then plan again",
              std::nullopt};
    if (from.options == to.options) {
      if (from.kind == to.kind && from.cluster_by == to.cluster_by && from.watermark == to.watermark) return {};
      // Only a snapshot written by hand can say so: Lower and Inspect never do.
      return {target::Strategy::Unsupported,
              "table '" + table + "' changes its kind, clustering or watermark, which postgres tables do not have",
              "remove \"kind\", \"cluster_by\" and \"watermark\" from the snapshot", std::nullopt};
    }
    auto text = [](const std::map<std::string, std::string>& o) -> std::string {
      if (o.empty()) return "none";
      std::string s;
      for (const auto& [k, v] : o) s += (s.empty() ? "" : ", ") + k + " " + v;
      return s;
    };
    return {target::Strategy::Unsupported,
            "the postgres options of table '" + table + "' changed (" + text(from.options) + " -> " + text(to.options) +
                "); they cannot be altered in place",
            "create a new table with the new options, copy the rows, and swap the names", std::nullopt};
  }
  auto DecideEnum(const target::EnumChange& c) const -> std::vector<target::Decision> override {
    // Postgres can add a value (ALTER TYPE ... ADD VALUE) and rename one,
    // never drop or reorder them: every current value must stay, in order.
    auto has = [](const std::vector<std::string>& values, const std::string& v) {
      return std::find(values.begin(), values.end(), v) != values.end();
    };
    auto refuse = [](diag::Kind kind, std::string message, std::string hint) {
      return target::Decision{target::Strategy::Unsupported, std::move(message), std::move(hint), kind};
    };
    const std::string name = c.name.schema + "." + c.name.name;
    std::vector<target::Decision> out;
    std::vector<std::string> kept;
    for (const auto& v : c.to)
      if (has(c.from, v)) kept.push_back(v);
    for (const auto& v : c.from) {
      if (has(c.to, v)) continue;
      std::string added;
      for (const auto& w : c.to)
        if (!has(c.from, w) && added.empty()) added = w;
      out.push_back(refuse(diag::Kind::EnumValueRemoved,
                           fmt::format(fmt::runtime(diag::KindFormat(diag::Kind::EnumValueRemoved)), v, name, "Postgres"),
                           added.empty() ? "keep the value, or create a new enum type, move the columns to it with a "
                                           "cast, then drop the old type"
                                         : "if '" + v + "' was renamed to '" + added + "', write '" + added +
                                               "' renamed from '" + v + "'; otherwise keep the value"));
    }
    if (out.empty() && kept != c.from)
      out.push_back(refuse(diag::Kind::EnumValuesReordered,
                           fmt::format(fmt::runtime(diag::KindFormat(diag::Kind::EnumValuesReordered)), name, "Postgres"),
                           "keep the existing values in their order; new values may go anywhere"));
    return out;
  }
  auto ForeignKeysPinKeys() const -> bool override { return true; }
  auto UsesSequence(const std::string& expr, const catalog::ObjectName& seq) const -> bool override {
    for (const std::string& q : {seq.name, seq.schema + "." + seq.name})
      if (expr.find("nextval('" + q + "'") != std::string::npos) return true;
    return false;
  }
  auto RenameTypeInExpression(const std::string& expr, const catalog::ObjectName& from,
                              const catalog::ObjectName& to) const -> std::string override {
    // Casts name the type: 'y'::old_kind.
    const std::string needle = "::" + UserTypeName(from), with = "::" + UserTypeName(to);
    std::string out;
    size_t i = 0;
    for (size_t at; (at = expr.find(needle, i)) != std::string::npos;) {
      size_t end = at + needle.size();
      bool whole = end == expr.size() || !(std::isalnum(static_cast<unsigned char>(expr[end])) || expr[end] == '_' ||
                                           expr[end] == '$' || expr[end] == '"');
      out.append(expr, i, at - i);
      out += whole ? with : needle;
      i = end;
    }
    out.append(expr, i, std::string::npos);
    return out;
  }
  auto SelectsAll(const catalog::View& view) const -> bool override {
    return SelectsStar(view.definition) || (!view.source.empty() && SelectsStar(view.source));
  }
  auto TransactionRules() const -> target::Transactions override {
    // A new enum value cannot be used in the transaction that adds it: ADD
    // VALUE runs before the transaction.
    return {.ddl = true, .before = [](const diff::Op& op) { return std::holds_alternative<diff::AddEnumValue>(op); }};
  }
  auto UserTypeName(const catalog::ObjectName& type) const -> std::string override {
    return type.schema == "public" ? QuoteIdent(type.name) : QuoteQualified(type.schema, type.name);
  }
  auto SpellRenamedType(const std::string& spelled, const catalog::ObjectName& to) const -> std::string override {
    bool array = spelled.size() > 2 && spelled.compare(spelled.size() - 2, 2, "[]") == 0;
    return UserTypeName(to) + (array ? "[]" : "");
  }
  auto IsPartitioned(const catalog::Table& table) const -> bool override { return table.options.count("partition_by") > 0; }
  auto ImplicitRelations(const catalog::Table& table) const -> std::vector<std::string> override {
    std::vector<std::string> out;
    for (const auto& c : table.columns)
      if (!c.identity.empty()) out.push_back(MakeObjectName(table.name, c.name, "seq"));
    return out;
  }
  auto Emit(const plan::Plan& plan, diag::Engine& diags) const -> std::optional<target::Script> override {
    return postgres::Emit(plan, diags);
  }
  auto Schemes() const -> std::vector<std::string> override { return {"postgres", "postgresql"}; }
  auto ConnectsWithoutScheme() const -> bool override { return true; }  // key=value, or the PG* environment
  auto Connect(const std::string& url, std::string& error) const -> std::unique_ptr<target::LiveDatabase> override {
    return ConnectLive(url, error);
  }
  auto WriteSource(const catalog::Catalog& c, const std::vector<std::string>& unmanaged,
                   const catalog::Catalog* outside) const -> std::string override {
    return WriteSchema(c, unmanaged, outside);
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    return postgres::Render(plan, script);
  }
};

}  // namespace

auto MakeBackend() -> std::unique_ptr<target::Backend> { return std::make_unique<PostgresBackend>(); }

}  // namespace schemac::backends::postgres
