// Dumps: one line per node, indented by depth, with source positions.
#include "compiler/driver/dump.h"

#include "compiler/expand/template.h"
#include "compiler/format/format.h"

#include <fmt/format.h>

namespace schemac::driver {
namespace {

auto Pos(const source::SourceRange& r) -> std::string {
  return r.valid() ? fmt::format("@{}:{}", r.line, r.col) : "";
}
auto NameText(const ast::Name& n) -> std::string { return n.quoted ? "\"" + n.text + "\"" : n.text; }
auto QText(const ast::QName& q) -> std::string { return (q.schema ? NameText(*q.schema) + "." : "") + NameText(q.name); }

auto TypeText(const ast::TypeRef& t) -> std::string {
  std::string s;
  switch (t.kind) {
    case ast::TypeRef::Kind::Array: s = "array<" + TypeText(t.elems[0]) + ">"; break;
    case ast::TypeRef::Kind::Map: s = "map<" + TypeText(t.elems[0]) + ", " + TypeText(t.elems[1]) + ">"; break;
    case ast::TypeRef::Kind::Row:
      s = "row<";
      for (size_t i = 0; i < t.elems.size(); ++i) s += (i ? ", " : "") + NameText(t.fields[i]) + " " + TypeText(t.elems[i]);
      s += ">";
      break;
    case ast::TypeRef::Kind::Generic:
      s = t.name + "<";
      for (size_t i = 0; i < t.elems.size(); ++i) s += (i ? ", " : "") + TypeText(t.elems[i]);
      s += ">";
      break;
    case ast::TypeRef::Kind::Named:
      s = (t.schema ? *t.schema + "." : "") + t.name;
      if (!t.args.empty()) {
        s += "(";
        for (size_t i = 0; i < t.args.size(); ++i) s += (i ? ", " : "") + std::to_string(t.args[i]);
        s += ")";
      }
      if (t.with_time_zone) s += *t.with_time_zone ? " with time zone" : " without time zone";
      break;
  }
  for (int i = 0; i < t.array_dims; ++i) s += "[]";
  return s;
}

/// A target option, without its position.
auto OptionText(const ast::TargetItem& i) -> std::string {
  std::string s = "Option " + NameText(i.key);
  if (i.value) s += " = " + (i.value_is_string ? fmt::format("{:?}", *i.value) : *i.value);
  for (const auto& e : i.exprs) s += " " + DumpExpr(e);
  for (const auto& n : i.names) s += " " + NameText(n);
  for (const auto& [k, v] : i.options) s += " '" + k + "'='" + v + "'";
  if (i.type) s += " type " + TypeText(*i.type);
  if (i.into) s += (i.kind == ast::TargetItem::Kind::PartitionOf ? " partition of " : " into ") + QText(*i.into);
  if (!i.bound.empty()) s += " bound " + i.bound;
  for (const auto& e : i.to) s += " to " + DumpExpr(e);
  return s;
}

struct AstDumper {
  std::string out;
  void Line(int depth, const std::string& text) { out += std::string(static_cast<size_t>(depth) * 2, ' ') + text + "\n"; }

