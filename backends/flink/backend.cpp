// The Flink backend object: the differ's questions answered the Flink way,
// per table by its evolution strategy (docs/backends/flink.md):
// - alter (Apache Flink >= 1.17 catalogs): every change in place with ALTER
//   TABLE ADD / MODIFY / DROP / RENAME, key, watermark, SET / RESET;
// - registry (Confluent Cloud): physical columns change only through Schema
//   Registry: their changes become the table's new Avro value schema, which
//   the plan states for the registry, with the compatibility verdict
//   (BC104); no ALTER TABLE touches them. A rename is refused (Avro needs an
//   alias). Computed columns, key, watermark and options change in place;
// - versioned (a catalog or service that cannot alter a table's physical
//   columns): a physical change makes a new version of the table, `t_v2`,
//   which a streaming INSERT ... SELECT fills from the old one (casts for
//   retyped columns, defaults for new ones); then the old version is
//   dropped and the new one takes its name. The new version needs its own
//   storage (topic, path, table): the copy cannot read and write the same
//   one. Everything else changes in place, as under alter.
#include "backends/flink/backend.h"

#include "backends/flink/avro.h"
#include "backends/flink/flink.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::flink {
namespace {


auto Refused(const std::string& what, const std::string& strategy) -> target::Decision {
  if (strategy == "registry")
    return {target::Strategy::Unsupported,
            what + ": on Confluent Cloud ('evolution registry') a field of the value schema is renamed only with an "
                   "alias, which schemac does not write",
            "add the new column, let the writers fill both, then drop the old one in a later plan; or write "
            "'flink { evolution versioned }' to copy the table into a new version",
            std::nullopt};
  return {target::Strategy::Unsupported, what, "write 'flink { evolution alter }' to make the change in place",
          std::nullopt};
}

/// The options that name where a connector keeps a table's data: a new
/// version of the table must name another place, or its copy job would
/// read what it writes.
auto StorageOptions(const catalog::Table& t) -> std::vector<std::pair<std::string, std::string>> {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* key : {"topic", "topic-pattern", "path", "table-name"})
    if (auto it = t.options.find(key); it != t.options.end()) out.emplace_back(key, it->second);
  return out;
}

/// Why a `versioned` table cannot be copied into its new version, or "".
auto CannotCopy(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to)
    -> std::optional<target::Decision> {
  auto old_storage = StorageOptions(from);
  if (!old_storage.empty() && old_storage == StorageOptions(to)) {
    const auto& [key, value] = old_storage.front();
    if (key == "topic-pattern")
      return target::Decision{
          target::Strategy::Unsupported,
          "table '" + name.schema + "." + name.name + "' reads topics by pattern ('" + value +
              "'): 'evolution versioned' copies it into a new version, which Flink's Kafka sink cannot write by "
              "pattern",
          "give the new version a topic of its own: with ('topic' = '...'), one the pattern does not match",
          std::nullopt};
    // orders -> orders_v2, orders_v2 -> orders_v3.
    std::string next = value + "_v2";
    if (auto v = value.rfind("_v"); v != std::string::npos && v + 2 < value.size() &&
                                     value.size() - v - 2 <= 9 && value.find_first_not_of("0123456789", v + 2) == std::string::npos)
      next = value.substr(0, v) + "_v" + std::to_string(std::stoll(value.substr(v + 2)) + 1);
    return target::Decision{
        target::Strategy::Unsupported,
        "table '" + name.schema + "." + name.name + "' gets a new version ('evolution versioned'), which needs a " +
            key + " of its own: the job that copies the old version into it would read and write '" + value + "'",
        "give the new version its own " + key + ": with ('" + key + "' = '" + next + "')", std::nullopt};
  }
  for (const auto& c : to.columns) {
    if (!Physical(c) || !c.not_null || c.default_expr) continue;
    const catalog::Column* was = from.FindColumn(c.name);
    if (!was && c.renamed_from) was = from.FindColumn(*c.renamed_from);
    if (was && !was->not_null)
      return target::Decision{target::Strategy::Unsupported,
                              "column '" + c.name + "' of table '" + name.schema + "." + name.name +
                                  "' becomes NOT NULL with no default: the copy into the new version fails on the "
                                  "first row where it is NULL",
                              "give it a default (the copy fills the NULLs with it), or keep it nullable",
                              std::nullopt};
    if (!was)
      return target::Decision{target::Strategy::Unsupported,
                              "column '" + c.name + "' is added to table '" + name.schema + "." + name.name +
                                  "' as NOT NULL with no default: the copy into the new version has nothing to fill "
                                  "it with",
                              "give it a default ('default now()', 'default 0'): the copy fills it with that",
                              std::nullopt};
  }
  return std::nullopt;
}

