// Emitting a plan as Snowflake statements. Snowflake commits every DDL
// statement on its own, so there is no transaction to roll back to: every
// statement is written so that running the whole script again after a
// failure finishes the work (IF [NOT] EXISTS, OR REPLACE, and a table
// rebuild that is safe to repeat from any point; docs/backends/snowflake.md).
// The few statements Snowflake has no such form for are marked not
// re-runnable, and the script's header says what to do then.
#include <fmt/format.h>

#include "backends/snowflake/snowflake.h"

namespace schemac::backends::snowflake {
namespace {

using namespace diff;

auto ColumnList(const std::vector<std::string>& cols) -> std::string {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + QuoteIdent(c);
  return out;
}

auto ColumnDefinition(const catalog::Column& c) -> std::string {
  // BINARY without a length is what the catalog reports as BINARY(8388608).
  std::string out = QuoteIdent(c.name) + " " + (c.type == kBinaryMax ? std::string("BINARY") : c.type);
  if (!c.identity.empty()) out += " AUTOINCREMENT";
  else if (c.default_expr) out += " DEFAULT " + *c.default_expr;
  if (c.not_null) out += " NOT NULL";
  if (c.comment) out += " COMMENT " + QuoteLiteral(*c.comment);
  return out;
}

auto ConstraintDefinition(const catalog::Constraint& k) -> std::string {
  std::string out = "CONSTRAINT " + QuoteIdent(k.name) + " ";
  switch (k.kind) {
    case catalog::Constraint::Kind::PrimaryKey: return out + "PRIMARY KEY (" + ColumnList(k.columns) + ")";
    case catalog::Constraint::Kind::Unique: return out + "UNIQUE (" + ColumnList(k.columns) + ")";
    case catalog::Constraint::Kind::ForeignKey:
      return out + "FOREIGN KEY (" + ColumnList(k.columns) + ") REFERENCES " +
             QuoteQualified(k.ref_table.schema, k.ref_table.name) + " (" + ColumnList(k.ref_columns) + ")";
    default: return "";  // Lower keeps no other kind
  }
}

/// `CREATE [OR REPLACE] [TRANSIENT] TABLE [IF NOT EXISTS] name (...) options`.
/// CREATE TABLE for `t` named `name`; with `replace`, CREATE OR REPLACE that
/// keeps the grants of the table it replaces (COPY GRANTS).
auto CreateTableSql(const std::string& schema, const std::string& name, const catalog::Table& t, bool replace)
    -> std::string {
  std::vector<std::string> items;
  for (const auto& col : t.columns) items.push_back(ColumnDefinition(col));
  for (const auto& k : t.constraints) items.push_back(ConstraintDefinition(k));
  std::string sql = replace ? "CREATE OR REPLACE " : "CREATE ";
  if (t.kind == "transient") sql += "TRANSIENT ";
  sql += std::string("TABLE ") + (replace ? "" : "IF NOT EXISTS ") + QuoteQualified(schema, name) + " (";
  for (size_t i = 0; i < items.size(); ++i) sql += (i ? ",\n    " : "\n    ") + items[i];
  sql += "\n)";
  if (!t.cluster_by.empty()) {
    std::string keys;
    for (const auto& k : t.cluster_by) keys += (keys.empty() ? "" : ", ") + k;
    sql += " CLUSTER BY (" + keys + ")";
  }
  if (auto it = t.options.find("data_retention_time_in_days"); it != t.options.end())
    sql += " DATA_RETENTION_TIME_IN_DAYS = " + it->second;
  if (t.options.count("change_tracking")) sql += " CHANGE_TRACKING = TRUE";
  if (replace) sql += " COPY GRANTS";
  if (t.comment) sql += " COMMENT = " + QuoteLiteral(*t.comment);
  return sql + ";";
}

auto PipeName(const std::string& schema, const catalog::Pipe& p) -> std::string { return QuoteQualified(schema, p.name); }

auto CreatePipeSql(const std::string& schema, const catalog::Pipe& p, bool replace) -> std::string {
  return std::string(replace ? "CREATE OR REPLACE PIPE " : "CREATE PIPE IF NOT EXISTS ") + PipeName(schema, p) +
         (p.auto_ingest ? " AUTO_INGEST = TRUE" : "") + (p.comment ? " COMMENT = " + QuoteLiteral(*p.comment) : "") +
         " AS\n" + p.definition + ";";
}

/// How long the drain of a paused pipe may take before the script fails.
constexpr int kDrainTimeoutSeconds = 3600;
constexpr int kDrainPollSeconds = 10;

struct Emitter {
  target::Script script;
  size_t change = 0;
  diag::Engine* diags = nullptr;
  const plan::Plan* plan = nullptr;
  bool failed = false;

