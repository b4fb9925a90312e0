// Plans as text for people and as JSON ("schemac.plan/1") for tools.
#include <fmt/format.h>

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "compiler/driver/driver.h"
#include "compiler/driver/findings.h"

namespace schemac::driver {
namespace {

using Json = nlohmann::ordered_json;

auto Location(const source::SourceRange& r, const source::SourceManager& sm) -> std::string {
  if (!r.valid()) return "";
  return fmt::format("{}:{}:{}", sm.Path(r.file), r.line, r.col);
}

/// A column of a change's before/after: the snapshot's column
/// (catalog::ToJson) less what the plan format leaves out (docs/cli.md).
auto ColumnJson(const catalog::Column& c) -> Json {
  Json j = catalog::ToJson(c);
  for (const char* key : {"type_ref", "identity_options", "generated_virtual", "metadata"}) j.erase(key);
  return j;
}

auto Columns(const catalog::Table& t) -> Json {
  Json cols = Json::array();
  for (const auto& col : t.columns) cols.push_back(ColumnJson(col));
  return cols;
}

/// A table's own properties, as a snapshot writes them.
auto TableProperties(const catalog::Table& t) -> Json {
  Json j = Json::object();
  j["options"] = t.options;
  j["kind"] = t.kind;
  j["cluster_by"] = t.cluster_by;
  j["watermark"] = t.watermark ? catalog::ToJson(*t.watermark) : Json(nullptr);
  return j;
}

/// before / after of a change, as JSON (null where the object does not exist).
void BeforeAfter(const diff::Op& op, Json& j) {
  using namespace diff;
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, AddColumn>) {
          j["before"] = nullptr;
          j["after"] = ColumnJson(c.column);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          j["before"] = ColumnJson(c.column);
          j["after"] = nullptr;
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          j["before"] = ColumnJson(c.from);
          j["after"] = ColumnJson(c.to);
          j["changed"] = Describe(c.kind);
        } else if constexpr (std::is_same_v<T, RenameTable> || std::is_same_v<T, RenameColumn> || std::is_same_v<T, RenameEnum> ||
                             std::is_same_v<T, RenameConstraint> || std::is_same_v<T, RenameIndex>) {
          j["before"] = c.from;
          j["after"] = c.to;
        } else if constexpr (std::is_same_v<T, RenameEnumValue>) {
          j["before"] = c.from;
          j["after"] = c.to;
        } else if constexpr (std::is_same_v<T, AddEnumValue>) {
          j["after"] = c.value;
          if (!c.before.empty()) j["position_before"] = c.before;
        } else if constexpr (std::is_same_v<T, SetComment>) {
          j["before"] = c.from ? Json(*c.from) : Json(nullptr);
          j["after"] = c.to ? Json(*c.to) : Json(nullptr);
        } else if constexpr (std::is_same_v<T, CreateTable>) {
          j["after"] = Json{{"columns", Columns(c.table)}};
        } else if constexpr (std::is_same_v<T, RebuildTable>) {
          j["before"] = Json{{"columns", Columns(c.from)}};
          j["after"] = Json{{"columns", Columns(c.to)}};
        } else if constexpr (std::is_same_v<T, ReplacePipe>) {
          j["before"] = c.from.definition;
          j["after"] = c.to.definition;
        } else if constexpr (std::is_same_v<T, AlterTable>) {
          j["before"] = TableProperties(c.from);
          j["after"] = TableProperties(c.to);
        } else if constexpr (std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema> ||
                             std::is_same_v<T, CreateEnum> || std::is_same_v<T, DropEnum> ||
                             std::is_same_v<T, DropTable> || std::is_same_v<T, CreateCollation> ||
                             std::is_same_v<T, DropCollation> || std::is_same_v<T, CreateSequence> ||
                             std::is_same_v<T, DropSequence> || std::is_same_v<T, AlterSequence> ||
                             std::is_same_v<T, AttachPartition> || std::is_same_v<T, AddConstraint> ||
                             std::is_same_v<T, DropConstraint> || std::is_same_v<T, AlterConstraint> ||
                             std::is_same_v<T, CreateIndex> || std::is_same_v<T, DropIndex> ||
                             std::is_same_v<T, CreateView> || std::is_same_v<T, DropView> ||
                             std::is_same_v<T, CreatePipe> || std::is_same_v<T, DropPipe> ||
                             std::is_same_v<T, PausePipe>) {
          // no before/after (docs/cli.md)
        } else {
          static_assert(kUnhandled<T>, "BeforeAfter: a change kind without a before/after rule");
        }
      },
      op);
}