class FlinkBackend final : public target::Backend {
 public:
  auto Name() const -> std::string_view override { return "flink"; }
  auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> override {
    return flink::Lower(realm, diags);
  }
  auto IsBuiltinSchema(const std::string& name) const -> bool override {
    return name == std::string(kDefaultCatalog) + "." + kDefaultDatabase;
  }
  auto SameExpression(const std::string& a, const std::string& b) const -> bool override {
    return a == b || NormalizeExpr(a) == NormalizeExpr(b);
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    std::vector<std::string> out;
    for (size_t i = 0; i < expr.size(); ++i)
      if (expr[i] == '`') {
        size_t end = expr.find('`', i + 1);
        if (end == std::string::npos) break;
        out.push_back(expr.substr(i + 1, end - i - 1));
        i = end;
      }
    return out;
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    std::string out, quoted_from = QuoteIdent(from), quoted_to = QuoteIdent(to);
    for (size_t i = 0; i < expr.size();) {
      if (expr.compare(i, quoted_from.size(), quoted_from) == 0) {
        out += quoted_to;
        i += quoted_from.size();
      } else {
        out += expr[i++];
      }
    }
    return out;
  }
  auto KeepsValues(const std::string& from, const std::string& to) const -> bool override { return from == to; }
  auto Narrows(const std::string& from, const std::string& to) const -> bool override {
    if (from == to || to == "STRING") return false;
    // Parameterised types widen when every value of the old one fits:
    // DECIMAL(p, s) with no fewer integer and fraction digits, a longer
    // VARCHAR, a finer TIMESTAMP / TIMESTAMP_LTZ / TIME.
    auto args = [](const std::string& t, const std::string& name) -> std::optional<std::vector<int>> {
      if (t.rfind(name + "(", 0) != 0 || t.back() != ')') return std::nullopt;
      std::vector<int> out;
      std::string inner = t.substr(name.size() + 1, t.size() - name.size() - 2);
      for (size_t at = 0; at <= inner.size();) {
        size_t comma = inner.find(',', at);
        std::string part = inner.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        try {
          out.push_back(std::stoi(part));
        } catch (...) {
          return std::nullopt;
        }
        if (comma == std::string::npos) break;
        at = comma + 1;
      }
      return out;
    };
    if (auto a = args(from, "DECIMAL"), b = args(to, "DECIMAL"); a && b && a->size() == 2 && b->size() == 2)
      return (*b)[1] < (*a)[1] || (*b)[0] - (*b)[1] < (*a)[0] - (*a)[1];
    for (const char* name : {"VARCHAR", "TIMESTAMP", "TIMESTAMP_LTZ", "TIME"})
      if (auto a = args(from, name), b = args(to, name); a && b && a->size() == 1 && b->size() == 1)
        return (*b)[0] < (*a)[0];
    if (to.rfind("VARCHAR(", 0) == 0 && from.rfind("CHAR(", 0) == 0)
      if (auto a = args(from, "CHAR"), b = args(to, "VARCHAR"); a && b && a->size() == 1 && b->size() == 1)
        return (*b)[0] < (*a)[0];
    static const std::vector<std::pair<std::string, std::string>> widening = {
        {"TINYINT", "SMALLINT"}, {"TINYINT", "INT"}, {"TINYINT", "BIGINT"}, {"SMALLINT", "INT"},
        {"SMALLINT", "BIGINT"},  {"INT", "BIGINT"},  {"FLOAT", "DOUBLE"},   {"INT", "DOUBLE"}};
    return std::find(widening.begin(), widening.end(), std::pair{from, to}) == widening.end();
  }