  void Target(int d, const ast::TargetBlock& b) {
    Line(d, "TargetBlock " + b.target + " " + Pos(b.range));
    for (const auto& item : b.items) Item(d + 1, item);
  }
  void Item(int d, const ast::TargetItem& i) { Line(d, OptionText(i) + " " + Pos(i.range)); }
  void Decls(int d, const std::vector<ast::Decl>& decls) {
    for (const auto& decl : decls) {
      std::visit(
          [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, ast::Import>) {
              Line(d, std::string("Import ") + (n.is_module ? "module " : "file ") + n.path + " " + Pos(n.range));
            } else if constexpr (std::is_same_v<T, ast::Schema>) {
              Line(d, "Schema " + NameText(n.name) + " " + Pos(n.range));
              Decls(d + 1, n.decls);
            } else if constexpr (std::is_same_v<T, ast::Table>) {
              Line(d, std::string(n.is_mixin ? "Mixin " : n.is_extern ? "ExternTable " : "Table ") + QText(n.name) + " " + Pos(n.range));
              for (const auto& item : n.items) TableItem(d + 1, item);
            } else if constexpr (std::is_same_v<T, ast::Enum>) {
              std::string v;
              for (const auto& [val, r] : n.values) v += (v.empty() ? "" : ", ") + ("'" + val + "'");
              Line(d, "Enum " + QText(n.name) + " (" + v + ") " + Pos(n.range));
            } else if constexpr (std::is_same_v<T, ast::Sequence>) {
              std::string o;
              for (const auto& x : n.options) o += " " + NameText(x.key) + (x.value ? "=" + *x.value : "");
              std::string owner;
              for (const auto& x : n.owned_by) owner += (owner.empty() ? " owned by " : ".") + NameText(x);
              Line(d, "Sequence " + QText(n.name) + (n.type ? " as " + NameText(*n.type) : "") + o + owner + " " + Pos(n.range));
            } else if constexpr (std::is_same_v<T, ast::Collation>) {
              std::string o;
              for (const auto& x : n.options) o += " " + NameText(x.key) + (x.value ? "=" + *x.value : "");
              Line(d, "Collation " + QText(n.name) + o + " " + Pos(n.range));
            } else if constexpr (std::is_same_v<T, ast::View>) {
              Line(d, std::string(n.materialized ? "MaterializedView " : "View ") + QText(n.name) + " " + Pos(n.range));
              if (n.body_kind == ast::View::BodyKind::Union) {
                std::string m;
                for (const auto& q : n.union_of) m += (m.empty() ? "" : ", ") + QText(q);
                Line(d + 1, "UnionAll (" + m + ")");
              } else {
                Line(d + 1, "Body " + fmt::format("{:?}", n.body));
              }
              for (const auto& q : n.depends_on) Line(d + 1, "DependsOn " + QText(q));
            } else if constexpr (std::is_same_v<T, ast::Pipe>) {
              Line(d, "Pipe " + n.target + " " + QText(n.name) + " " + Pos(n.range));
              for (const auto& item : n.items) Item(d + 1, item);
            } else if constexpr (std::is_same_v<T, ast::TargetBlock>) {
              Target(d, n);
            } else if constexpr (std::is_same_v<T, ast::Let>) {
              Line(d, "Let " + NameText(n.name) + " " + DumpExpr(n.value) + " " + Pos(n.range));
            } else if constexpr (std::is_same_v<T, ast::For>) {
              Line(d, "For " + NameText(n.var) + " in " + DumpExpr(n.iterable) + " " + Pos(n.range));
              Decls(d + 1, n.body);
            }
          },
          decl.node);
    }
  }
  void TableItem(int d, const ast::TableItem& item) {
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, ast::Column>) {
            std::string s = "Column " + NameText(n.name) + " " + TypeText(n.type);
            if (n.not_null) s += *n.not_null ? " not-null" : " null";
            if (n.primary_key) s += " primary-key";
            if (n.unique) s += " unique";
            if (n.identity) s += " identity";
            if (n.default_value) s += " default=" + DumpExpr(*n.default_value);
            if (n.generated) s += " generated=" + DumpExpr(*n.generated) + (n.stored ? " stored" : "");
            for (const auto& c : n.checks) s += " check=" + DumpExpr(c);
            if (n.references) s += " references=" + QText(n.references->table);
            if (n.comment) s += " comment=" + fmt::format("{:?}", *n.comment);
            if (n.renamed_from) s += " renamed-from=" + NameText(*n.renamed_from);
            if (n.collation) s += " collate=" + NameText(*n.collation);
            Line(d, s + " " + Pos(n.range));
            for (const auto& b : n.targets) Target(d + 1, b);
          } else if constexpr (std::is_same_v<T, ast::Constraint>) {
            static const char* kinds[] = {"PrimaryKey", "Unique", "ForeignKey", "Check", "Exclude"};
            std::string s = std::string(kinds[static_cast<int>(n.kind)]);
            if (n.name) s += " " + NameText(*n.name);
            if (!n.columns.empty()) {
              s += " (";
              for (size_t i = 0; i < n.columns.size(); ++i) s += (i ? ", " : "") + NameText(n.columns[i]);
              s += ")";
            }
            if (n.references) s += " references " + QText(n.references->table);
            if (n.check) s += " " + DumpExpr(*n.check);
            if (n.kind == ast::Constraint::Kind::Exclusion) {
              if (n.exclusion.method) s += " using=" + NameText(*n.exclusion.method);
              s += " (";
              for (size_t i = 0; i < n.exclusion.keys.size(); ++i)
                s += (i ? ", " : "") + DumpExpr(n.exclusion.keys[i].expr) +
                     " with=" + (i < n.operators.size() ? n.operators[i].text : std::string());
              s += ")";
              if (n.exclusion.where) s += " where=" + DumpExpr(*n.exclusion.where);
            }
            Line(d, s + " " + Pos(n.range));
          } else if constexpr (std::is_same_v<T, ast::Index>) {
            std::string s = n.unique ? "UniqueIndex" : "Index";
            if (n.name) s += " " + NameText(*n.name);
            s += " (";
            for (size_t i = 0; i < n.keys.size(); ++i)
              s += (i ? ", " : "") + DumpExpr(n.keys[i].expr) + (n.keys[i].desc ? " desc" : "");
            s += ")";
            if (n.where) s += " where " + DumpExpr(*n.where);
            if (n.method) s += " using " + NameText(*n.method);
            Line(d, s + " " + Pos(n.range));
          } else if constexpr (std::is_same_v<T, ast::Include>) {
            Line(d, "Include " + QText(n.mixin) + " " + Pos(n.range));
          } else if constexpr (std::is_same_v<T, ast::TableComment>) {
            Line(d, "Comment " + fmt::format("{:?}", n.text) + " " + Pos(n.range));
          } else if constexpr (std::is_same_v<T, ast::RenamedFrom>) {
            Line(d, "RenamedFrom " + NameText(n.old_name) + " " + Pos(n.range));
          } else if constexpr (std::is_same_v<T, ast::TargetBlock>) {
            Target(d, n);
          }
        },
        item);
  }
};

