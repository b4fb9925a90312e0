// Emitting a plan as Firebolt statements. Firebolt DDL is not transactional:
// each statement commits on its own, so every step is written to be run
// again after a failure (IF [NOT] EXISTS where Firebolt accepts it), and a
// table Firebolt cannot alter is rebuilt: created anew under t__new, the rows
// copied, the names swapped, the old table dropped.
#include <fmt/format.h>

#include <set>

#include "backends/firebolt/firebolt.h"

namespace schemac::backends::firebolt {
namespace {

using namespace diff;

auto ColumnDefinition(const catalog::Column& c) -> std::string {
  std::string out = QuoteIdent(c.name) + " " + c.type + (c.not_null ? " NOT NULL" : " NULL");
  if (c.default_expr) out += " DEFAULT " + *c.default_expr;
  return out;
}

auto Join(const std::vector<std::string>& items) -> std::string {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

struct Emitter {
  target::Script script;
  size_t change = 0;
  diag::Engine* diags = nullptr;
  const plan::Plan* plan = nullptr;
  bool failed = false;

  void Put(std::string sql, bool rerunnable) {
    script.statements.push_back({std::move(sql), change, /*transactional=*/false, rerunnable});
  }
  void NotMade(const std::string& what, const std::string& hint = "") {
    diags->Emit(diag::Kind::UnsupportedChange, plan->changes[change].src, "firebolt cannot " + what).hint = hint;
    failed = true;
  }

  void operator()(const CreateSchema& c) { NotMade("create schema " + c.schema, "declare the objects outside a schema block"); }
  void operator()(const DropSchema& c) { NotMade("drop schema " + c.schema, "drop its tables by hand"); }
  void operator()(const CreateEnum& c) { NotMade("create enum " + c.schema + "." + c.enum_type.name); }
  void operator()(const DropEnum&) {}  // an enum is never created on firebolt: nothing to drop
  void operator()(const RenameEnum&) {}
  void operator()(const AddEnumValue&) {}
  void operator()(const RenameEnumValue&) {}
  void operator()(const CreateCollation& c) { NotMade("create collation " + c.schema + "." + c.collation.name); }
  void operator()(const DropCollation& c) { NotMade("drop collation " + c.schema + "." + c.collation.name); }
  void operator()(const CreateSequence& c) { NotMade("create sequence " + c.schema + "." + c.sequence.name); }
  void operator()(const DropSequence& c) { NotMade("drop sequence " + c.schema + "." + c.sequence.name); }
  void operator()(const AlterSequence& c) { NotMade("alter sequence " + c.schema + "." + c.to.name); }
  void operator()(const AttachPartition& c) { NotMade("attach partition " + c.schema + "." + c.table); }
  void operator()(const CreateTable& c) { Put(CreateTableSql(c.schema, c.table.name, c.table), true); }
  void operator()(const DropTable& c) { Put("DROP TABLE IF EXISTS " + QuoteTable(c.schema, c.table.name) + ";", true); }
  void operator()(const RenameTable& c) {
    // Not re-runnable: a second run finds no table of the old name (and the
    // step is done).
    Put("ALTER TABLE " + QuoteTable(c.schema, c.from) + " RENAME TO " + QuoteIdent(c.to) + ";", false);
  }
  void operator()(const AlterTable&) {
    // DecideTable rebuilds every change of a table's own properties; it lets
    // one through only when the partition expression is the same but for its
    // spelling (the catalog's own), which needs no statement.
  }
  void operator()(const RebuildTable& c) {
    for (auto& [sql, rerunnable] : RebuildStatements(c.schema, c.from, c.to)) Put(std::move(sql), rerunnable);
  }
  void operator()(const AddColumn& c) {
    Put("ALTER TABLE " + QuoteTable(c.schema, c.table) + " ADD COLUMN IF NOT EXISTS " + ColumnDefinition(c.column) + ";",
        true);
  }
  void operator()(const DropColumn& c) {
    NotMade("drop column " + c.schema + "." + c.table + "." + c.column.name + " in place", "the table must be rebuilt");
  }
  // DecideRename rebuilds the table instead (INSERT ... SELECT old AS new).
  void operator()(const RenameColumn& c) {
    NotMade("rename column " + c.schema + "." + c.table + "." + c.from + " in place", "the table must be rebuilt");
  }
  void operator()(const AlterColumn& c) {
    NotMade("alter column " + c.schema + "." + c.table + "." + c.to.name + " in place", "the table must be rebuilt");
  }
  void operator()(const AddConstraint& c) { NotMade("add constraint " + c.constraint.name + " on " + c.schema + "." + c.table); }
  void operator()(const DropConstraint&) {}  // constraints are never created on firebolt
  void operator()(const RenameConstraint&) {}
  void operator()(const AlterConstraint&) {}
  void operator()(const CreateIndex& c) { NotMade("create index " + c.index.name + " on " + c.schema + "." + c.table); }
  void operator()(const DropIndex&) {}  // indexes are never created on firebolt
  void operator()(const RenameIndex&) {}
  void operator()(const CreateView& c) {
    const std::string& body = c.view.source.empty() ? c.view.definition : c.view.source;
    size_t last_line = body.rfind('\n');
    bool comment_at_end = body.find("--", last_line == std::string::npos ? 0 : last_line) != std::string::npos;
    Put("CREATE OR REPLACE VIEW " + QuoteTable(c.schema, c.view.name) + " AS\n" + body + (comment_at_end ? "\n;" : ";"),
        true);
  }
  void operator()(const DropView& c) { Put("DROP VIEW IF EXISTS " + QuoteTable(c.schema, c.view.name) + ";", true); }
  void operator()(const SetComment&) {}
  void operator()(const CreatePipe& c) { NotMade("create pipe " + c.schema + "." + c.pipe.name, "pipes are Snowflake's"); }
  void operator()(const DropPipe& c) { NotMade("drop pipe " + c.schema + "." + c.pipe.name, "pipes are Snowflake's"); }
  void operator()(const PausePipe& c) { NotMade("pause pipe " + c.schema + "." + c.pipe.name, "pipes are Snowflake's"); }
  void operator()(const ReplacePipe& c) { NotMade("replace pipe " + c.schema + "." + c.to.name, "pipes are Snowflake's"); }  // comments are not stored on firebolt (dropped-for-target at lowering)
};

}  // namespace

auto CreateTableSql(const std::string& schema, const std::string& name, const catalog::Table& t) -> std::string {
  std::vector<std::string> cols;
  for (const auto& c : t.columns) cols.push_back(ColumnDefinition(c));
  std::string sql = std::string("CREATE ") + (t.kind == "dimension" ? "DIMENSION" : "FACT") + " TABLE IF NOT EXISTS " +
                    QuoteTable(schema, name) + " (";
  for (size_t i = 0; i < cols.size(); ++i) sql += (i ? ",\n    " : "\n    ") + cols[i];
  sql += cols.empty() ? ")" : "\n)";
  if (!t.cluster_by.empty()) {
    std::vector<std::string> keys;
    for (const auto& k : t.cluster_by) keys.push_back(QuoteIdent(k));
    sql += "\nPRIMARY INDEX " + Join(keys);
  }
  if (auto it = t.options.find("partition_by"); it != t.options.end()) sql += "\nPARTITION BY " + it->second;
  return sql + ";";
}

auto RebuildStatements(const std::string& schema, const catalog::Table& from, const catalog::Table& to)
    -> std::vector<std::pair<std::string, bool>> {
  const std::string table = QuoteTable(schema, to.name);
  const std::string fresh = QuoteTable(schema, to.name + kNewSuffix);
  const std::string old = QuoteTable(schema, to.name + kOldSuffix);
  std::vector<std::string> targets, sources;
  for (const auto& c : to.columns) {
    const catalog::Column* was = from.FindColumn(c.name);
    std::string old_name = c.name;
    if (!was && c.renamed_from && (was = from.FindColumn(*c.renamed_from))) old_name = *c.renamed_from;
    if (!was) continue;  // a new column: it takes its default
    std::string src = QuoteIdent(old_name);
    std::string value = was->type == c.type ? src : "CAST(" + src + " AS " + c.type + ")";
    // A column that becomes NOT NULL takes its default where the old value is NULL.
    if (c.not_null && !was->not_null && c.default_expr) value = "COALESCE(" + value + ", " + *c.default_expr + ")";
    if (value != QuoteIdent(c.name)) value += " AS " + QuoteIdent(c.name);
    targets.push_back(QuoteIdent(c.name));
    sources.push_back(value);
  }
  std::vector<std::pair<std::string, bool>> out;
  // A copy left behind by an earlier run that stopped is dropped first, so
  // the copy steps can always run again while the old table is in place.
  out.push_back({"DROP TABLE IF EXISTS " + fresh + ";", true});
  out.push_back({CreateTableSql(schema, to.name + kNewSuffix, to), true});
  if (!targets.empty())
    out.push_back({"INSERT INTO " + fresh + " (" + Join(targets) + ")\nSELECT " + Join(sources) + "\nFROM " + table + ";",
                   false});
  out.push_back({"ALTER TABLE " + table + " RENAME TO " + QuoteIdent(to.name + kOldSuffix) + ";", false});
  out.push_back({"ALTER TABLE " + fresh + " RENAME TO " + QuoteIdent(to.name) + ";", false});
  out.push_back({"DROP TABLE IF EXISTS " + old + ";", true});
  return out;
}

auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script> {
  Emitter e;
  e.diags = &diags;
  e.plan = &plan;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    e.change = i;
    std::visit(e, plan.changes[i].op);
  }
  if (e.failed) return std::nullopt;
  return e.script;
}

auto Render(const plan::Plan& plan, const target::Script& script) -> std::string {
  std::string out = fmt::format("-- schemac migration for firebolt: {} change{}\n", plan.changes.size(),
                                plan.changes.size() == 1 ? "" : "s");
  if (script.statements.empty()) return out + "-- nothing to do: the database already matches\n";
  out +=
      "-- Firebolt DDL is not transactional: each statement commits on its own. If one fails,\n"
      "-- fix the cause and run the script again from that statement; a rebuild may also be\n"
      "-- run again from its first statement while its ALTER TABLE ... RENAME steps have not run.\n";
  if (plan.online) out += "-- --online changes nothing on firebolt: it has no lock-friendly forms (a rebuild copies every row).\n";
  return out + target::RenderStatements(plan, script, /*mark_once=*/false);
}

}  // namespace schemac::backends::firebolt