/// One table's entry of the plan JSON's `tables`.
struct TableEntry {
  std::string change = "changed";  // new | dropped | rebuilt | changed
  std::optional<std::string> renamed_from;
  Json columns = Json::array();  // new and dropped tables: every column
  Json new_columns = Json::array(), removed_columns = Json::array(), type_changes = Json::array(),
       renamed_columns = Json::array();
};

auto NameType(const catalog::Column& c) -> Json { return Json{{"column", c.name}, {"type", c.type}}; }

/// The column differences inside a rebuilt table, as the separate changes
/// of a table altered in place would list them.
void RebuiltColumns(const catalog::Table& from, const catalog::Table& to, TableEntry& e) {
  std::set<std::string> kept;
  for (const auto& c : to.columns) {
    std::string old = c.renamed_from ? *c.renamed_from : c.name;
    const catalog::Column* was = from.FindColumn(old);
    if (!was) {
      e.new_columns.push_back(NameType(c));
      continue;
    }
    kept.insert(old);
    if (old != c.name) e.renamed_columns.push_back(Json{{"from", old}, {"to", c.name}});
    if (was->type != c.type) e.type_changes.push_back(Json{{"column", c.name}, {"from", was->type}, {"to", c.type}});
  }
  for (const auto& c : from.columns)
    if (!kept.count(c.name)) e.removed_columns.push_back(NameType(c));
}

/// Adds `tables` and `tables_without_key` to a plan's JSON.
void TableChanges(const plan::Plan& plan, const catalog::Catalog& to, const target::Backend& backend, Json& root) {
  std::map<catalog::ObjectName, TableEntry> tables;
  auto name = [](const std::string& schema, const std::string& table) { return catalog::ObjectName{schema, table}; };
  for (const auto& c : plan.changes) {
    std::visit(
        [&](const auto& op) {
          using T = std::decay_t<decltype(op)>;
          if constexpr (std::is_same_v<T, diff::CreateTable> || std::is_same_v<T, diff::DropTable>) {
            TableEntry& e = tables[name(op.schema, op.table.name)];
            e.change = std::is_same_v<T, diff::CreateTable> ? "new" : "dropped";
            for (const auto& col : op.table.columns) e.columns.push_back(NameType(col));
          } else if constexpr (std::is_same_v<T, diff::RenameTable>) {
            tables[name(op.schema, op.to)].renamed_from = op.from;
          } else if constexpr (std::is_same_v<T, diff::RebuildTable>) {
            TableEntry& e = tables[name(op.schema, op.to.name)];
            e.change = "rebuilt";
            RebuiltColumns(op.from, op.to, e);
          } else if constexpr (std::is_same_v<T, diff::AddColumn>) {
            if (c.reason.empty()) tables[name(op.schema, op.table)].new_columns.push_back(NameType(op.column));
          } else if constexpr (std::is_same_v<T, diff::DropColumn>) {
            if (c.reason.empty()) tables[name(op.schema, op.table)].removed_columns.push_back(NameType(op.column));
          } else if constexpr (std::is_same_v<T, diff::RenameColumn>) {
            tables[name(op.schema, op.table)].renamed_columns.push_back(Json{{"from", op.from}, {"to", op.to}});
          } else if constexpr (std::is_same_v<T, diff::AlterColumn>) {
            TableEntry& e = tables[name(op.schema, op.table)];
            if (diff::Is(op.kind, diff::ChangeKind::Type))
              e.type_changes.push_back(Json{{"column", op.to.name}, {"from", op.from.type}, {"to", op.to.type}});
          } else if (auto t = diff::AlteredTable(c.op)) {
            tables[*t];  // changed otherwise: keys, indexes, properties
          }
        },
        c.op);
  }
  Json list = Json::array();
  for (auto& [n, e] : tables) {
    Json j;
    j["table"] = n.schema + "." + n.name;
    j["change"] = e.change;
    if (e.renamed_from) j["renamed_from"] = *e.renamed_from;
    if (e.change == "new" || e.change == "dropped") j["columns"] = std::move(e.columns);
    if (e.change != "new" && e.change != "dropped") {
      j["new_columns"] = std::move(e.new_columns);
      j["removed_columns"] = std::move(e.removed_columns);
      j["renamed_columns"] = std::move(e.renamed_columns);
      j["type_changes"] = std::move(e.type_changes);
    }
    if (e.change != "dropped") {
      const catalog::Table* t = to.FindTable(n);
      j["key"] = t ? backend.RowKey(*t) : std::vector<std::string>{};
    }
    list.push_back(std::move(j));
  }
  root["tables"] = std::move(list);
  Json keyless = Json::array();
  for (const auto& s : to.schemas)
    for (const auto& t : s.tables)
      if (!t.partition_of && backend.RowKey(t).empty()) keyless.push_back(s.name + "." + t.name);
  root["tables_without_key"] = std::move(keyless);
}

}  // namespace