auto ModelName(const model::Name& n) -> std::string { return n.quoted ? "\"" + n.text + "\"" : n.text; }

/// A checked target option, printed as OptionText prints the item it came from.
auto ModelOptionText(const model::TargetOption& o) -> std::string {
  std::string s = "Option " + ModelName(o.key);
  if (o.value) s += " = " + (o.value_is_string ? fmt::format("{:?}", *o.value) : *o.value);
  for (const auto& e : o.exprs) s += " " + model::DumpExpr(e);
  for (const auto& n : o.names) s += " " + ModelName(n);
  for (const auto& [k, v] : o.options) s += " '" + k + "'='" + v + "'";
  if (o.table)
    s += (o.kind == model::TargetOption::Kind::PartitionOf ? " partition of " : " into ") +
         (o.table->schema ? ModelName(*o.table->schema) + "." : "") + ModelName(o.table->name);
  if (!o.bound.empty()) s += " bound " + o.bound;
  for (const auto& e : o.to) s += " to " + model::DumpExpr(e);
  return s;
}

}  // namespace

auto DumpExpr(const ast::Expr& e) -> std::string {
  using K = ast::Expr::Kind;
  auto args = [&](size_t from = 0) {
    std::string s;
    for (size_t i = from; i < e.args.size(); ++i) s += " " + DumpExpr(e.args[i]);
    return s;
  };
  switch (e.kind) {
    case K::Number: return e.text;
    case K::String: return fmt::format("'{}'", e.text);
    case K::Bool: return e.text;
    case K::Null: return "null";
    case K::Interval: return "(interval '" + e.text + "' " + e.op + ")";
    case K::Column: return (e.qualifier.empty() ? "" : e.qualifier + ".") + (e.quoted ? "\"" + e.text + "\"" : e.text);
    case K::Call: return "(call " + (e.qualifier.empty() ? "" : e.qualifier + ".") + e.text + args() + ")";
    case K::Star: return "*";
    case K::Unary: return "(" + e.op + args() + ")";
    case K::Binary: return "(" + e.op + args() + ")";
    case K::IsNull: return std::string(e.negated ? "(is-not-null" : "(is-null") + args() + ")";
    case K::IsBool: return std::string(e.negated ? "(is-not-" : "(is-") + e.op + args() + ")";
    case K::In: return std::string(e.negated ? "(not-in" : "(in") + args() + ")";
    case K::Between: return std::string(e.negated ? "(not-between" : "(between") + args() + ")";
    case K::Like: return "(" + std::string(e.negated ? "not-" : "") + e.op + args() + ")";
    case K::Case:
      return std::string("(case") + (e.has_subject ? " subject" : "") + (e.has_else ? " else" : "") + args() + ")";
    case K::Cast: return "(cast" + args() + " " + TypeText(e.type.at(0)) + ")";
    case K::List: return "(list" + args() + ")";
    case K::Record: {
      std::string out = "(record";
      for (size_t i = 0; i < e.args.size() && i < e.fields.size(); ++i) out += " " + e.fields[i] + ": " + DumpExpr(e.args[i]);
      return out + ")";
    }
  }
  return "?";
}