  void Put(std::string sql, bool rerunnable = true) {
    script.statements.push_back({std::move(sql), change, /*transactional=*/false, rerunnable});
  }
  void NotMade(const std::string& what) {
    diags->Emit(diag::Kind::UnsupportedChange, plan->changes[change].src, "snowflake does not " + what);
    failed = true;
  }
  static auto Table(const std::string& schema, const std::string& name) -> std::string {
    return "ALTER TABLE IF EXISTS " + QuoteQualified(schema, name);
  }

  void operator()(const CreateSchema& c) { Put("CREATE SCHEMA IF NOT EXISTS " + QuoteIdent(c.schema) + ";"); }
  void operator()(const DropSchema& c) { Put("DROP SCHEMA IF EXISTS " + QuoteIdent(c.schema) + ";"); }
  // Lower makes no enums, collations, sequences, indexes or partitions: a
  // plan that holds them was made for another target.
  void operator()(const CreateEnum& c) { NotMade("have enum types (" + c.enum_type.name + ")"); }
  void operator()(const DropEnum& c) { NotMade("have enum types (" + c.enum_type.name + ")"); }
  void operator()(const RenameEnum& c) { NotMade("have enum types (" + c.from + ")"); }
  void operator()(const AddEnumValue& c) { NotMade("have enum types (" + c.name + ")"); }
  void operator()(const RenameEnumValue& c) { NotMade("have enum types (" + c.name + ")"); }
  void operator()(const CreateCollation& c) { NotMade("have collation objects (" + c.collation.name + ")"); }
  void operator()(const DropCollation& c) { NotMade("have collation objects (" + c.collation.name + ")"); }
  void operator()(const CreateSequence& c) { NotMade("create sequences in schemac yet (" + c.sequence.name + ")"); }
  void operator()(const DropSequence& c) { NotMade("create sequences in schemac yet (" + c.sequence.name + ")"); }
  void operator()(const AlterSequence& c) { NotMade("create sequences in schemac yet (" + c.to.name + ")"); }
  void operator()(const AttachPartition& c) { NotMade("have partitions (" + c.table + ")"); }
  void operator()(const CreateIndex& c) { NotMade("have indexes (" + c.index.name + ")"); }
  void operator()(const DropIndex& c) { NotMade("have indexes (" + c.index.name + ")"); }
  void operator()(const RenameIndex& c) { NotMade("have indexes (" + c.from + ")"); }
  void operator()(const AlterConstraint& c) { NotMade("check constraints later (" + c.to.name + ")"); }

