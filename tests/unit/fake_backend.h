// A second backend, deliberately unlike Postgres, that exists only to prove
// the core is target-neutral: the differ, planner and in-memory applier run
// through it unchanged (tests/unit/fake_backend_test.cpp).
//
// The fake target folds plain names to upper case, has no transactional DDL
// (every statement commits on its own, so each is written to be re-run), no
// foreign keys, no enums, and cannot change a column's type in place: a type
// change rebuilds the table. Clustering keys alter in place; a change of
// table options or kind rebuilds the table. Its SQL is a small dialect of its
// own, so golden plans show every decision.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "compiler/target/target.h"
#include "compiler/plan/plan.h"

namespace schemac::testing {

class FakeBackend final : public target::Backend {
 public:
  static constexpr const char* kDefaultSchema = "MAIN";

  auto Name() const -> std::string_view override { return "fake"; }

  static auto Fold(const model::Name& n) -> std::string {
    if (n.quoted) return n.text;
    std::string s = n.text;
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  static auto TypeName(const model::Type& t) -> std::string {
    using K = model::Type::Kind;
    switch (t.kind) {
      case K::Bool: return "BOOL";
      case K::Int16: case K::Int32: case K::Int64: return "INT";
      case K::Decimal: return t.args.size() == 2 ? "DEC(" + std::to_string(t.args[0]) + "," + std::to_string(t.args[1]) + ")" : "DEC";
      case K::Float32: case K::Float64: return "FLOAT";
      case K::Text: case K::Char: return "STR";
      case K::Varchar: return t.args.empty() ? "STR" : "STR(" + std::to_string(t.args[0]) + ")";
      case K::Bytes: return "BIN";
      case K::Date: return "DAY";
      case K::Time: case K::Timestamp: case K::TimestampTz: return "INSTANT";
      case K::Uuid: return "STR(36)";
      case K::Json: return "DOC";
      case K::Array: case K::Map: case K::Row: case K::Enum: case K::Native: return "";
    }
    return "";
  }

  auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> override {
    catalog::Catalog c;
    c.target = "fake";
    bool ok = true;
    auto refuse = [&](source::SourceRange at, const std::string& what) {
      diags.Emit(diag::Kind::UnsupportedChange, at, "the fake target has no " + what);
      ok = false;
    };
    for (const auto& ms : realm.schemas) {
      catalog::Schema s;
      s.name = ms.name ? Fold(*ms.name) : kDefaultSchema;
      s.src = ms.range;
      if (!ms.enums.empty()) refuse(ms.enums.front().range, "enums");
      for (const auto& mt : ms.tables) {
        if (mt.is_extern) continue;
        catalog::Table t;
        t.name = Fold(mt.name);
        t.src = mt.range;
        t.comment = mt.comment;
        if (mt.renamed_from) t.renamed_from = Fold(*mt.renamed_from);
        for (const auto& mc : mt.columns) {
          catalog::Column col;
          col.name = Fold(mc.name);
          col.type = TypeName(mc.type);
          if (col.type.empty()) refuse(mc.range, "type " + mc.type.Describe());
          col.not_null = mc.not_null;
          col.comment = mc.comment;
          if (mc.renamed_from) col.renamed_from = Fold(*mc.renamed_from);
          if (mc.default_value || mc.generated || mc.identity) refuse(mc.range, "defaults, identity or computed columns");
          col.src = mc.range;
          t.columns.push_back(std::move(col));
        }
        for (const auto& mk : mt.constraints) {
          catalog::Constraint k;
          if (mk.kind == model::Constraint::Kind::ForeignKey) {
            refuse(mk.range, "foreign keys");
            continue;
          }
          if (mk.kind != model::Constraint::Kind::PrimaryKey && mk.kind != model::Constraint::Kind::Unique) {
            refuse(mk.range, "check or exclusion constraints");
            continue;
          }
          k.kind = mk.kind == model::Constraint::Kind::PrimaryKey ? catalog::Constraint::Kind::PrimaryKey
                                                                  : catalog::Constraint::Kind::Unique;
          for (const auto& n : mk.columns) k.columns.push_back(Fold(n));
          k.name = mk.name ? Fold(*mk.name) : t.name + (k.kind == catalog::Constraint::Kind::PrimaryKey ? "_PK" : "_UQ");
          k.src = mk.range;
          t.constraints.push_back(std::move(k));
        }
        for (const auto& mi : mt.indexes) {
          catalog::Index ix;
          ix.unique = mi.unique;
          ix.method = "";
          for (const auto& key : mi.keys) {
            if (key.expr.kind != model::Expr::Kind::Column) {
              refuse(mi.range, "expression indexes");
              continue;
            }
            ix.keys.push_back({Fold(key.expr.name), "", key.desc, std::nullopt, std::nullopt, std::nullopt});
          }
          ix.name = mi.name ? Fold(*mi.name) : t.name + "_IX" + std::to_string(t.indexes.size() + 1);
          ix.src = mi.range;
          t.indexes.push_back(std::move(ix));
        }
        s.tables.push_back(std::move(t));
      }
      for (const auto& mv : ms.views) {
        catalog::View v;
        v.name = Fold(mv.name);
        v.definition = v.source = mv.body;
        v.comment = mv.comment;
        v.src = mv.range;
        for (const auto& d : mv.depends_on)
          v.depends_on.push_back({d.schema ? Fold(*d.schema) : kDefaultSchema, Fold(d.name)});
        std::sort(v.depends_on.begin(), v.depends_on.end());
        s.views.push_back(std::move(v));
      }
      c.schemas.push_back(std::move(s));
    }
    if (!ok) return std::nullopt;
    catalog::Canonicalize(c);
    return c;
  }

  auto IsBuiltinSchema(const std::string& name) const -> bool override { return name == kDefaultSchema; }

  // Expressions are compared as written, after white space.
  auto SameExpression(const std::string& a, const std::string& b) const -> bool override {
    auto squeeze = [](const std::string& s) {
      std::string out;
      for (char ch : s)
        if (!std::isspace(static_cast<unsigned char>(ch))) out += ch;
      return out;
    };
    return squeeze(a) == squeeze(b);
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    std::vector<std::string> out;
    std::string word;
    for (size_t i = 0; i <= expr.size(); ++i) {
      char ch = i < expr.size() ? expr[i] : ' ';
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') {
        word += ch;
      } else {
        if (!word.empty() && !std::isdigit(static_cast<unsigned char>(word[0]))) out.push_back(word);
        word.clear();
      }
    }
    return out;
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    std::string out, word;
    for (size_t i = 0; i <= expr.size(); ++i) {
      char ch = i < expr.size() ? expr[i] : '\0';
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') {
        word += ch;
        continue;
      }
      out += word == from ? to : word;
      word.clear();
      if (ch) out += ch;
    }
    return out;
  }
  auto UserTypeName(const catalog::ObjectName& type) const -> std::string override { return type.schema + "." + type.name; }
  auto SpellRenamedType(const std::string&, const catalog::ObjectName& to) const -> std::string override {
    return UserTypeName(to);
  }
  auto ImplicitRelations(const catalog::Table&) const -> std::vector<std::string> override { return {}; }