auto DumpAst(const ast::Unit& unit, const source::SourceManager& sm) -> std::string {
  AstDumper d;
  for (const auto& f : unit.files) {
    if (f.from_stdlib) continue;
    d.Line(0, "File " + sm.Path(f.id));
    d.Decls(1, f.decls);
  }
  return d.out;
}

auto DumpExpanded(ast::Unit& unit, source::SourceManager& sm) -> std::string {
  diag::Engine none(sm);
  expand::EscapeInterpolation(unit, sm, none);  // a literal ${ reads back as one
  std::string out;
  for (auto& f : unit.files) {
    if (f.from_stdlib) continue;
    f.comments.clear();  // the template's comments belong to the template
    out += "-- " + sm.Path(f.id) + ", expanded\n" + format::Format(f, sm);
  }
  return out;
}

auto DumpModel(const model::Realm& realm) -> std::string {
  // Every field of the model is printed: the fmt test compares this dump
  // before and after formatting, so an attribute missing here could be lost
  // by the formatter unnoticed.
  std::string out;
  auto ref = [](const model::TableRef& r) { return (r.schema ? ModelName(*r.schema) + "." : "") + ModelName(r.name); };
  auto names = [](const std::vector<model::Name>& ns) {
    std::string s = "(";
    for (size_t i = 0; i < ns.size(); ++i) s += (i ? ", " : "") + ModelName(ns[i]);
    return s + ")";
  };
  auto quoted = [](const std::optional<std::string>& s) { return s ? fmt::format(" comment={:?}", *s) : std::string(); };
  auto options = [&](int depth, const model::TargetOptions& opts) {
    for (const auto& [target, items] : opts)
      for (const auto& item : items) out += std::string(static_cast<size_t>(depth) * 2, ' ') + target + " " + ModelOptionText(item) + "\n";
  };
  options(0, realm.options);
  // Acknowledged lint findings and severity changes, where they stand.
  for (const auto& a : realm.allows) {
    static const char* const kScope[] = {"file", "schema", "table", "column"};
    std::string place;
    for (const auto* n : {&a.schema, &a.table, &a.column})
      if (*n) place += (place.empty() ? " " : ".") + ModelName(**n);
    std::string on = a.on ? " on " + (a.on_qualifier ? ModelName(*a.on_qualifier) + "." : "") + ModelName(*a.on) : "";
    out += fmt::format("allow {}{} {}{}{}\n", kScope[static_cast<int>(a.scope)], place, a.rule, on,
                       a.reason ? fmt::format(" reason={:?}", *a.reason) : "");
  }
  for (const auto& o : realm.severities) out += "severity " + o.rule + " " + o.severity + "\n";
  for (const auto& s : realm.schemas) {
    out += "schema " + (s.name ? ModelName(*s.name) : std::string("<default>")) + "\n";
    for (const auto& e : s.enums) {
      out += "  enum " + ModelName(e.name) + " (";
      for (size_t i = 0; i < e.values.size(); ++i) {
        out += (i ? ", " : "") + ("'" + e.values[i] + "'");
        if (auto it = e.value_renamed_from.find(e.values[i]); it != e.value_renamed_from.end())
          out += " renamed-from '" + it->second + "'";
      }
      out += ")" + quoted(e.comment) + (e.renamed_from ? " renamed-from " + ModelName(*e.renamed_from) : "") + "\n";
    }
    // An index of a table or of a materialized view, on one line.
    auto key_text = [&](const model::IndexKey& k) {
      std::string out = model::DumpExpr(k.expr);
      if (k.collation) out += " collate=" + ModelName(*k.collation);
      if (k.opclass) out += " opclass=" + ModelName(*k.opclass);
      if (k.desc) out += " desc";
      if (k.nulls_first) out += *k.nulls_first ? " nulls-first" : " nulls-last";
      return out;
    };
    auto dump_index = [&](const model::Index& ix) {
      out += std::string("    ") + (ix.unique ? "unique-index" : "index");
      if (ix.name) out += " " + ModelName(*ix.name);
      out += " (";
      for (size_t i = 0; i < ix.keys.size(); ++i) out += (i ? ", " : "") + key_text(ix.keys[i]);
      out += ")";
      if (ix.where) out += " where=" + model::DumpExpr(*ix.where);
      if (ix.method) out += " using=" + *ix.method;
      if (ix.nulls_not_distinct) out += " nulls-not-distinct";
      if (!ix.include.empty()) out += " include=" + names(ix.include);
      for (const auto& [k, v] : ix.storage) out += " with:" + k + "=" + v;
      out += "\n";
    };
    for (const auto& k : s.collations) {
      out += "  collation " + ModelName(k.name) + " provider=" + k.provider;
      if (k.locale) out += " locale=" + *k.locale;
      if (k.lc_collate) out += " lc_collate=" + *k.lc_collate;
      if (k.lc_ctype) out += " lc_ctype=" + *k.lc_ctype;
      if (!k.deterministic) out += " nondeterministic";
      out += quoted(k.comment) + "\n";
    }
    for (const auto& q : s.sequences) {
      out += "  sequence " + ModelName(q.name) + " " + q.type.Describe();
      for (const auto& [k, v] : q.options) out += " " + k + "=" + std::to_string(v);
      if (q.owned_table && q.owned_column)
        out += " owned-by " + (q.owned_table->schema ? ModelName(*q.owned_table->schema) + "." : "") + ModelName(q.owned_table->name) +
               "." + ModelName(*q.owned_column);
      out += quoted(q.comment) + "\n";
    }
    for (const auto& t : s.tables) {
      out += std::string(t.is_extern ? "  extern-table " : "  table ") + ModelName(t.name) + (t.renamed_from ? " renamed-from " + ModelName(*t.renamed_from) : "") +
             quoted(t.comment) + "\n";
      options(3, t.options);
      for (const auto& c : t.columns) {
        out += "    column " + ModelName(c.name) + " " + c.type.Describe();
        if (c.not_null) out += " not-null";
        if (c.identity) out += c.identity_always ? " identity-always" : " identity";
        for (const auto& [k, v] : c.identity_options) out += " " + k + "=" + std::to_string(v);
        if (c.default_value) out += " default=" + model::DumpExpr(*c.default_value);
        if (c.generated) out += " generated=" + model::DumpExpr(*c.generated) + (c.stored ? " stored" : "");
        for (const auto& [target, type] : c.type_for_target) out += " " + target + ":" + type.Describe();
        if (c.collation) out += " collate=" + ModelName(*c.collation);
        out += quoted(c.comment);
        if (c.renamed_from) out += " renamed-from=" + ModelName(*c.renamed_from);
        out += "\n";
      }
      for (const auto& k : t.constraints) {
        static const char* kinds[] = {"primary-key", "unique", "foreign-key", "check", "exclusion"};
        out += std::string("    ") + kinds[static_cast<int>(k.kind)];
        if (k.name) out += " " + ModelName(*k.name);
        if (!k.columns.empty()) out += " " + names(k.columns);
        if (k.kind == model::Constraint::Kind::ForeignKey) {
          out += " -> " + ref(k.ref_table) + " " + names(k.ref_columns);
          if (!k.on_delete.empty()) out += " on-delete=" + k.on_delete;
          if (!k.on_update.empty()) out += " on-update=" + k.on_update;
          if (k.match_full) out += " match-full";
        }
        if (k.nulls_not_distinct) out += " nulls-not-distinct";
        if (k.deferrable) out += k.initially_deferred ? " deferrable-initially-deferred" : " deferrable";
        if (k.no_inherit) out += " no-inherit";
        if (k.check) out += " " + model::DumpExpr(*k.check);
        if (k.not_valid) out += " not-valid";
        if (k.kind == model::Constraint::Kind::Exclusion) {
          const auto& x = k.exclusion;
          out += " (";
          for (size_t i = 0; i < x.keys.size(); ++i) {
            out += (i ? ", " : "") + key_text(x.keys[i]);
            out += " with=" + (i < k.operators.size() ? k.operators[i] : std::string());
          }
          out += ")";
          if (x.where) out += " where=" + model::DumpExpr(*x.where);
          if (x.method) out += " using=" + *x.method;
          if (!x.include.empty()) out += " include=" + names(x.include);
          for (const auto& [key, v] : x.storage) out += " with:" + key + "=" + v;
        }
        out += "\n";
      }
      for (const auto& ix : t.indexes) dump_index(ix);
    }
    for (const auto& v : s.views) {
      out += std::string("  ") + (v.materialized ? "materialized-view " : "view ") + ModelName(v.name) + " reads";
      for (const auto& d : v.depends_on) out += " " + ref(d);
      out += quoted(v.comment) + fmt::format(" body={:?}", v.body) + "\n";
      for (const auto& ix : v.indexes) dump_index(ix);
    }
    for (const auto& p : s.pipes) {
      out += "  pipe " + p.target + " " + ModelName(p.name) + "\n";
      for (const auto& item : p.items) out += "    " + ModelOptionText(item) + "\n";
    }
  }
  return out;
}

auto DumpChanges(const std::vector<diff::Change>& changes, const source::SourceManager& sm) -> std::string {
  std::string out;
  for (size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    out += fmt::format("[{}] {} {}", i, diff::KindName(c.op), diff::ObjectName(c.op));
    if (auto* ac = std::get_if<diff::AlterColumn>(&c.op)) out += " {" + diff::Describe(ac->kind) + "}";
    if (!c.after.empty()) {
      out += " after";
      for (size_t a : c.after) out += fmt::format(" {}", a);
    }
    if (c.src.valid()) out += fmt::format(" @{}:{}:{}", sm.Path(c.src.file), c.src.line, c.src.col);
    out += "\n";
  }
  return out;
}

}  // namespace schemac::driver
