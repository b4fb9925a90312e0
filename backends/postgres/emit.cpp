// Emitting a plan as Postgres statements. The transactional part runs in one
// BEGIN ... COMMIT; ALTER TYPE ... ADD VALUE runs before it (a new enum value
// cannot be used in the transaction that adds it, and IF NOT EXISTS makes the
// step safe to re-run).
#include <fmt/format.h>

#include <map>
#include <regex>

#include "backends/postgres/costs.h"
#include "backends/postgres/postgres.h"
#include "compiler/syntax/storage.h"

namespace schemac::backends::postgres {
namespace {

using namespace diff;

auto Action(const std::string& a) -> std::string {
  std::string up = a;
  for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return up;
}

auto ColumnList(const std::vector<std::string>& cols) -> std::string {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + QuoteIdent(c);
  return out;
}

/// A column whose default is nextval() of the sequence Postgres would create
/// for a serial column of that name: created as serial, which makes the
/// sequence, the default and the ownership in one go.
auto SerialType(const std::string& schema, const std::string& table, const catalog::Column& c) -> std::string {
  if (!c.default_expr || !c.identity.empty()) return "";
  static const std::map<std::string, std::string> serials = {
      {"integer", "serial"}, {"bigint", "bigserial"}, {"smallint", "smallserial"}};
  auto it = serials.find(c.type);
  if (it == serials.end()) return "";
  std::string seq = MakeObjectName(table, c.name, "seq");
  if (*c.default_expr != "nextval(" + QuoteLiteral(QuoteIdent(seq)) + "::regclass)" &&
      *c.default_expr != "nextval(" + QuoteLiteral(QuoteQualified(schema, seq)) + "::regclass)")
    return "";
  return it->second;
}

/// `(START WITH 100 INCREMENT BY 10 ...)` of an identity column, or "".
auto SequenceOptions(const catalog::IdentityOptions& o) -> std::string {
  std::vector<std::string> items;
  if (o.start) items.push_back("START WITH " + std::to_string(*o.start));
  if (o.increment) items.push_back("INCREMENT BY " + std::to_string(*o.increment));
  if (o.min) items.push_back("MINVALUE " + std::to_string(*o.min));
  if (o.max) items.push_back("MAXVALUE " + std::to_string(*o.max));
  if (o.cache) items.push_back("CACHE " + std::to_string(*o.cache));
  if (o.cycle) items.push_back("CYCLE");
  std::string out;
  for (const auto& i : items) out += (out.empty() ? " (" : " ") + i;
  return out.empty() ? out : out + ")";
}

/// `DEFERRABLE [INITIALLY DEFERRED]`, or "".
auto Timing(const catalog::Constraint& k) -> std::string {
  if (!k.deferrable) return "";
  return k.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

auto ColumnDefinition(const catalog::Column& c, const std::string& schema = "", const std::string& table = "")
    -> std::string {
  if (std::string serial = SerialType(schema, table, c); !serial.empty())
    return QuoteIdent(c.name) + " " + serial + (c.not_null ? " NOT NULL" : "");
  std::string out = QuoteIdent(c.name) + " " + c.type;
  if (c.collation) out += " COLLATE " + QuoteIdent(*c.collation);
  if (c.generated) out += " GENERATED ALWAYS AS (" + *c.generated + ") STORED";
  if (!c.identity.empty()) out += " GENERATED " + Action(c.identity) + " AS IDENTITY" + SequenceOptions(c.identity_options);
  if (c.default_expr) out += " DEFAULT " + *c.default_expr;
  if (c.not_null) out += " NOT NULL";
  return out;
}

/// An index key, or an exclusion constraint's element before its operator.
auto KeySql(const catalog::IndexKey& k) -> std::string {
  std::string out = k.column.empty() ? "(" + k.expression + ")" : QuoteIdent(k.column);
  if (k.collation) out += " COLLATE " + QuoteIdent(*k.collation);
  if (k.opclass) out += " " + QuoteIdent(*k.opclass);
  if (k.desc) out += " DESC";
  if (k.nulls_first) out += *k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  return out;
}

/// ` WITH (fillfactor = 70)`, or "".
auto StorageSql(const catalog::Index& ix) -> std::string {
  if (ix.storage.empty()) return "";
  return " WITH (" + syntax::StorageParams(ix.storage, QuoteIdent, QuoteLiteral) + ")";
}

/// `&&`, or `OPERATOR(myschema.&&)` for one outside pg_catalog.
auto OperatorSql(const std::string& op) -> std::string {
  size_t dot = op.rfind('.');
  if (dot == std::string::npos) return op;
  return "OPERATOR(" + QuoteIdent(op.substr(0, dot)) + "." + op.substr(dot + 1) + ")";
}

auto ConstraintDefinition(const catalog::Constraint& k) -> std::string {
  std::string out = "CONSTRAINT " + QuoteIdent(k.name) + " ";
  switch (k.kind) {
    case catalog::Constraint::Kind::PrimaryKey: out += "PRIMARY KEY (" + ColumnList(k.columns) + ")"; break;
    case catalog::Constraint::Kind::Unique:
      out += std::string("UNIQUE ") + (k.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + "(" + ColumnList(k.columns) + ")";
      break;
    case catalog::Constraint::Kind::Check: out += "CHECK (" + k.check + ")" + (k.no_inherit ? " NO INHERIT" : ""); break;
    case catalog::Constraint::Kind::ForeignKey:
      out += "FOREIGN KEY (" + ColumnList(k.columns) + ") REFERENCES " +
             QuoteQualified(k.ref_table.schema, k.ref_table.name) + " (" + ColumnList(k.ref_columns) + ")";
      if (k.match_full) out += " MATCH FULL";
      if (k.on_update != "no action") out += " ON UPDATE " + Action(k.on_update);
      if (k.on_delete != "no action") out += " ON DELETE " + Action(k.on_delete);
      break;
    case catalog::Constraint::Kind::Exclusion: {
      const auto& x = k.exclusion;
      out += "EXCLUDE";
      if (x.method != "btree") out += " USING " + x.method;
      out += " (";
      for (size_t i = 0; i < x.keys.size(); ++i)
        out += (i ? ", " : "") + KeySql(x.keys[i]) + " WITH " + OperatorSql(i < k.operators.size() ? k.operators[i] : "=");
      out += ")";
      if (!x.include.empty()) out += " INCLUDE (" + ColumnList(x.include) + ")";
      out += StorageSql(x);
      if (x.where) out += " WHERE (" + *x.where + ")";
      break;
    }
  }
  out += Timing(k);
  if (k.not_valid) out += " NOT VALID";
  return out;
}

auto CreateIndexSql(const std::string& schema, const std::string& table, const catalog::Index& ix,
                    bool concurrently = false) -> std::string {
  std::string out = ix.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  if (concurrently) out += "CONCURRENTLY ";
  out += QuoteIdent(ix.name) + " ON " + QuoteQualified(schema, table);
  if (ix.method != "btree") out += " USING " + ix.method;
  out += " (";
  for (size_t i = 0; i < ix.keys.size(); ++i) out += (i ? ", " : "") + KeySql(ix.keys[i]);
  out += ")";
  if (!ix.include.empty()) out += " INCLUDE (" + ColumnList(ix.include) + ")";
  if (ix.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  out += StorageSql(ix);
  if (ix.where) out += " WHERE " + *ix.where;
  return out + ";";
}

auto CommentSql(const std::string& what, const std::string& object, const std::optional<std::string>& text)
    -> std::string {
  return "COMMENT ON " + what + " " + object + " IS " + (text ? QuoteLiteral(*text) : "NULL") + ";";
}

struct Emitter {
  target::Script script;
  std::vector<Phase> phases;
  size_t change = 0;
  diag::Engine* diags = nullptr;
  const plan::Plan* plan = nullptr;
  bool failed = false;

  /// Outside the transaction nothing rolls back: those statements are
  /// written to be re-run, except the online steps that say otherwise (a
  /// failed one is planned again from the database as it is left).
  void Put(std::string sql, Phase phase = Phase::Transaction, bool rerunnable = true) {
    script.statements.push_back({std::move(sql), change, phase == Phase::Transaction,
                                 phase != Phase::Transaction && rerunnable});
    phases.push_back(phase);
  }

  /// The change is made the lock-friendly way (costs.h, MadeOnline).
  auto Online() const -> bool { return MadeOnline(*plan, plan->changes[change]); }

  void operator()(const CreateSchema& c) { Put("CREATE SCHEMA " + QuoteIdent(c.schema) + ";"); }
  void operator()(const DropSchema& c) { Put("DROP SCHEMA " + QuoteIdent(c.schema) + ";"); }
  void operator()(const CreateEnum& c) {
    std::string values;
    for (const auto& v : c.enum_type.values) values += (values.empty() ? "" : ", ") + QuoteLiteral(v);
    Put("CREATE TYPE " + QuoteQualified(c.schema, c.enum_type.name) + " AS ENUM (" + values + ");");
    if (c.enum_type.comment) Put(CommentSql("TYPE", QuoteQualified(c.schema, c.enum_type.name), c.enum_type.comment));
  }
  void operator()(const DropEnum& c) { Put("DROP TYPE " + QuoteQualified(c.schema, c.enum_type.name) + ";"); }
  void operator()(const RenameEnum& c) {
    Put("ALTER TYPE " + QuoteQualified(c.schema, c.from) + " RENAME TO " + QuoteIdent(c.to) + ";");
  }
  void operator()(const RenameEnumValue& c) {
    Put("ALTER TYPE " + QuoteQualified(c.schema, c.name) + " RENAME VALUE " + QuoteLiteral(c.from) + " TO " +
        QuoteLiteral(c.to) + ";");
  }
  void operator()(const AddEnumValue& c) {
    std::string sql = "ALTER TYPE " + QuoteQualified(c.schema, c.name) + " ADD VALUE IF NOT EXISTS " + QuoteLiteral(c.value);
    if (!c.before.empty()) sql += " BEFORE " + QuoteLiteral(c.before);
    Put(sql + ";", Phase::Before);
  }
  void operator()(const CreateTable& c) {
    const auto& t = c.table;
    std::string name = QuoteQualified(c.schema, t.name);
    std::vector<std::string> items;
    for (const auto& col : t.columns) items.push_back(ColumnDefinition(col, c.schema, t.name));
    for (const auto& k : t.constraints) items.push_back(ConstraintDefinition(k));
    std::string sql = "CREATE ";
    if (t.options.count("unlogged")) sql += "UNLOGGED ";
    sql += "TABLE " + name;
    if (t.partition_of) {
      // The bound is the server's own text (pg_get_expr of relpartbound).
      sql += " PARTITION OF " + QuoteQualified(t.partition_of->schema, t.partition_of->name) + " " + t.partition_bound;
    } else {
      sql += " (";
      for (size_t i = 0; i < items.size(); ++i) sql += (i ? ",\n    " : "\n    ") + items[i];
      sql += items.empty() ? ")" : "\n)";
    }
    if (auto it = t.options.find("partition_by"); it != t.options.end()) sql += " PARTITION BY " + it->second;
    std::vector<std::string> with;
    if (auto it = t.options.find("fillfactor"); it != t.options.end()) with.push_back("fillfactor = " + it->second);
    if (!with.empty()) sql += " WITH (" + with[0] + ")";
    if (auto it = t.options.find("tablespace"); it != t.options.end()) sql += " TABLESPACE " + QuoteIdent(it->second);
    Put(sql + ";");
    for (const auto& ix : t.indexes) Put(CreateIndexSql(c.schema, t.name, ix));
    if (t.comment) Put(CommentSql("TABLE", name, t.comment));
    for (const auto& col : t.columns)
      if (col.comment) Put(CommentSql("COLUMN", name + "." + QuoteIdent(col.name), col.comment));
  }
  void operator()(const CreateCollation& c) {
    const auto& k = c.collation;
    std::string name = QuoteQualified(c.schema, k.name);
    std::string sql = "CREATE COLLATION " + name + " (provider = " + k.provider;
    if (k.provider == "icu") sql += ", locale = " + QuoteLiteral(k.locale);
    else sql += ", lc_collate = " + QuoteLiteral(k.lc_collate) + ", lc_ctype = " + QuoteLiteral(k.lc_ctype);
    if (!k.deterministic) sql += ", deterministic = false";
    Put(sql + ");");
    if (k.comment) Put(CommentSql("COLLATION", name, k.comment));
  }
  void operator()(const DropCollation& c) { Put("DROP COLLATION " + QuoteQualified(c.schema, c.collation.name) + ";"); }
  void operator()(const CreateSequence& c) {
    const auto& q = c.sequence;
    std::string name = QuoteQualified(c.schema, q.name);
    std::string sql = "CREATE SEQUENCE " + name + " AS " + q.type;
    const auto& o = q.options;
    if (o.increment) sql += " INCREMENT BY " + std::to_string(*o.increment);
    if (o.min) sql += " MINVALUE " + std::to_string(*o.min);
    if (o.max) sql += " MAXVALUE " + std::to_string(*o.max);
    if (o.start) sql += " START WITH " + std::to_string(*o.start);
    if (o.cache) sql += " CACHE " + std::to_string(*o.cache);
    if (o.cycle) sql += " CYCLE";
    if (q.owned_table)
      sql += " OWNED BY " + QuoteQualified(q.owned_table->schema, q.owned_table->name) + "." + QuoteIdent(q.owned_column);
    Put(sql + ";");
    if (q.comment) Put(CommentSql("SEQUENCE", name, q.comment));
  }
  void operator()(const AlterSequence& c) {
    std::string name = QuoteQualified(c.schema, c.to.name);
    std::string set;
    if (c.from.type != c.to.type) set += " AS " + c.to.type;
    // Every option whose value (as Postgres fills it in) changes.
    EffectiveSequence a = EffectiveIdentityOptions(c.from.type, c.from.options);
    EffectiveSequence b = EffectiveIdentityOptions(c.to.type, c.to.options);
    if (a.increment != b.increment) set += " INCREMENT BY " + std::to_string(b.increment);
    if (a.min != b.min || c.from.type != c.to.type) set += " MINVALUE " + std::to_string(b.min);
    if (a.max != b.max || c.from.type != c.to.type) set += " MAXVALUE " + std::to_string(b.max);
    if (a.start != b.start) set += " START WITH " + std::to_string(b.start);
    if (a.cache != b.cache) set += " CACHE " + std::to_string(b.cache);
    if (a.cycle != b.cycle) set += b.cycle ? " CYCLE" : " NO CYCLE";
    if (c.from.owned_table != c.to.owned_table || c.from.owned_column != c.to.owned_column)
      set += c.to.owned_table ? " OWNED BY " + QuoteQualified(c.to.owned_table->schema, c.to.owned_table->name) + "." +
                                    QuoteIdent(c.to.owned_column)
                              : std::string(" OWNED BY NONE");
    if (!set.empty()) Put("ALTER SEQUENCE " + name + set + ";");
    if (c.from.comment != c.to.comment) Put(CommentSql("SEQUENCE", name, c.to.comment));
  }
  void operator()(const DropSequence& c) {
    // IF EXISTS: a sequence owned by a dropped table or column went with it.
    Put("DROP SEQUENCE IF EXISTS " + QuoteQualified(c.schema, c.sequence.name) + ";");
  }
  void operator()(const AttachPartition& c) {
    std::string name = QuoteQualified(c.schema, c.table);
    Put("ALTER TABLE " + QuoteQualified(c.from_parent.schema, c.from_parent.name) + " DETACH PARTITION " + name + ";");
    Put("ALTER TABLE " + QuoteQualified(c.parent.schema, c.parent.name) + " ATTACH PARTITION " + name + " " + c.bound + ";");
  }
  void operator()(const DropTable& c) { Put("DROP TABLE " + QuoteQualified(c.schema, c.table.name) + ";"); }
  // The backend never decides on these (DecideTable, DecideColumn): a plan
  // that holds them was made for another target.
  void operator()(const AlterTable& c) { NotMade("alter table " + c.schema + "." + c.to.name + " in place"); }
  void operator()(const RebuildTable& c) { NotMade("rebuild table " + c.schema + "." + c.to.name); }
  // Pipes are Snowflake's: the checker refuses them elsewhere.
  void operator()(const CreatePipe& c) { NotMade("have pipes (" + c.schema + "." + c.pipe.name + ")"); }
  void operator()(const DropPipe& c) { NotMade("have pipes (" + c.schema + "." + c.pipe.name + ")"); }
  void operator()(const PausePipe& c) { NotMade("have pipes (" + c.schema + "." + c.pipe.name + ")"); }
  void operator()(const ReplacePipe& c) { NotMade("have pipes (" + c.schema + "." + c.to.name + ")"); }
  void NotMade(const std::string& what) {
    diags->Emit(diag::Kind::UnsupportedChange, plan->changes[change].src, "postgres does not " + what);
    failed = true;
  }
  void operator()(const RenameTable& c) {
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.from) + " RENAME TO " + QuoteIdent(c.to) + ";");
  }
  void operator()(const AddColumn& c) {
    std::string table = QuoteQualified(c.schema, c.table);
    Put("ALTER TABLE " + table + " ADD COLUMN " + ColumnDefinition(c.column, c.schema, c.table) + ";");
    if (c.column.comment) Put(CommentSql("COLUMN", table + "." + QuoteIdent(c.column.name), c.column.comment));
  }
  void operator()(const DropColumn& c) {
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.table) + " DROP COLUMN " + QuoteIdent(c.column.name) + ";");
  }
  void operator()(const RenameColumn& c) {
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.table) + " RENAME COLUMN " + QuoteIdent(c.from) + " TO " +
        QuoteIdent(c.to) + ";");
  }
  void operator()(const AlterColumn& c) {
    std::string table = QuoteQualified(c.schema, c.table);
    std::string col = QuoteIdent(c.to.name);
    std::vector<std::string> actions;
    bool type = Is(c.kind, ChangeKind::Type | ChangeKind::Collation);
    if (Is(c.kind, ChangeKind::Generated) && !c.to.generated) actions.push_back("DROP EXPRESSION");
    if (Is(c.kind, ChangeKind::Identity) && !c.from.identity.empty() && c.to.identity.empty())
      actions.push_back("DROP IDENTITY");
    // A default of the old type may not cast to the new one: drop it first.
    bool default_changes = Is(c.kind, ChangeKind::Default);
    if ((default_changes || type) && c.from.default_expr && (type || !c.to.default_expr)) actions.push_back("DROP DEFAULT");
    if (type) {
      std::string t = "TYPE " + c.to.type;
      if (c.to.collation) t += " COLLATE " + QuoteIdent(*c.to.collation);
      if (Is(c.kind, ChangeKind::Type)) {
        // There is no cast between two enum types: go through text.
        bool array = c.from.type.size() > 2 && c.from.type.compare(c.from.type.size() - 2, 2, "[]") == 0;
        std::string via = c.from.type_ref && c.to.type_ref ? (array ? "::text[]" : "::text") : "";
        t += " USING " + col + via + "::" + c.to.type;
      }
      actions.push_back(t);
    }
    if (c.to.default_expr && (default_changes || (type && c.from.default_expr)))
      actions.push_back("SET DEFAULT " + *c.to.default_expr);
    // Online, NOT NULL is proven by a check validated after the transaction.
    bool proven_not_null = Online();
    if (Is(c.kind, ChangeKind::Null) && !proven_not_null) actions.push_back(c.to.not_null ? "SET NOT NULL" : "DROP NOT NULL");
    bool adds_identity = Is(c.kind, ChangeKind::Identity) && !c.to.identity.empty() && c.from.identity.empty();
    if (Is(c.kind, ChangeKind::Identity) && !c.to.identity.empty() && !adds_identity)
      actions.push_back("SET GENERATED " + Action(c.to.identity));
    if (Is(c.kind, ChangeKind::IdentityOptions) && !c.to.identity.empty() && !adds_identity) {
      // Every option whose value (as Postgres fills it in) changes.
      EffectiveSequence a = EffectiveIdentityOptions(c.from.type, c.from.identity_options);
      EffectiveSequence b = EffectiveIdentityOptions(c.to.type, c.to.identity_options);
      std::string set;
      if (a.increment != b.increment) set += " SET INCREMENT BY " + std::to_string(b.increment);
      if (a.min != b.min) set += " SET MINVALUE " + std::to_string(b.min);
      if (a.max != b.max) set += " SET MAXVALUE " + std::to_string(b.max);
      if (a.start != b.start) set += " SET START WITH " + std::to_string(b.start);
      if (a.cache != b.cache) set += " SET CACHE " + std::to_string(b.cache);
      if (a.cycle != b.cycle) set += b.cycle ? " SET CYCLE" : " SET NO CYCLE";
      // The next value of a sequence that turns around would lie outside
      // its new range: only then does it start over.
      if ((a.increment > 0) != (b.increment > 0)) set += " RESTART";
      if (!set.empty()) actions.push_back(set.substr(1));
    }
    auto alter = [&](const std::vector<std::string>& list) {
      if (list.empty()) return;
      std::string sql = "ALTER TABLE " + table;
      for (size_t i = 0; i < list.size(); ++i)
        sql += (i ? ",\n    " : (list.size() > 1 ? "\n    " : " ")) + std::string("ALTER COLUMN ") + col + " " + list[i];
      Put(sql + ";");
    };
    alter(actions);
    if (proven_not_null) {
      std::string check = QuoteIdent(MakeObjectName(c.table, c.to.name, "not_null"));
      Put("ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + col + " IS NOT NULL) NOT VALID;");
      Put("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";", Phase::After, false);
      Put("ALTER TABLE " + table + " ALTER COLUMN " + col + " SET NOT NULL;", Phase::After);
      Put("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + check + ";", Phase::After);
    }
    if (adds_identity) {
      // A serial column's sequence goes with its default (it would otherwise
      // stay behind and take the identity's sequence name).
      static const std::regex serial(R"(^nextval\('([^']+)'::regclass\)$)");
      std::smatch m;
      if (c.from.default_expr && std::regex_match(*c.from.default_expr, m, serial))
        Put("DROP SEQUENCE IF EXISTS " + m[1].str() + ";");
      alter({"ADD GENERATED " + Action(c.to.identity) + " AS IDENTITY" + SequenceOptions(c.to.identity_options)});
      // Existing rows keep their values: start after the largest.
      Put("SELECT setval(pg_get_serial_sequence(" + QuoteLiteral(table) + ", " + QuoteLiteral(c.to.name) +
          "), coalesce(max(" + col + "), 0) + 1, false) FROM " + table + ";");
    }
    if (Is(c.kind, ChangeKind::Comment)) Put(CommentSql("COLUMN", table + "." + col, c.to.comment));
  }
  void operator()(const AddConstraint& c) {
    using Kind = catalog::Constraint::Kind;
    const catalog::Constraint& k = c.constraint;
    std::string table = QuoteQualified(c.schema, c.table);
    if (!Online()) {
      Put("ALTER TABLE " + table + " ADD " + ConstraintDefinition(k) + ";");
    } else if (k.kind == Kind::Check || k.kind == Kind::ForeignKey) {
      // New rows are checked from the transaction on; the old ones after it,
      // under a lock that lets writes go on.
      catalog::Constraint unchecked = k;
      unchecked.not_valid = true;
      Put("ALTER TABLE " + table + " ADD " + ConstraintDefinition(unchecked) + ";");
      Put("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + QuoteIdent(k.name) + ";", Phase::After);
    } else {
      // The key's index built concurrently, then attached under a brief lock.
      catalog::Index ix;
      ix.name = k.name;
      ix.unique = true;
      ix.nulls_not_distinct = k.nulls_not_distinct;
      for (const auto& col : k.columns) {
        catalog::IndexKey key;
        key.column = col;
        ix.keys.push_back(std::move(key));
      }
      Put(CreateIndexSql(c.schema, c.table, ix, true), Phase::After, false);
      Put("ALTER TABLE " + table + " ADD CONSTRAINT " + QuoteIdent(k.name) +
              (k.kind == Kind::PrimaryKey ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + QuoteIdent(k.name) +
              Timing(k) + ";",
          Phase::After, false);
    }
  }
  void operator()(const DropConstraint& c) {
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.table) + " DROP CONSTRAINT " + QuoteIdent(c.constraint.name) + ";");
  }
  void operator()(const RenameConstraint& c) {
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.table) + " RENAME CONSTRAINT " + QuoteIdent(c.from) + " TO " +
        QuoteIdent(c.to) + ";");
  }
  void operator()(const AlterConstraint& c) {
    std::string timing = !c.to.deferrable              ? "NOT DEFERRABLE"
                         : c.to.initially_deferred     ? "DEFERRABLE INITIALLY DEFERRED"
                                                       : "DEFERRABLE INITIALLY IMMEDIATE";
    Put("ALTER TABLE " + QuoteQualified(c.schema, c.table) + " ALTER CONSTRAINT " + QuoteIdent(c.to.name) + " " + timing + ";");
  }
  void operator()(const CreateIndex& c) {
    // Online: built after the transaction; a build that fails leaves an
    // INVALID index, which the next plan drops and builds again.
    if (Online()) Put(CreateIndexSql(c.schema, c.table, c.index, true), Phase::After, false);
    else Put(CreateIndexSql(c.schema, c.table, c.index));
  }
  void operator()(const DropIndex& c) {
    if (Online()) Put("DROP INDEX CONCURRENTLY IF EXISTS " + QuoteQualified(c.schema, c.index.name) + ";", Phase::After);
    else Put("DROP INDEX " + QuoteQualified(c.schema, c.index.name) + ";");
  }
  void operator()(const RenameIndex& c) {
    Put("ALTER INDEX " + QuoteQualified(c.schema, c.from) + " RENAME TO " + QuoteIdent(c.to) + ";");
  }
  void operator()(const CreateView& c) {
    std::string kind = c.view.materialized ? "MATERIALIZED VIEW" : "VIEW";
    std::string name = QuoteQualified(c.schema, c.view.name);
    // The body names relations as written; resolve them in the view's own
    // schema first, as the checker did when it found the view's dependencies.
    std::string path = c.schema == "public" ? "" : "SET LOCAL search_path TO " + QuoteIdent(c.schema) + ", public;\n";
    std::string reset = path.empty() ? "" : "\nRESET search_path;";
    // A body that ends in a line comment would swallow the semicolon.
    const std::string& body = c.view.source.empty() ? c.view.definition : c.view.source;
    size_t last_line = body.rfind('\n');
    bool comment_at_end = body.find("--", last_line == std::string::npos ? 0 : last_line) != std::string::npos;
    Put(path + "CREATE " + kind + " " + name + " AS\n" + body + (comment_at_end ? "\n;" : ";") + reset);
    if (c.view.comment) Put(CommentSql(kind, name, c.view.comment));
    // A materialized view's indexes come with it, and with it they go.
    for (const auto& ix : c.view.indexes) Put(CreateIndexSql(c.schema, c.view.name, ix));
  }
  void operator()(const DropView& c) {
    Put(std::string("DROP ") + (c.view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
        QuoteQualified(c.schema, c.view.name) + ";");
  }
  void operator()(const SetComment& c) {
    const char* what = c.on == SetComment::On::Table ? "TABLE"
                       : c.on == SetComment::On::View ? "VIEW"
                       : c.on == SetComment::On::MaterializedView ? "MATERIALIZED VIEW"
                       : c.on == SetComment::On::Collation ? "COLLATION"
                                                                  : "TYPE";
    Put(CommentSql(what, QuoteQualified(c.schema, c.name), c.to));
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
  // Statements that must run before the transaction go first, keeping their order.
  target::Script ordered;
  for (auto phase : {Phase::Before, Phase::Transaction, Phase::After})
    for (size_t i = 0; i < e.script.statements.size(); ++i)
      if (e.phases[i] == phase) ordered.statements.push_back(e.script.statements[i]);
  if (e.failed) return std::nullopt;
  return ordered;
}

auto Render(const plan::Plan& plan, const target::Script& script) -> std::string {
  std::string out = fmt::format("-- schemac migration for postgres: {} change{}\n", plan.changes.size(),
                                plan.changes.size() == 1 ? "" : "s");
  if (script.statements.empty()) return out + "-- nothing to do: the database already matches\n";
  // Every statement, inside the transaction or after it, waits at most
  // lock_timeout for its lock: a busy table fails the step, not the service.
  if (!plan.settings.empty()) out += "\n";
  for (const auto& [name, value] : plan.settings) out += "SET " + name + " = " + QuoteLiteral(value) + ";\n";
  auto header = [&](const target::Statement& s, size_t& last) {
    if (s.change == last) return;
    last = s.change;
    const auto& c = plan.changes[s.change];
    out += "\n-- " + target::CommentText(diff::KindName(c.op) + " " + diff::ObjectName(c.op));
    if (!c.reason.empty()) out += " (" + target::CommentText(c.reason) + ")";
    out += "\n";
  };
  size_t last = SIZE_MAX;
  for (const auto& seg : target::Frame(script, {})) {
    switch (seg.where) {
      case target::Segment::Where::Before: {
        // New enum values, or (a plan with no transactional part) online steps.
        bool enum_values = true;
        for (size_t i = seg.first; i < seg.end; ++i)
          enum_values = enum_values && std::holds_alternative<diff::AddEnumValue>(plan.changes[script.statements[i].change].op);
        out += enum_values
                   ? "\n-- Outside the transaction: a new enum value cannot be used in the transaction that adds it.\n"
                   : "\n-- Outside a transaction, one statement at a time (online: writes go on). If one fails,\n"
                     "-- plan again: the plan starts from what the database has then.\n";
        break;
      }
      case target::Segment::Where::Transaction:
        out += "\nBEGIN;\n";
        break;
      case target::Segment::Where::After: {
        bool rerunnable = true;
        for (size_t i = seg.first; i < seg.end; ++i) rerunnable = rerunnable && script.statements[i].rerunnable;
        out += rerunnable ? "\n-- Outside the transaction (each step is safe to re-run):\n"
                          : "\n-- After the transaction, one statement at a time (online: writes go on). If one fails,\n"
                            "-- plan again: the plan starts from what the database has then.\n";
        break;
      }
    }
    for (size_t i = seg.first; i < seg.end; ++i) {
      header(script.statements[i], last);
      out += script.statements[i].sql + "\n";
    }
    if (seg.where == target::Segment::Where::Transaction) out += "\nCOMMIT;\n";
  }
  return out;
}

}  // namespace schemac::backends::postgres
