// Emitting a plan as Flink SQL. Flink DDL changes catalog metadata only (no
// data moves in the connector's system) and is not transactional: each
// statement takes effect on its own, so every step is written to be run
// again after a failure where Flink has the form (IF [NOT] EXISTS).
#include <fmt/format.h>

#include <set>

#include "backends/flink/flink.h"

namespace schemac::backends::flink {
namespace {

using namespace diff;

auto Join(const std::vector<std::string>& items) -> std::string {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

auto Columns(const std::vector<std::string>& names) -> std::string {
  std::vector<std::string> q;
  for (const auto& n : names) q.push_back(QuoteIdent(n));
  return Join(q);
}

/// A column as CREATE TABLE and ALTER TABLE ADD/MODIFY write it: physical
/// (`c` T [NOT NULL]), computed (`c` AS expr) or metadata (`c` T METADATA
/// [FROM 'k'] [VIRTUAL]), then its COMMENT.
auto ColumnDefinition(const catalog::Column& c) -> std::string {
  std::string out = QuoteIdent(c.name);
  if (c.generated) out += " AS " + *c.generated;
  else {
    out += " " + c.type;
    if (c.metadata) {
      out += " METADATA";
      if (!c.metadata->key.empty()) out += " FROM " + QuoteLiteral(c.metadata->key);
      if (c.metadata->is_virtual) out += " VIRTUAL";
    } else if (c.not_null) {
      out += " NOT NULL";
    }
  }
  if (c.comment) out += " COMMENT " + QuoteLiteral(*c.comment);
  return out;
}

auto PrimaryKey(const catalog::Table& t) -> const catalog::Constraint* {
  for (const auto& k : t.constraints)
    if (k.kind == catalog::Constraint::Kind::PrimaryKey) return &k;
  return nullptr;
}

auto KeyDefinition(const catalog::Constraint& k) -> std::string {
  return "CONSTRAINT " + QuoteIdent(k.name) + " PRIMARY KEY (" + Columns(k.columns) + ") NOT ENFORCED";
}

auto WatermarkDefinition(const catalog::Table::Watermark& w) -> std::string {
  return "WATERMARK FOR " + QuoteIdent(w.column) + " AS " + w.expression;
}

/// The connector's options: every option but schemac's own.
auto ConnectorOptions(const catalog::Table& t) -> std::vector<std::pair<std::string, std::string>> {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : t.options)
    if (k.rfind("schemac.", 0) != 0) out.emplace_back(k, v);
  return out;
}

auto CreateTableSql(const std::string& schema, const catalog::Table& t) -> std::string {
  std::vector<std::string> items;
  for (const auto& c : t.columns) items.push_back(ColumnDefinition(c));
  if (t.watermark) items.push_back(WatermarkDefinition(*t.watermark));
  if (const auto* pk = PrimaryKey(t)) items.push_back(KeyDefinition(*pk));
  std::string sql = "CREATE TABLE IF NOT EXISTS " + QuoteName(schema, t.name) + " (";
  for (size_t i = 0; i < items.size(); ++i) sql += (i ? ",\n    " : "\n    ") + items[i];
  sql += "\n)";
  if (t.comment) sql += "\nCOMMENT " + QuoteLiteral(*t.comment);
  if (auto it = t.options.find(kPartitionedBy); it != t.options.end()) sql += "\nPARTITIONED BY (" + it->second + ")";
  auto options = ConnectorOptions(t);
  if (!options.empty()) {
    sql += "\nWITH (";
    for (size_t i = 0; i < options.size(); ++i)
      sql += (i ? ",\n    " : "\n    ") + QuoteLiteral(options[i].first) + " = " + QuoteLiteral(options[i].second);
    sql += "\n)";
  }
  return sql + ";";
}

struct Emitter {
  target::Script script;
  size_t change = 0;
  diag::Engine* diags = nullptr;
  const plan::Plan* plan = nullptr;
  bool failed = false;
  /// Tables under `evolution registry` whose value schema this plan changes:
  /// their physical columns change through Schema Registry, not ALTER TABLE.
  std::set<std::pair<std::string, std::string>> registry;

  /// A physical column of a registry table: the change is in the new value
  /// schema the table's alter_table states; here only a note.
  auto InRegistry(const std::string& schema, const std::string& table, const catalog::Column& c, const std::string& what)
      -> bool {
    if (!registry.count({schema, table}) || !Physical(c)) return false;
    Put("-- in the new value schema (Schema Registry, see alter_table " + schema + "." + table + "): field " +
            QuoteIdent(c.name) + " " + what,
        true);
    return true;
  }