  // ---- the decisions ----

  auto DecideColumn(const target::ColumnChange& c) const -> target::Decision override {
    if (diff::Is(c.kind, diff::ChangeKind::Type))
      return {target::Strategy::RebuildTable, "column " + c.new_column.name + " changes type", "", std::nullopt};
    if (diff::Is(c.kind, diff::ChangeKind::Generated | diff::ChangeKind::Identity | diff::ChangeKind::Metadata |
                             diff::ChangeKind::IdentityOptions | diff::ChangeKind::Collation))
      return {target::Strategy::Unsupported, "the fake target cannot change column " + c.new_column.name,
              "drop the column and add it again", std::nullopt};
    return {};
  }
  auto Invalidated(const catalog::Column&, const catalog::Column&) const -> target::Invalidates override {
    return {.expressions = true, .keys = true};
  }
  auto DecideTable(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to) const
      -> target::Decision override {
    if (from.options != to.options || from.kind != to.kind)
      return {target::Strategy::RebuildTable, "the options of " + name.name + " change", "", std::nullopt};
    if (from.watermark != to.watermark)
      return {target::Strategy::Unsupported, "the fake target has no watermarks", "", std::nullopt};
    return {};  // clustering alters in place
  }
  auto DecideEnum(const target::EnumChange& c) const -> std::vector<target::Decision> override {
    // No enums: one that reached a catalog (a snapshot written by hand)
    // cannot change at all, not even by an added value.
    return {{target::Strategy::Unsupported, "the fake target has no enums; " + c.name.name + " cannot change",
             "remove the enum", std::nullopt}};
  }
  auto ForeignKeysPinKeys() const -> bool override { return false; }
  auto UsesSequence(const std::string&, const catalog::ObjectName&) const -> bool override { return false; }
  auto RenameTypeInExpression(const std::string& expr, const catalog::ObjectName&, const catalog::ObjectName&) const
      -> std::string override {
    return expr;
  }
  auto SelectsAll(const catalog::View& view) const -> bool override {
    return view.definition.find('*') != std::string::npos;
  }
  auto TransactionRules() const -> target::Transactions override { return {.ddl = false, .before = nullptr}; }