auto PlanText(const plan::Plan& plan, const target::Script& script, const source::SourceManager& sm,
              const std::vector<lint::Finding>& findings) -> std::string {
  if (plan.empty()) return fmt::format("No changes: the {} catalog already matches.\n", plan.target);
  std::string out = fmt::format("Plan for {}: {} change{}", plan.target, plan.changes.size(),
                                plan.changes.size() == 1 ? "" : "s");
  // A plan over several schemas (a warehouse's tenants) is read one schema
  // at a time; each change keeps its number, the order in which it runs.
  std::map<std::string, std::vector<size_t>> by_schema;
  for (size_t i = 0; i < plan.changes.size(); ++i) by_schema[diff::SchemaOf(plan.changes[i].op)].push_back(i);
  bool grouped = by_schema.size() > 1;
  if (grouped) out += fmt::format(" in {} schemas, numbered in the order they run", by_schema.size());
  out += "\n";
  auto line = [&](size_t i) {
    const auto& c = plan.changes[i];
    std::string kind = diff::KindName(c.op);
    for (auto& ch : kind)
      if (ch == '_') ch = ' ';
    std::string pad = grouped ? "  " : "";
    out += fmt::format("{}  {:>3}. {} {}", pad, i + 1, kind, diff::ObjectName(c.op));
    if (auto* ac = std::get_if<diff::AlterColumn>(&c.op)) out += " (" + diff::Describe(ac->kind) + ")";
    if (!c.reason.empty()) out += " — " + c.reason;
    std::string loc = Location(c.src, sm);
    if (!loc.empty()) out += "  [" + loc + "]";
    out += "\n";
    for (const auto& f : findings)
      if (f.change == i)
        out += fmt::format("{}       {} {} {}: {}{}\n", pad, lint::SeverityName(f.severity), lint::GetRule(f.rule).code,
                           lint::GetRule(f.rule).slug, f.message,
                           f.allowed ? " (allowed" + (f.reason.empty() ? std::string() : ": " + f.reason) + ")" : "");
  };
  if (!grouped) {
    for (size_t i = 0; i < plan.changes.size(); ++i) line(i);
  } else {
    for (const auto& [schema, changes] : by_schema) {
      out += fmt::format("  schema {}: {} change{}\n", schema, changes.size(), changes.size() == 1 ? "" : "s");
      for (size_t i : changes) line(i);
    }
  }
  size_t outside = 0;
  for (const auto& s : script.statements)
    if (!s.transactional) ++outside;
  out += fmt::format("{} statement{}", script.statements.size(), script.statements.size() == 1 ? "" : "s");
  if (outside) out += fmt::format(", {} outside the transaction", outside);
  out += ".\n";
  return out;
}