  void operator()(const CreateTable& c) { Put(CreateTableSql(c.schema, c.table.name, c.table, false)); }
  void operator()(const DropTable& c) { Put("DROP TABLE IF EXISTS " + QuoteQualified(c.schema, c.table.name) + ";"); }
  void operator()(const RenameTable& c) {
    // Run again after it succeeded, the old name is gone and IF EXISTS makes it a no-op.
    Put(Table(c.schema, c.from) + " RENAME TO " + QuoteQualified(c.schema, c.to) + ";");
  }
  void operator()(const AlterTable& c) {
    std::string table = Table(c.schema, c.to.name);
    if (c.from.cluster_by != c.to.cluster_by) {
      if (c.to.cluster_by.empty()) {
        Put(table + " DROP CLUSTERING KEY;");
      } else {
        std::string keys;
        for (const auto& k : c.to.cluster_by) keys += (keys.empty() ? "" : ", ") + k;
        Put(table + " CLUSTER BY (" + keys + ");");
      }
    }
    auto get = [](const catalog::Table& t, const char* key) -> std::optional<std::string> {
      auto it = t.options.find(key);
      return it == t.options.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    if (get(c.from, "change_tracking") != get(c.to, "change_tracking"))
      Put(table + " SET CHANGE_TRACKING = " + (get(c.to, "change_tracking") ? "TRUE" : "FALSE") + ";");
    auto retention = get(c.to, "data_retention_time_in_days");
    if (get(c.from, "data_retention_time_in_days") != retention)
      Put(table + (retention ? " SET DATA_RETENTION_TIME_IN_DAYS = " + *retention : " UNSET DATA_RETENTION_TIME_IN_DAYS") +
          ";");
    if (c.from.kind != c.to.kind) NotMade("change a table's kind in place (DecideTable rebuilds it)");
  }
  /// The table made anew. Each step is safe to run again from the start
  /// wherever the script stopped:
  ///   1. CREATE OR REPLACE the new table: empty, with the new shape;
  ///   2. copy the rows into it, cast to the new types;
  ///   3. SWAP the names (one atomic metadata operation);
  ///   4. drop the new name, which now holds the old table.
  /// Stopped before 3, the old table is untouched and the run starts over.
  /// Stopped after 3, the table already has the new shape and its rows: the
  /// second run replaces the leftover old table with an empty copy of the
  /// new shape, copies the rows again (from new shape to new shape: the same
  /// values), swaps and drops, which leaves the same table. Nothing is
  /// copied back from the old shape after the swap, because the copy always
  /// reads the table under the real name.
  void operator()(const RebuildTable& c) {
    std::string next = c.to.name + kRebuildSuffix;
    // SWAP WITH swaps the grants too: the new table first takes the real
    // table's grants (LIKE ... COPY GRANTS), then its new shape, keeping them
    // (CREATE OR REPLACE ... COPY GRANTS), so they are on the table that
    // ends up under the real name.
    Put("CREATE OR REPLACE TABLE " + QuoteQualified(c.schema, next) + " LIKE " + QuoteQualified(c.schema, c.to.name) +
        " COPY GRANTS;");
    Put(CreateTableSql(c.schema, next, c.to, true));
    std::string cols, select;
    for (const auto& col : c.to.columns) {
      // A column the rebuild renames has its old name on the `from` side.
      const catalog::Column* old = c.from.FindColumn(col.name);
      if (!old && col.renamed_from) old = c.from.FindColumn(*col.renamed_from);
      if (!old) continue;  // new columns get their defaults
      cols += (cols.empty() ? "" : ", ") + QuoteIdent(col.name);
      select += (select.empty() ? "" : ", ") +
                (old->type == col.type ? QuoteIdent(old->name) : "CAST(" + QuoteIdent(old->name) + " AS " + col.type + ")");
    }
    if (!cols.empty())
      Put("INSERT INTO " + QuoteQualified(c.schema, next) + " (" + cols + ")\nSELECT " + select + " FROM " +
          QuoteQualified(c.schema, c.to.name) + ";");
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.to.name) + " SWAP WITH " + QuoteQualified(c.schema, next) + ";");
    Put("DROP TABLE IF EXISTS " + QuoteQualified(c.schema, next) + ";");
  }
  void operator()(const AddColumn& c) {
    Put(Table(c.schema, c.table) + " ADD COLUMN IF NOT EXISTS " + ColumnDefinition(c.column) + ";");
  }
  void operator()(const DropColumn& c) {
    Put(Table(c.schema, c.table) + " DROP COLUMN IF EXISTS " + QuoteIdent(c.column.name) + ";");
  }
  void operator()(const RenameColumn& c) {
    // No IF EXISTS for a column: run again, the old name is gone and it fails.
    Put(Table(c.schema, c.table) + " RENAME COLUMN " + QuoteIdent(c.from) + " TO " + QuoteIdent(c.to) + ";", false);
  }
  void operator()(const AlterColumn& c) {
    // One statement per action: each is its own commit, and each does the
    // same when run again.
    std::string alter = Table(c.schema, c.table) + " ALTER COLUMN " + QuoteIdent(c.to.name) + " ";
    if (Is(c.kind, ChangeKind::Type)) Put(alter + "SET DATA TYPE " + c.to.type + ";");
    if (Is(c.kind, ChangeKind::Default) && !c.to.default_expr) Put(alter + "DROP DEFAULT;");
    if (Is(c.kind, ChangeKind::Null)) Put(alter + (c.to.not_null ? "SET NOT NULL;" : "DROP NOT NULL;"));
    if (Is(c.kind, ChangeKind::Comment))
      Put(alter + (c.to.comment ? "COMMENT " + QuoteLiteral(*c.to.comment) : std::string("UNSET COMMENT")) + ";");
  }
  void operator()(const AddConstraint& c) {
    Put(Table(c.schema, c.table) + " ADD " + ConstraintDefinition(c.constraint) + ";", false);
  }
  void operator()(const DropConstraint& c) {
    Put(Table(c.schema, c.table) + " DROP CONSTRAINT " + QuoteIdent(c.constraint.name) + ";", false);
  }
  void operator()(const RenameConstraint& c) {
    Put(Table(c.schema, c.table) + " RENAME CONSTRAINT " + QuoteIdent(c.from) + " TO " + QuoteIdent(c.to) + ";", false);
  }
  void operator()(const CreateView& c) {
    const std::string& body = c.view.source.empty() ? c.view.definition : c.view.source;
    size_t last_line = body.rfind('\n');
    bool comment_at_end = body.find("--", last_line == std::string::npos ? 0 : last_line) != std::string::npos;
    // The body names relations as written: resolve them in the view's own
    // schema, as the checker did when it found the view's dependencies.
    Put("USE SCHEMA " + QuoteIdent(c.schema) + ";");
    Put(std::string("CREATE OR REPLACE ") + (c.view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
        QuoteQualified(c.schema, c.view.name) + (c.view.comment ? " COMMENT = " + QuoteLiteral(*c.view.comment) : "") +
        " AS\n" + body + (comment_at_end ? "\n;" : ";"));
  }
  void operator()(const DropView& c) {
    Put(std::string("DROP ") + (c.view.materialized ? "MATERIALIZED VIEW" : "VIEW") + " IF EXISTS " +
        QuoteQualified(c.schema, c.view.name) + ";");
  }
  void operator()(const SetComment& c) {
    std::string what = c.on == SetComment::On::Table              ? "TABLE"
                       : c.on == SetComment::On::View             ? "VIEW"
                       : c.on == SetComment::On::MaterializedView ? "MATERIALIZED VIEW"
                                                                  : "";
    if (what.empty()) return NotMade("have enum types or collations");
    std::string target = "ALTER " + what + " IF EXISTS " + QuoteQualified(c.schema, c.name);
    Put(target + (c.to ? " SET COMMENT = " + QuoteLiteral(*c.to) : std::string(" UNSET COMMENT")) + ";");
  }

  // ---- pipes ----
  void operator()(const CreatePipe& c) { Put(CreatePipeSql(c.schema, c.pipe, false)); }
  void operator()(const DropPipe& c) { Put("DROP PIPE IF EXISTS " + PipeName(c.schema, c.pipe) + ";"); }
  /// Stop loading, remember when (for the refresh after the pipe is made
  /// again), and wait until the files already queued are loaded; fail loudly
  /// when they are not within the timeout.
  void operator()(const PausePipe& c) {
    std::string name = PipeName(c.schema, c.pipe);
    std::string var = PausedVariable(c.pipe);
    Put("ALTER PIPE IF EXISTS " + name + " SET PIPE_EXECUTION_PAUSED = TRUE;");
    // The refresh statement the pipe's replacement runs, with this moment in
    // it (EXECUTE IMMEDIATE takes a session variable, not an expression).
    Put("SET " + var + " = 'ALTER PIPE " + name + " REFRESH MODIFIED_AFTER = ''' || " +
        "TO_VARCHAR(CURRENT_TIMESTAMP(), 'YYYY-MM-DD\"T\"HH24:MI:SS.FF3TZH:TZM') || '''';");
    Put(fmt::format(R"(EXECUTE IMMEDIATE $$
DECLARE
  pending INTEGER DEFAULT 1;
  waited INTEGER DEFAULT 0;
  not_drained EXCEPTION (-20001, 'pipe {0} still has files pending after {1} seconds; the pipe stays paused: load or remove them, then run the script again');
BEGIN
  LOOP
    SELECT PARSE_JSON(SYSTEM$PIPE_STATUS({2})):pendingFileCount::INTEGER INTO :pending;
    IF (pending = 0) THEN
      RETURN 'pipe {0} drained';
    END IF;
    IF (waited >= {1}) THEN
      RAISE not_drained;
    END IF;
    CALL SYSTEM$WAIT({3});
    waited := waited + {3};
  END LOOP;
END;
$$;)",
                    c.schema + "." + c.pipe.name, kDrainTimeoutSeconds, QuoteLiteral(name), kDrainPollSeconds));
  }
  /// The pipe made again with its new COPY statement, resumed, and asked to
  /// queue the files staged since it was paused: the events that arrived
  /// while it was paused were queued for the pipe that was replaced, and the
  /// new pipe's load history starts empty, so a refresh limited to that
  /// window loads each such file once and skips none.
  void operator()(const ReplacePipe& c) {
    std::string name = PipeName(c.schema, c.to);
    if (c.from.SameDefinition(c.to)) {
      // Its COPY still fits the table: resumed as it is, it keeps its load
      // history and loads the files queued while it was paused.
      Put("ALTER PIPE IF EXISTS " + name + " SET PIPE_EXECUTION_PAUSED = FALSE;");
      return;
    }
    Put(CreatePipeSql(c.schema, c.to, true));
    Put("ALTER PIPE IF EXISTS " + name + " SET PIPE_EXECUTION_PAUSED = FALSE;");
    // Safe to run again: the pipe's load history skips the files it loaded.
    Put("EXECUTE IMMEDIATE $" + PausedVariable(c.to) + ";");
  }
  static auto PausedVariable(const catalog::Pipe& p) -> std::string {
    std::string v = "SCHEMAC_REFRESH_";
    for (char ch : p.name) v += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return UpperAscii(v);
  }
};

}  // namespace

auto Emit(const plan::Plan& plan, diag::Engine& diags) -> std::optional<target::Script> {
  Emitter e;
  e.diags = &diags;
  e.plan = &plan;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    e.change = i;
    std::visit(e, plan.changes[i].op);
  }
  if (e.failed) return std::nullopt;
  return std::move(e.script);
}

auto Render(const plan::Plan& plan, const target::Script& script) -> std::string {
  std::string out = fmt::format("-- schemac migration for snowflake: {} change{}\n", plan.changes.size(),
                                plan.changes.size() == 1 ? "" : "s");
  if (script.statements.empty()) return out + "-- nothing to do: the database already matches\n";
  bool all = true;
  for (const auto& s : script.statements) all = all && s.rerunnable;
  out +=
      "-- Snowflake commits each statement on its own (no BEGIN/COMMIT: DDL is not transactional).\n"
      "-- The script is safe to re-run: if it stops part way, fix the cause and run all of it again.\n";
  if (!all)
    out +=
        "-- Except the statements marked 'once': run again after they succeeded they fail; if the\n"
        "-- script stopped after one of them, plan again from the database as it is.\n";
  return out + target::RenderStatements(plan, script, /*mark_once=*/true);
}

}  // namespace schemac::backends::snowflake