  auto DecideColumn(const target::ColumnChange& c) const -> target::Decision override {
    if (c.kind == diff::ChangeKind::None) return {};
    std::string strategy = Evolution(c.to);
    if (strategy != "versioned") return {};
    if (c.kind == diff::ChangeKind::Default) return {};  // not declared on flink: nothing changes
    if (!Physical(c.old_column) && !Physical(c.new_column)) return {};
    return {target::Strategy::RebuildTable,
            "column '" + c.new_column.name + "' changes " + diff::Describe(c.kind) +
                ": 'evolution versioned' copies the table into a new version",
            "", std::nullopt};
  }
  /// The desired table's strategy decides: a table that becomes `versioned`
  /// makes its renames in its new version's copy.
  auto DecideRename(const catalog::Table& table, const catalog::Table& desired, const std::string& from,
                    const std::string& to) const -> target::Decision override {
    std::string strategy = Evolution(desired);
    if (strategy == "alter") {
      // Flink renames no column a computed column or the watermark reads:
      // the table's definition is made again (its data stays where the
      // connector keeps it).
      for (const auto& c : table.columns)
        if (c.generated) {
          auto names = ExpressionNames(*c.generated);
          if (std::find(names.begin(), names.end(), from) != names.end())
            return {target::Strategy::RebuildTable,
                    "column '" + from + "' is renamed to '" + to + "', which computed column '" + c.name +
                        "' reads: flink renames no such column, so the table is defined again",
                    "", std::nullopt};
        }
      if (table.watermark) {
        auto names = ExpressionNames(table.watermark->expression);
        if (table.watermark->column == from || std::find(names.begin(), names.end(), from) != names.end())
          return {target::Strategy::RebuildTable,
                  "column '" + from + "' is renamed to '" + to +
                      "', which the watermark reads: flink renames no such column, so the table is defined again",
                  "", std::nullopt};
      }
      return {};
    }
    const catalog::Column* col = table.FindColumn(from);
    if (col && !Physical(*col)) return {};
    if (strategy == "versioned")
      return {target::Strategy::RebuildTable,
              "column '" + from + "' is renamed to '" + to + "': 'evolution versioned' copies the table into a new "
              "version",
              "", std::nullopt};
    return Refused("column '" + from + "' of table '" + table.name + "' is renamed to '" + to + "'", strategy);
  }
  auto Invalidated(const catalog::Column&, const catalog::Column&) const -> target::Invalidates override {
    return {};  // nothing over a column is checked or indexed on flink
  }
  auto DecideTable(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to) const
      -> target::Decision override {
    const std::string table = "table '" + name.schema + "." + name.name + "'";
    if (from.partition_of || to.partition_of)
      return {target::Strategy::Unsupported, table + " is a partition of another table, which flink does not have",
              "remove \"partition_of\" from the snapshot", std::nullopt};
    auto part = [](const catalog::Table& t) {
      auto it = t.options.find(kPartitionedBy);
      return it == t.options.end() ? std::string("none") : it->second;
    };
    std::string strategy = Evolution(to);
    if (part(from) != part(to)) {
      std::string what = table + " changes its partition keys (" + part(from) + " -> " + part(to) + ")";
      if (strategy != "versioned")
        return {target::Strategy::Unsupported, what + ", which no ALTER TABLE can",
                "write 'flink { evolution versioned }' to copy the table into a new version with the new keys",
                std::nullopt};
      if (auto refused = CannotCopy(name, from, to)) return *refused;
      return {target::Strategy::RebuildTable, what + ": 'evolution versioned' copies the table into a new version", "",
              std::nullopt};
    }
    if (strategy == "versioned") {
      std::optional<std::string> why;
      for (const auto& c : from.columns)
        if (Physical(c) && !to.FindColumn(c.name)) {
          bool renamed = false;
          for (const auto& n : to.columns) renamed |= n.renamed_from && *n.renamed_from == c.name;
          if (!renamed && !why) why = "column '" + c.name + "' is dropped";
        }
      for (const auto& c : to.columns)
        if (Physical(c) && !from.FindColumn(c.name) && !c.renamed_from && !why) why = "column '" + c.name + "' is added";
      bool changes = why.has_value();
      for (const auto& c : to.columns)
        if (Physical(c) && c.renamed_from && !from.FindColumn(c.name)) changes = true;
      for (const auto& c : to.columns)
        if (const auto* old = from.FindColumn(c.name); old && (Physical(*old) || Physical(c)) &&
                                                       (old->type != c.type || old->not_null != c.not_null ||
                                                        Physical(*old) != Physical(c)))
          changes = true;
      if (changes)
        if (auto refused = CannotCopy(name, from, to)) return *refused;
      if (why) return {target::Strategy::RebuildTable, *why + ": 'evolution versioned' copies the table into a new version",
                       "", std::nullopt};
    }
    return {};
  }
  auto DecideEnum(const target::EnumChange&) const -> std::vector<target::Decision> override { return {}; }
  auto ForeignKeysPinKeys() const -> bool override { return false; }
  auto UsesSequence(const std::string&, const catalog::ObjectName&) const -> bool override { return false; }
  auto RenameTypeInExpression(const std::string& expr, const catalog::ObjectName&, const catalog::ObjectName&) const
      -> std::string override {
    return expr;
  }
  auto SelectsAll(const catalog::View& v) const -> bool override {
    // A view's columns are fixed when Flink creates it.
    for (const auto& t : target::ScanSql(v.source.empty() ? v.definition : v.source))
      if (t.kind == target::SqlToken::Kind::Symbol && t.text == "*") return true;
    return false;
  }
  auto CostOf(const diff::Change& change, const plan::Plan&, const catalog::Catalog&, const catalog::Catalog& to) const
      -> target::Cost override {
    target::Cost cost;
    if (const auto* add = std::get_if<diff::AddColumn>(&change.op))
      if (const auto* t = to.FindTable({add->schema, add->table}); t && Evolution(*t) == "alter")
        cost.defaults_fill_rows = false;
    if (const auto* a = std::get_if<diff::AlterTable>(&change.op)) cost.incompatible = Incompatible(a->from, a->to);
    if (const auto* r = std::get_if<diff::RebuildTable>(&change.op))
      cost.hint = Evolution(r->to) == "versioned"
                      ? "the copy is a streaming job: stop the jobs that write the old version and let the copy catch "
                        "up before step 3 drops it (the plan says when)"
                      : "no row is copied here: the table is only defined again, and its data stays where the "
                        "connector keeps it";
    if (const auto* d = std::get_if<diff::DropTable>(&change.op)) {
      auto it = d->table.options.find("connector");
      if (it != d->table.options.end() && (it->second == "kafka" || it->second == "upsert-kafka" ||
                                           it->second == "confluent"))
        cost.why = "on Confluent Cloud, DROP TABLE deletes the topic and its data";
    }
    return cost;
  }
  /// schemac's own options (the evolution strategy, the compatibility mode)
  /// are not the table's state on flink: changing one changes nothing there.
  auto SameTableOption(const std::string& key, const std::string& a, const std::string& b) const -> bool override {
    if (key == kEvolution || key == kCompatibility || key == kValueSchemaHistory) return true;
    return a == b;
  }
  auto Enforces(const catalog::Constraint&) const -> bool override { return false; }  // PRIMARY KEY ... NOT ENFORCED
  auto TransactionRules() const -> target::Transactions override { return {.ddl = false, .before = nullptr}; }
  auto UserTypeName(const catalog::ObjectName&) const -> std::string override { return "STRING"; }
  auto SpellRenamedType(const std::string& spelled, const catalog::ObjectName&) const -> std::string override {
    return spelled;
  }
  auto ImplicitRelations(const catalog::Table&) const -> std::vector<std::string> override { return {}; }
  /// A registry table's value schemas so far: the previous snapshot's
  /// history, and its current schema when the new one differs.
  void KeepHistory(catalog::Catalog& desired, const catalog::Catalog& previous) const override {
    for (auto& schema : desired.schemas)
      for (auto& table : schema.tables) {
        auto now = table.options.find(kValueSchema);
        if (now == table.options.end()) continue;
        const catalog::Table* before = previous.FindTable({schema.name, table.name});
        if (!before) continue;
        nlohmann::json history = nlohmann::json::array();
        if (auto h = before->options.find(kValueSchemaHistory); h != before->options.end()) {
          auto kept = nlohmann::json::parse(h->second, nullptr, false);
          if (kept.is_array()) history = std::move(kept);
        }
        if (auto was = before->options.find(kValueSchema); was != before->options.end() && was->second != now->second) {
          auto parsed = nlohmann::json::parse(was->second, nullptr, false);
          if (!parsed.is_discarded()) history.push_back(std::move(parsed));
        }
        if (!history.empty()) table.options[kValueSchemaHistory] = history.dump();
      }
  }
  auto Emit(const plan::Plan& plan, diag::Engine& diags) const -> std::optional<target::Script> override {
    return flink::Emit(plan, diags);
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    return flink::Render(plan, script);
  }
};

}  // namespace