auto PlanJson(const plan::Plan& plan, const target::Script& script, const source::SourceManager& sm,
              const std::vector<lint::Finding>& findings, const catalog::Catalog* to, const target::Backend* backend)
    -> std::string {
  Json root;
  root["format"] = "schemac.plan/1";
  root["target"] = plan.target;
  root["transactional"] = plan.transactional;
  std::map<std::string, int> summary = {{"new_schemas", 0},     {"removed_schemas", 0}, {"new_tables", 0},
                                        {"removed_tables", 0},  {"renamed_tables", 0},  {"new_columns", 0},
                                        {"removed_columns", 0}, {"renamed_columns", 0}, {"type_changes", 0},
                                        {"new_views", 0},       {"removed_views", 0},   {"new_indexes", 0},
                                        {"removed_indexes", 0}};
  Json changes = Json::array();
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    Json j;
    j["index"] = i;
    j["kind"] = diff::KindName(c.op);
    j["object"] = diff::ObjectName(c.op);
    BeforeAfter(c.op, j);
    if (!c.reason.empty()) j["reason"] = c.reason;
    j["after_changes"] = c.after;
    Json hazards = Json::array();
    for (const auto& f : findings)
      if (f.change == i) hazards.push_back(Json::parse(FindingJson(f, plan, sm)));
    j["hazards"] = std::move(hazards);
    Json stmts = Json::array();
    for (size_t k = 0; k < script.statements.size(); ++k)
      if (const auto& s = script.statements[k]; s.change == i)
        stmts.push_back(Json{{"sql", s.sql}, {"transactional", s.transactional}, {"rerunnable", s.rerunnable},
                             {"position", k}});
    j["statements"] = std::move(stmts);
    if (c.src.valid()) {
      j["source"] = Json{{"file", sm.Path(c.src.file)}, {"line", c.src.line}, {"column", c.src.col}};
      if (sm.HasIteration(c.src.expansion)) j["source"]["iteration"] = sm.DescribeIteration(c.src.expansion);
    }
    changes.push_back(std::move(j));
    std::string k = diff::KindName(c.op);
    if (k == "create_schema") ++summary["new_schemas"];
    if (k == "drop_schema") ++summary["removed_schemas"];
    if (k == "create_table") ++summary["new_tables"];
    if (k == "drop_table") ++summary["removed_tables"];
    if (k == "rename_table") ++summary["renamed_tables"];
    if (k == "add_column" && c.reason.empty()) ++summary["new_columns"];
    if (k == "drop_column" && c.reason.empty()) ++summary["removed_columns"];
    if (k == "rename_column") ++summary["renamed_columns"];
    if (k == "create_index") ++summary["new_indexes"];
    if (k == "drop_index") ++summary["removed_indexes"];
    if ((k == "create_view" || k == "create_materialized_view") && c.reason.empty()) ++summary["new_views"];
    if ((k == "drop_view" || k == "drop_materialized_view") && c.reason.empty()) ++summary["removed_views"];
    if (auto* ac = std::get_if<diff::AlterColumn>(&c.op); ac && diff::Is(ac->kind, diff::ChangeKind::Type))
      ++summary["type_changes"];
  }
  root["changes"] = std::move(changes);
  Json s;
  for (const auto& [k, v] : summary) s[k] = v;
  root["summary"] = std::move(s);
  if (to && backend) TableChanges(plan, *to, *backend, root);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace schemac::driver