  void Put(std::string sql, bool rerunnable) {
    script.statements.push_back({std::move(sql), change, /*transactional=*/false, rerunnable});
  }
  void NotMade(const std::string& what, const std::string& hint = "") {
    diags->Emit(diag::Kind::UnsupportedChange, plan->changes[change].src, "flink cannot " + what).hint = hint;
    failed = true;
  }
  static auto Alter(const std::string& schema, const std::string& table) -> std::string {
    return "ALTER TABLE " + QuoteName(schema, table);
  }

  void operator()(const CreateSchema& c) { Put("CREATE DATABASE IF NOT EXISTS " + QuoteSchema(c.schema) + ";", true); }
  void operator()(const DropSchema& c) { Put("DROP DATABASE IF EXISTS " + QuoteSchema(c.schema) + ";", true); }
  void operator()(const CreateEnum& c) { NotMade("create enum " + c.schema + "." + c.enum_type.name); }
  void operator()(const DropEnum&) {}  // never created on flink
  void operator()(const RenameEnum&) {}
  void operator()(const AddEnumValue&) {}
  void operator()(const RenameEnumValue&) {}
  void operator()(const CreateCollation& c) { NotMade("create collation " + c.schema + "." + c.collation.name); }
  void operator()(const DropCollation& c) { NotMade("drop collation " + c.schema + "." + c.collation.name); }
  void operator()(const CreateSequence& c) { NotMade("create sequence " + c.schema + "." + c.sequence.name); }
  void operator()(const DropSequence& c) { NotMade("drop sequence " + c.schema + "." + c.sequence.name); }
  void operator()(const AlterSequence& c) { NotMade("alter sequence " + c.schema + "." + c.to.name); }
  void operator()(const AttachPartition& c) { NotMade("attach partition " + c.schema + "." + c.table); }
  void operator()(const CreateTable& c) { Put(CreateTableSql(c.schema, c.table), true); }
  void operator()(const DropTable& c) { Put("DROP TABLE IF EXISTS " + QuoteName(c.schema, c.table.name) + ";", true); }
  void operator()(const RenameTable& c) {
    // Not re-runnable: run again, the old name is gone.
    Put(Alter(c.schema, c.from) + " RENAME TO " + QuoteIdent(c.to) + ";", false);
  }
  void operator()(const AlterTable& c) {
    const std::string table = Alter(c.schema, c.to.name);
    auto old_schema = c.from.options.find(kValueSchema), new_schema = c.to.options.find(kValueSchema);
    if (new_schema != c.to.options.end() &&
        (old_schema == c.from.options.end() || old_schema->second != new_schema->second)) {
      auto topic = c.to.options.find("topic");
      std::string subject = (topic == c.to.options.end() ? c.to.name : topic->second) + "-value";
      auto mode = c.to.options.find(kCompatibility);
      std::string mode_name = mode == c.to.options.end() ? std::string("BACKWARD") : mode->second;
      // The verdict Schema Registry will give, before it gives it.
      std::string verdict = "-- compatibility " + mode_name + ": ";
      auto breaks = Incompatible(c.from, c.to);
      if (breaks.empty()) verdict += "compatible";
      else {
        verdict += "INCOMPATIBLE, the registry will refuse it (lint BC104):";
        for (const auto& [column, message] : breaks) verdict += "\n--   " + message;
      }
      Put("-- Schema Registry: register this value schema under subject '" + subject + "' (compatibility " + mode_name +
              "); Confluent Cloud changes the table's physical columns from it (no ALTER TABLE can):\n-- " +
              new_schema->second + "\n" + verdict,
          true);
    }
    if (c.from.watermark != c.to.watermark) {
      if (!c.to.watermark) Put(table + " DROP WATERMARK;", false);
      else Put(table + (c.from.watermark ? " MODIFY " : " ADD ") + WatermarkDefinition(*c.to.watermark) + ";", false);
    }
    auto from = ConnectorOptions(c.from), to = ConnectorOptions(c.to);
    std::vector<std::string> set, reset;
    for (const auto& [k, v] : to)
      if (std::find(from.begin(), from.end(), std::pair{k, v}) == from.end())
        set.push_back(QuoteLiteral(k) + " = " + QuoteLiteral(v));
    for (const auto& [k, v] : from)
      if (!c.to.options.count(k)) reset.push_back(QuoteLiteral(k));
    // SET and RESET leave the options as they say: both run again the same.
    if (!set.empty()) Put(table + " SET (" + Join(set) + ");", true);
    if (!reset.empty()) Put(table + " RESET (" + Join(reset) + ");", true);
  }
  /// `evolution versioned`: the new shape is a new version of the table,
  /// `t_v2`, filled by a streaming copy of the old one; then the old one is
  /// dropped and the new one takes its name. Between the steps the operator
  /// moves the jobs, which the plan says where they go.
  void operator()(const RebuildTable& c) {
    const std::string table = QuoteName(c.schema, c.to.name);
    if (Evolution(c.to) != "versioned") {
      // `alter`: a change no ALTER TABLE makes (a column renamed that a
      // computed column reads) defines the table again. Flink DDL holds no
      // data: it stays where the connector keeps it.
      Put("-- the table is defined again: its data stays where the connector keeps it\nDROP TABLE IF EXISTS " + table +
              ";",
          true);
      Put(CreateTableSql(c.schema, c.to), true);
      return;
    }
    const std::string version_name = c.to.name + "_v2";
    const std::string version = QuoteName(c.schema, version_name);
    catalog::Table fresh = c.to;
    fresh.name = version_name;
    Put("-- step 1 of 3: the new version of " + QuoteIdent(c.to.name) + ", " + QuoteIdent(version_name) + ", empty\n" +
            CreateTableSql(c.schema, fresh),
        true);
    std::vector<std::string> targets, sources;
    for (const auto& col : c.to.columns) {
      if (!Physical(col)) continue;  // computed and metadata columns are not written
      const catalog::Column* was = c.from.FindColumn(col.name);
      std::string old_name = col.name;
      if (col.renamed_from && c.from.FindColumn(*col.renamed_from)) {
        was = c.from.FindColumn(*col.renamed_from);
        old_name = *col.renamed_from;
      }
      std::string value;
      if (!was) {
        // A new column: its default (lowering keeps it for this), else NULL.
        value = "CAST(" + (col.default_expr ? *col.default_expr : std::string("NULL")) + " AS " + col.type + ")";
      } else {
        value = QuoteIdent(old_name);
        if (was->type != col.type) value = "CAST(" + value + " AS " + col.type + ")";
        // A column that becomes NOT NULL takes its default where the old value is NULL.
        if (col.not_null && !was->not_null && col.default_expr)
          value = "COALESCE(" + value + ", CAST(" + *col.default_expr + " AS " + col.type + "))";
      }
      if (value != QuoteIdent(col.name)) value += " AS " + QuoteIdent(col.name);
      targets.push_back(QuoteIdent(col.name));
      sources.push_back(value);
    }
    // Not re-runnable: a second copy job would write every row again.
    Put("-- step 2 of 3: copy. This INSERT starts a streaming job that copies every row of " + QuoteIdent(c.to.name) +
            " into " + QuoteIdent(version_name) +
            "\n-- and goes on copying what is written to it. Then: stop the jobs that write " +
            QuoteIdent(c.to.name) + ", wait until\n-- the copy job has caught up (no lag), and stop it.\n" + "INSERT INTO " +
            version + " (" + Join(targets) + ")\nSELECT " + Join(sources) + "\nFROM " + table + ";",
        false);
    Put("-- step 3 of 3 (once the copy job is stopped): the new version takes the old one's name. Then start\n"
        "-- the jobs that read or write " +
            QuoteIdent(c.to.name) + " again: they use the new version.\nDROP TABLE IF EXISTS " + table + ";",
        true);
    Put(Alter(c.schema, version_name) + " RENAME TO " + QuoteIdent(c.to.name) + ";", false);
  }
  void operator()(const AddColumn& c) {
    if (InRegistry(c.schema, c.table, c.column, "added")) return;
    // Where the desired table has it (Flink appends otherwise).
    std::string where = !c.after ? "" : c.after->empty() ? " FIRST" : " AFTER " + QuoteIdent(*c.after);
    Put(Alter(c.schema, c.table) + " ADD " + ColumnDefinition(c.column) + where + ";", false);
  }
  void operator()(const DropColumn& c) {
    if (InRegistry(c.schema, c.table, c.column, "removed")) return;
    Put(Alter(c.schema, c.table) + " DROP " + QuoteIdent(c.column.name) + ";", false);
  }
  void operator()(const RenameColumn& c) {
    Put(Alter(c.schema, c.table) + " RENAME " + QuoteIdent(c.from) + " TO " + QuoteIdent(c.to) + ";", false);
  }
  void operator()(const AlterColumn& c) {
    // A default is not declared on flink (it only says what a copy fills a
    // new column with): a change of it alone runs nothing.
    if (c.kind == ChangeKind::Default) return;
    if (registry.count({c.schema, c.table}) && Physical(c.from) != Physical(c.to)) {
      // A computed or metadata column becomes a field of the value schema, or
      // the other way: the table's own column goes or comes with ALTER TABLE,
      // the field with the new value schema.
      if (Physical(c.to)) {
        Put(Alter(c.schema, c.table) + " DROP " + QuoteIdent(c.from.name) + ";", false);
        InRegistry(c.schema, c.table, c.to, "added");
      } else {
        InRegistry(c.schema, c.table, c.from, "removed");
        Put(Alter(c.schema, c.table) + " ADD " + ColumnDefinition(c.to) + ";", false);
      }
      return;
    }
    if (InRegistry(c.schema, c.table, c.to, "changed (" + c.to.type + (c.to.not_null ? " NOT NULL" : "") + ")")) return;
    // MODIFY states the whole column: running it again changes nothing.
    Put(Alter(c.schema, c.table) + " MODIFY " + ColumnDefinition(c.to) + ";", true);
  }
  void operator()(const AddConstraint& c) {
    if (c.constraint.kind != catalog::Constraint::Kind::PrimaryKey)
      return NotMade("add constraint " + c.constraint.name + " on " + c.schema + "." + c.table,
                     "flink has only a primary key, NOT ENFORCED");
    Put(Alter(c.schema, c.table) + " ADD " + KeyDefinition(c.constraint) + ";", false);
  }
  void operator()(const DropConstraint& c) {
    if (c.constraint.kind != catalog::Constraint::Kind::PrimaryKey) return;  // never declared on flink
    Put(Alter(c.schema, c.table) + " DROP PRIMARY KEY;", false);
  }
  void operator()(const RenameConstraint& c) {
    NotMade("rename constraint " + c.from + " on " + c.schema + "." + c.table,
            "keep the key's name, or drop and add it under the new one");
  }
  void operator()(const AlterConstraint&) {}  // deferrability: flink keys are never checked
  void operator()(const CreateIndex& c) { NotMade("create index " + c.index.name + " on " + c.schema + "." + c.table); }
  void operator()(const DropIndex&) {}  // never created on flink
  void operator()(const RenameIndex&) {}
  void operator()(const CreateView& c) {
    const std::string& body = c.view.source.empty() ? c.view.definition : c.view.source;
    size_t last_line = body.rfind('\n');
    bool comment_at_end = body.find("--", last_line == std::string::npos ? 0 : last_line) != std::string::npos;
    // The body's unqualified names are read in the session's database, which
    // is the view's own.
    Put("USE " + QuoteSchema(c.schema) + ";", true);
    Put("CREATE VIEW IF NOT EXISTS " + QuoteName(c.schema, c.view.name) +
            (c.view.comment ? " COMMENT " + QuoteLiteral(*c.view.comment) : "") + " AS\n" + body +
            (comment_at_end ? "\n;" : ";"),
        true);
  }
  void operator()(const DropView& c) { Put("DROP VIEW IF EXISTS " + QuoteName(c.schema, c.view.name) + ";", true); }
  void operator()(const SetComment& c) {
    NotMade("change the comment of " + c.schema + "." + c.name + " in place",
            "flink has no statement for it; keep the comment, or drop and create the object");
  }
  void operator()(const CreatePipe& c) { NotMade("create pipe " + c.schema + "." + c.pipe.name, "pipes are Snowflake's"); }
  void operator()(const DropPipe& c) { NotMade("drop pipe " + c.schema + "." + c.pipe.name, "pipes are Snowflake's"); }
  void operator()(const PausePipe& c) { NotMade("pause pipe " + c.schema + "." + c.pipe.name, "pipes are Snowflake's"); }
  void operator()(const ReplacePipe& c) { NotMade("replace pipe " + c.schema + "." + c.to.name, "pipes are Snowflake's"); }
};

}  // namespace

auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script> {
  Emitter e;
  e.diags = &diags;
  e.plan = &plan;
  for (const auto& c : plan.changes)
    if (const auto* a = std::get_if<AlterTable>(&c.op))
      if (Evolution(a->to) == "registry" && a->to.options.count(kValueSchema)) e.registry.insert({a->schema, a->to.name});
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    e.change = i;
    std::visit(e, plan.changes[i].op);
  }
  if (e.failed) return std::nullopt;
  return std::move(e.script);
}

auto Render(const plan::Plan& plan, const target::Script& script) -> std::string {
  std::string out = fmt::format("-- schemac migration for flink: {} change{}\n", plan.changes.size(),
                                plan.changes.size() == 1 ? "" : "s");
  if (script.statements.empty()) return out + "-- nothing to do: the catalog already matches\n";
  bool all = true;
  for (const auto& s : script.statements) all = all && s.rerunnable;
  out +=
      "-- Flink DDL changes catalog metadata only (no data moves) and commits each statement on its own.\n"
      "-- Stop the jobs that read or write a changed table first; start them again after.\n";
  if (!all)
    out +=
        "-- The statements marked 'once' fail when run again after they succeeded; if the script\n"
        "-- stopped after one of them, plan again from the catalog as it is.\n";
  return out + target::RenderStatements(plan, script, /*mark_once=*/true);
}

}  // namespace schemac::backends::flink