/// The value schema's new version judged under the table's compatibility
/// mode (BACKWARD, Schema Registry's default, when none is set) against the
/// version the plan starts from and, for a _TRANSITIVE mode, every earlier
/// one the starting snapshot keeps (kValueSchemaHistory).
auto Incompatible(const catalog::Table& from, const catalog::Table& to) -> std::vector<std::pair<std::string, std::string>> {
  auto old_it = from.options.find(kValueSchema), new_it = to.options.find(kValueSchema);
  if (old_it == from.options.end() || new_it == to.options.end() || old_it->second == new_it->second) return {};
  auto mode_it = to.options.find(kCompatibility);
  auto mode = avro::ParseMode(mode_it == to.options.end() ? "BACKWARD" : mode_it->second);
  if (!mode) return {{"", "unknown compatibility mode '" + mode_it->second + "'"}};
  auto old_schema = nlohmann::json::parse(old_it->second, nullptr, false);
  auto new_schema = nlohmann::json::parse(new_it->second, nullptr, false);
  if (old_schema.is_discarded() || new_schema.is_discarded()) return {{"", "the value schema in the snapshot is not JSON"}};
  std::vector<nlohmann::json> earlier;
  if (auto h = from.options.find(kValueSchemaHistory); h != from.options.end()) {
    auto history = nlohmann::json::parse(h->second, nullptr, false);
    if (!history.is_array()) return {{"", "the value schema history in the snapshot is not a JSON array"}};
    for (auto& version : history) earlier.push_back(std::move(version));
  }
  earlier.push_back(std::move(old_schema));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : avro::Check(earlier, new_schema, *mode)) {
    std::string column = f.field.substr(0, f.field.find('.'));  // a nested field's top-level column
    out.emplace_back(column, f.message);
  }
  return out;
}

auto MakeBackend() -> std::unique_ptr<target::Backend> { return std::make_unique<FlinkBackend>(); }

}  // namespace schemac::backends::flink