  // ---- emit: one statement per change, each safe to re-run ----

  auto Emit(const plan::Plan& plan, diag::Engine&) const -> std::optional<target::Script> override {
    target::Script script;
    for (size_t i = 0; i < plan.changes.size(); ++i) {
      Emitter e{script, i};
      std::visit(e, plan.changes[i].op);
    }
    return script;
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    std::string out = plan.transactional ? "-- in one transaction\n" : "-- each statement commits on its own\n";
    for (const auto& s : script.statements) out += s.sql + "\n";
    return out;
  }

 private:
  struct Emitter {
    target::Script& script;
    size_t change;
    void Put(std::string sql) { script.statements.push_back({std::move(sql), change, false, true}); }
    static auto Q(const std::string& schema, const std::string& name) { return schema + "." + name; }
    static auto Columns(const catalog::Table& t) {
      std::string s;
      for (const auto& c : t.columns) s += (s.empty() ? "" : ", ") + c.name + " " + c.type + (c.not_null ? " NOT NULL" : "");
      return s;
    }
    static auto List(const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return s;
    }
    void Create(const std::string& schema, const std::string& name, const catalog::Table& t) {
      Put("MAKE TABLE IF ABSENT " + Q(schema, name) + " (" + Columns(t) + ")" +
          (t.cluster_by.empty() ? "" : " CLUSTER (" + List(t.cluster_by) + ")"));
      for (const auto& k : t.constraints) AddKey(schema, name, k);
      for (const auto& ix : t.indexes) AddIndex(schema, name, ix);
      if (t.comment) Put("NOTE TABLE " + Q(schema, name) + " '" + *t.comment + "'");
    }
    void AddKey(const std::string& schema, const std::string& table, const catalog::Constraint& k) {
      Put("KEY " + Q(schema, table) + " " + k.name + (k.kind == catalog::Constraint::Kind::PrimaryKey ? " PRIMARY (" : " UNIQUE (") +
          List(k.columns) + ") IF ABSENT");
    }
    void AddIndex(const std::string& schema, const std::string& table, const catalog::Index& ix) {
      std::vector<std::string> keys;
      for (const auto& k : ix.keys) keys.push_back(k.column + (k.desc ? " DESC" : ""));
      Put("INDEX IF ABSENT " + ix.name + " ON " + Q(schema, table) + (ix.unique ? " UNIQUE (" : " (") + List(keys) + ")");
    }
    void operator()(const diff::CreateSchema& c) { Put("MAKE SCHEMA IF ABSENT " + c.schema); }
    void operator()(const diff::DropSchema& c) { Put("REMOVE SCHEMA IF PRESENT " + c.schema); }
    void operator()(const diff::CreateEnum& c) { Put("-- no enums: " + c.enum_type.name); }
    void operator()(const diff::DropEnum& c) { Put("-- no enums: " + c.enum_type.name); }
    void operator()(const diff::RenameEnum& c) { Put("-- no enums: " + c.from); }
    void operator()(const diff::AddEnumValue& c) { Put("-- no enums: " + c.name); }
    void operator()(const diff::RenameEnumValue& c) { Put("-- no enums: " + c.name); }
    void operator()(const diff::CreateCollation& c) { Put("-- no collations: " + c.collation.name); }
    void operator()(const diff::DropCollation& c) { Put("-- no collations: " + c.collation.name); }
    void operator()(const diff::CreateSequence& c) { Put("-- no sequences: " + c.sequence.name); }
    void operator()(const diff::DropSequence& c) { Put("-- no sequences: " + c.sequence.name); }
    void operator()(const diff::AlterSequence& c) { Put("-- no sequences: " + c.to.name); }
    void operator()(const diff::AttachPartition& c) { Put("-- no partitions: " + c.table); }
    void operator()(const diff::CreateTable& c) { Create(c.schema, c.table.name, c.table); }
    void operator()(const diff::DropTable& c) { Put("REMOVE TABLE IF PRESENT " + Q(c.schema, c.table.name)); }
    void operator()(const diff::RenameTable& c) { Put("RENAME TABLE " + Q(c.schema, c.from) + " TO " + c.to + " IF PRESENT"); }
    void operator()(const diff::AlterTable& c) {
      Put("TABLE " + Q(c.schema, c.to.name) + " CLUSTER (" + List(c.to.cluster_by) + ")");
    }
    void operator()(const diff::RebuildTable& c) {
      // Made under a new name, filled, swapped: each step finds the last one's work done.
      std::string fresh = c.to.name + "__NEW";
      Create(c.schema, fresh, c.to);
      std::vector<std::string> cols, exprs;
      for (const auto& col : c.to.columns)
        if (const auto* old = c.from.FindColumn(col.name)) {
          cols.push_back(col.name);
          exprs.push_back(old->type == col.type ? col.name : "CAST(" + col.name + " AS " + col.type + ")");
        }
      Put("COPY INTO " + Q(c.schema, fresh) + " (" + List(cols) + ") FROM " + Q(c.schema, c.from.name) + " (" + List(exprs) +
          ") IF PRESENT");
      Put("REMOVE TABLE IF PRESENT " + Q(c.schema, c.from.name));
      Put("RENAME TABLE " + Q(c.schema, fresh) + " TO " + c.to.name + " IF PRESENT");
    }
    void operator()(const diff::AddColumn& c) {
      Put("TABLE " + Q(c.schema, c.table) + " ADD IF ABSENT " + c.column.name + " " + c.column.type +
          (c.column.not_null ? " NOT NULL" : ""));
    }
    void operator()(const diff::DropColumn& c) { Put("TABLE " + Q(c.schema, c.table) + " REMOVE IF PRESENT " + c.column.name); }
    void operator()(const diff::RenameColumn& c) {
      Put("TABLE " + Q(c.schema, c.table) + " RENAME " + c.from + " TO " + c.to + " IF PRESENT");
    }
    void operator()(const diff::AlterColumn& c) {
      if (diff::Is(c.kind, diff::ChangeKind::Null))
        Put("TABLE " + Q(c.schema, c.table) + " COLUMN " + c.to.name + (c.to.not_null ? " NOT NULL" : " NULL"));
      if (diff::Is(c.kind, diff::ChangeKind::Comment))
        Put("NOTE COLUMN " + Q(c.schema, c.table) + "." + c.to.name + " '" + c.to.comment.value_or("") + "'");
    }
    void operator()(const diff::AddConstraint& c) { AddKey(c.schema, c.table, c.constraint); }
    void operator()(const diff::DropConstraint& c) {
      Put("TABLE " + Q(c.schema, c.table) + " REMOVE KEY IF PRESENT " + c.constraint.name);
    }
    void operator()(const diff::RenameConstraint& c) {
      Put("TABLE " + Q(c.schema, c.table) + " RENAME KEY " + c.from + " TO " + c.to + " IF PRESENT");
    }
    void operator()(const diff::AlterConstraint& c) { Put("-- keys are not deferrable: " + c.to.name); }
    void operator()(const diff::CreateIndex& c) { AddIndex(c.schema, c.table, c.index); }
    void operator()(const diff::DropIndex& c) { Put("REMOVE INDEX IF PRESENT " + Q(c.schema, c.index.name)); }
    void operator()(const diff::RenameIndex& c) { Put("RENAME INDEX " + Q(c.schema, c.from) + " TO " + c.to + " IF PRESENT"); }
    void operator()(const diff::CreateView& c) {
      Put("MAKE OR REPLACE VIEW " + Q(c.schema, c.view.name) + " AS " + c.view.source);
    }
    void operator()(const diff::DropView& c) { Put("REMOVE VIEW IF PRESENT " + Q(c.schema, c.view.name)); }
    void operator()(const diff::SetComment& c) { Put("NOTE " + Q(c.schema, c.name) + " '" + c.to.value_or("") + "'"); }
    void operator()(const diff::CreatePipe& c) { Put("MAKE PIPE " + Q(c.schema, c.pipe.name)); }
    void operator()(const diff::DropPipe& c) { Put("REMOVE PIPE IF PRESENT " + Q(c.schema, c.pipe.name)); }
    void operator()(const diff::PausePipe& c) { Put("HOLD PIPE " + Q(c.schema, c.pipe.name)); }
    void operator()(const diff::ReplacePipe& c) { Put("REMAKE PIPE " + Q(c.schema, c.to.name)); }
  };
};

}  // namespace schemac::testing
