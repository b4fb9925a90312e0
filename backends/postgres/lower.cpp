// Lowering the portable model to a Postgres catalog: folded names, native
// types, rendered expressions, and the names Postgres itself would give to
// unnamed constraints, indexes and identity sequences (ChooseRelationName and
// ChooseConstraintName in Postgres's source), so that a plan against a live
// database converges.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include <llvm/ADT/StringRef.h>

#include "backends/postgres/expr.h"
#include "backends/postgres/postgres.h"
#include "compiler/source/utf8.h"

namespace schemac::backends::postgres {
auto EffectiveIdentityOptions(const std::string& type, const catalog::IdentityOptions& o) -> EffectiveSequence {
  // The sequence's data type is the column's: its range bounds the defaults.
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  if (type == "smallint") lo = INT16_MIN, hi = INT16_MAX;
  if (type == "integer") lo = INT32_MIN, hi = INT32_MAX;
  EffectiveSequence e;
  e.increment = o.increment.value_or(1);
  bool up = e.increment > 0;
  e.min = o.min.value_or(up ? 1 : lo);
  e.max = o.max.value_or(up ? hi : -1);
  e.start = o.start.value_or(up ? e.min : e.max);
  e.cache = o.cache.value_or(1);
  e.cycle = o.cycle;
  return e;
}

auto CanonicalIdentityOptions(const std::string& type, const std::map<std::string, int64_t>& given)
    -> catalog::IdentityOptions {
  auto get = [&](const char* k) -> std::optional<int64_t> {
    auto it = given.find(k);
    return it == given.end() ? std::nullopt : std::optional<int64_t>(it->second);
  };
  catalog::IdentityOptions written{get("start"), get("increment"), get("minvalue"), get("maxvalue"), get("cache"),
                                   get("cycle").value_or(0) != 0};
  return CanonicalIdentityOptions(type, EffectiveIdentityOptions(type, written));
}

auto CanonicalIdentityOptions(const std::string& type, const EffectiveSequence& e) -> catalog::IdentityOptions {
  catalog::IdentityOptions defaults;
  if (e.increment != 1) defaults.increment = e.increment;
  EffectiveSequence d = EffectiveIdentityOptions(type, defaults);  // the defaults for this increment
  catalog::IdentityOptions out;
  out.increment = defaults.increment;
  if (e.min != d.min) out.min = e.min;
  if (e.max != d.max) out.max = e.max;
  if (e.start != (e.increment > 0 ? e.min : e.max)) out.start = e.start;
  if (e.cache != d.cache) out.cache = e.cache;
  out.cycle = e.cycle;
  return out;
}

/// Postgres's makeObjectName: name1_name2_label, shortening the longer of
/// name1/name2 until it fits in 63 bytes, never splitting a UTF-8 character.
auto MakeObjectName(const std::string& name1, const std::string& name2, const std::string& label) -> std::string {
  size_t overhead = label.empty() ? 0 : label.size() + 1;
  if (!name2.empty()) overhead += 1;
  size_t avail = kMaxIdentifierBytes - overhead;
  size_t n1 = name1.size(), n2 = name2.size();
  while (n1 + n2 > avail) {
    if (n1 > n2) --n1;
    else --n2;
  }
  auto clip = [](const std::string& s, size_t n) { return s.substr(0, source::utf8::Boundary(s, n)); };
  std::string out = clip(name1, n1);
  if (!name2.empty()) out += "_" + clip(name2, n2);
  if (!label.empty()) out += "_" + label;
  return out;
}

namespace {

/// Names taken in one schema: relations (tables, views, indexes, sequences)
/// and constraints are separate namespaces in Postgres.
struct Namespace {
  std::set<std::string> relations;
  std::set<std::string> constraints;

  /// ChooseRelationName / ChooseConstraintName: append 1, 2, ... to the label until free.
  auto Choose(const std::string& n1, const std::string& n2, const std::string& label, bool relation,
              bool constraint) -> std::string {
    for (int pass = 0;; ++pass) {
      std::string l = pass == 0 ? label : label + std::to_string(pass);
      std::string name = MakeObjectName(n1, n2, l);
      if ((relation && relations.count(name)) || (constraint && constraints.count(name))) continue;
      if (relation) relations.insert(name);
      if (constraint) constraints.insert(name);
      return name;
    }
  }
};

/// ChooseIndexColumnNames + ChooseIndexNameAddition: column names joined with
/// '_', "expr" for expressions, stopping once the result is long enough.
auto IndexNameAddition(const std::vector<std::string>& cols) -> std::string {
  std::string out;
  for (const auto& c : cols) {
    if (!out.empty()) out += "_";
    out += c;
    if (out.size() >= kMaxIdentifierBytes) break;
  }
  return out.substr(0, std::min(out.size(), kMaxIdentifierBytes));
}

/// Columns an expression mentions, distinct, in order of appearance.
void ColumnsOf(const model::Expr& e, std::vector<std::string>& out) {
  if (e.kind == model::Expr::Kind::RawSql) {
    for (const auto& t : IdentifierTokens(e.text))  // sql('...'): the names it mentions
      if (std::find(out.begin(), out.end(), t.name) == out.end()) out.push_back(t.name);
    return;
  }
  if (e.kind == model::Expr::Kind::Column) {  // Postgres counts `t.a` like `a`
    std::string n = Fold(e.name);
    if (!e.name.quoted && !e.qualifier && model::IsNiladicFunction(n)) return;
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    return;
  }
  for (const auto& a : e.args) ColumnsOf(a, out);
}

/// Postgres's FigureColname for an index expression: the name a column of
/// that expression would get (function name, column name, `case`, the type
/// of a cast), or nothing, in which case the index name uses "expr".
auto FigureColname(const model::Expr& e, int* strength = nullptr) -> std::optional<std::string> {
  using K = model::Expr::Kind;
  int local = 0;
  int& s = strength ? *strength : local;
  switch (e.kind) {
    case K::Column: {
      std::string n = Fold(e.name);
      s = !e.name.quoted && model::IsNiladicFunction(n) ? 1 : 2;
      return n;
    }
    case K::Call: s = 2; return Fold(e.name);
    case K::RawSql: s = 2; return "sql";
    case K::Case: s = 1; return "case";
    case K::List: s = 1; return "array";
    case K::Cast: {
      auto inner = FigureColname(e.args.at(0), &s);
      if (inner && s > 1) return inner;
      // Postgres names a cast by its type's internal name.
      static const std::map<std::string, std::string> internal = {
          {"int", "int4"}, {"integer", "int4"}, {"int32", "int4"}, {"int4", "int4"}, {"bigint", "int8"},
          {"int64", "int8"}, {"int8", "int8"}, {"smallint", "int2"}, {"int16", "int2"}, {"int2", "int2"},
          {"bool", "bool"}, {"boolean", "bool"}, {"real", "float4"}, {"float32", "float4"},
          {"double precision", "float8"}, {"float64", "float8"}, {"double", "float8"}, {"decimal", "numeric"},
          {"numeric", "numeric"}, {"varchar", "varchar"}, {"character varying", "varchar"}, {"char", "bpchar"},
          {"character", "bpchar"}, {"timestamptz", "timestamptz"}, {"json", "jsonb"}, {"bytes", "bytea"}};
      if (e.cast_spelling.empty()) return inner;
      std::string name = e.cast_spelling;
      if (auto it = internal.find(name); it != internal.end()) name = it->second;
      s = 1;
      return name;
    }
    default: return std::nullopt;
  }
}

class Lowerer {
 public:
  explicit Lowerer(diag::Engine& d) : diags_(d) {}

  auto Run(const model::Realm& realm) -> std::optional<catalog::Catalog> {
    catalog::Catalog c;
    c.target = "postgres";
    for (const auto& s : realm.schemas) {
      // Extern tables are never lowered; a schema that only holds extern
      // tables is not the project's either.
      bool only_extern = !s.tables.empty() && s.views.empty() && s.enums.empty() && s.pipes.empty() && s.sequences.empty() &&
                         s.collations.empty() &&
                         std::all_of(s.tables.begin(), s.tables.end(), [](const model::Table& t) { return t.is_extern; });
      std::string name = s.name ? Fold(*s.name) : "public";
      for (const auto& t : s.tables)
        if (t.is_extern) c.externs.push_back({name, Fold(t.name)});
      if (only_extern) continue;
      CheckLength(name, s.range);
      catalog::Schema* out = nullptr;
      for (auto& existing : c.schemas)
        if (existing.name == name) out = &existing;
      if (!out) {
        c.schemas.push_back(catalog::Schema{name, {}, {}, {}, s.range});
        out = &c.schemas.back();
      }
      Namespace& ns = namespaces_[name];
      // Explicit names first: derived names must not take them.
      for (const auto& t : s.tables) {
        if (t.is_extern) continue;
        ns.relations.insert(Fold(t.name));
        for (const auto& k : t.constraints)
          if (k.name) {
            ns.constraints.insert(Fold(*k.name));
            if (k.kind == model::Constraint::Kind::PrimaryKey || k.kind == model::Constraint::Kind::Unique ||
                k.kind == model::Constraint::Kind::Exclusion)
              ns.relations.insert(Fold(*k.name));
          }
        for (const auto& ix : t.indexes)
          if (ix.name) ns.relations.insert(Fold(*ix.name));
      }
      for (const auto& v : s.views) {
        ns.relations.insert(Fold(v.name));
        for (const auto& ix : v.indexes)
          if (ix.name) ns.relations.insert(Fold(*ix.name));
      }
      for (const auto& q : s.sequences) ns.relations.insert(Fold(q.name));
      for (const auto& q : s.sequences) out->sequences.push_back(LowerSequence(q));
      for (const auto& k : s.collations) out->collations.push_back(LowerCollation(k));
      for (const auto& e : s.enums) out->enums.push_back(LowerEnum(e));
      for (const auto& t : s.tables)
        if (!t.is_extern) out->tables.push_back(LowerTable(name, t, ns));
      for (const auto& v : s.views) out->views.push_back(LowerView(v, ns));
    }
    if (diags_.has_errors()) return std::nullopt;
    // How plans of this source run: `postgres { online; lock_timeout '5s' }`.
    if (auto it = realm.options.find("postgres"); it != realm.options.end())
      for (const auto& item : it->second)
        if (item.kind == model::TargetOption::Kind::Flag)
          c.settings[llvm::StringRef(item.key.text).lower()] = item.value.value_or("true");
    catalog::Canonicalize(c);  // sorted, so that the lookups below are fast
    ReadsFromParsedBodies(realm, c);
    catalog::Canonicalize(c);
    return c;
  }

 private:
  void CheckLength(const std::string& name, source::SourceRange at) {
    if (name.size() > kMaxIdentifierBytes)
      diags_.Emit(diag::Kind::IdentifierTooLong, at, name, name.size(), "postgres", kMaxIdentifierBytes).hint =
          "choose a shorter name; Postgres would silently cut it, and the next plan would not match";
  }

  /// sql('...') inside `e` must be one expression Postgres's parser accepts.
  void CheckSql(const model::Expr& e) {
    if (e.kind == model::Expr::Kind::RawSql) {
      std::string error = ExpressionError(e.text);
      if (!error.empty())
        diags_.Emit(diag::Kind::InvalidSql, e.range, "sql('" + e.text + "')", "Postgres", error).hint =
            "write one expression, as it would follow DEFAULT or go inside CHECK (...)";
      return;
    }
    for (const auto& a : e.args) CheckSql(a);
  }

  auto LowerEnum(const model::Enum& e) -> catalog::Enum {
    std::string name = Fold(e.name);
    CheckLength(name, e.range);
    for (size_t i = 0; i < e.values.size(); ++i)
      if (e.values[i].size() > kMaxIdentifierBytes)
        diags_.Add(diag::Kind::IdentifierTooLong, i < e.value_ranges.size() ? e.value_ranges[i] : e.range,
                   "enum value '" + e.values[i] + "' is " + std::to_string(e.values[i].size()) +
                       " bytes long; postgres rejects enum values longer than 63 bytes");
    return catalog::Enum{name, e.values, e.comment,
                         e.renamed_from ? std::optional<std::string>(Fold(*e.renamed_from)) : std::nullopt, e.range,
                         e.value_renamed_from};
  }

  auto LowerType(const model::Column& col, catalog::Column& out) -> void {
    const model::Type& t = col.type_for_target.count("postgres") ? col.type_for_target.at("postgres") : col.type;
    std::string error;
    bool lossy = false;
    out.type = TypeName(t, error, lossy);
    if (!error.empty()) {
      diags_.Emit(diag::Kind::NativeTypeOtherTarget, col.range, t.Describe(), col.name.text,
                  error.substr(std::string("exists only on ").size()), "postgres")
          .hint = "pin a Postgres type for this column: 'postgres { type ... }'";
      return;
    }
    if (lossy) {
      diags_.Emit(diag::Kind::LossyTypeMapping, col.range,
                  "column '" + col.name.text + "' of type " + t.Describe() + " is stored as jsonb on postgres");
      out.lossy = t.Describe() + " is stored as jsonb: postgres does not check its shape";
    }
    const model::Type* base = &t;
    while (base->kind == model::Type::Kind::Array) base = &base->elems[0];
    if (base->kind == model::Type::Kind::Enum)
      out.type_ref = catalog::ObjectName{base->enum_schema ? Fold(*base->enum_schema) : "public", Fold(base->enum_name)};
  }

  auto LowerTable(const std::string& schema, const model::Table& t, Namespace& ns) -> catalog::Table {
    catalog::Table out;
    out.name = Fold(t.name);
    out.src = t.range;
    out.comment = t.comment;
    if (t.renamed_from) out.renamed_from = Fold(*t.renamed_from);
    CheckLength(out.name, t.range);
    for (const auto& c : t.columns) {
      if (c.default_value) CheckSql(*c.default_value);
      if (c.generated) CheckSql(*c.generated);
      catalog::Column col;
      col.name = Fold(c.name);
      col.src = c.range;
      CheckLength(col.name, c.range);
      LowerType(c, col);
      col.not_null = c.not_null;
      // `default null` is no default at all, which is how Postgres stores it.
      if (c.default_value && c.default_value->kind != model::Expr::Kind::Null) {
        col.default_expr = RenderExpr(*c.default_value);
        // DEFAULT takes Postgres's restricted b_expr: boolean operators, IS,
        // IN, LIKE and BETWEEN must be parenthesized there.
        using EK = model::Expr::Kind;
        const auto& d = *c.default_value;
        if ((d.kind == EK::Unary && d.op == "not") || (d.kind == EK::Binary && (d.op == "and" || d.op == "or")) ||
            d.kind == EK::IsNull || d.kind == EK::IsBool || d.kind == EK::In || d.kind == EK::Between ||
            d.kind == EK::Like)
          col.default_expr = "(" + *col.default_expr + ")";
        // An array literal takes the column's type: ARRAY[] alone has none.
        if (c.default_value->kind == model::Expr::Kind::List && !col.type.empty())
          *col.default_expr += "::" + col.type;
      }
      if (c.identity) {
        col.identity = c.identity_always ? "always" : "by default";
        col.identity_options = CanonicalIdentityOptions(col.type, c.identity_options);
        ns.Choose(out.name, col.name, "seq", true, false);
      }
      if (c.generated) col.generated = RenderExpr(*c.generated);
      if (c.collation) col.collation = Fold(*c.collation);
      col.comment = c.comment;
      if (c.renamed_from) col.renamed_from = Fold(*c.renamed_from);
      out.columns.push_back(std::move(col));
    }
    // Derived names in the order Postgres creates them: index-backed
    // constraints, then checks, then foreign keys.
    auto fold_all = [](const std::vector<model::Name>& v) {
      std::vector<std::string> r;
      for (const auto& n : v) r.push_back(Fold(n));
      return r;
    };
    std::vector<catalog::Constraint> pk_unique, checks, fks;
    for (const auto& k : t.constraints) {
      catalog::Constraint c;
      c.src = k.range;
      c.columns = fold_all(k.columns);
      switch (k.kind) {
        case model::Constraint::Kind::PrimaryKey:
          c.kind = catalog::Constraint::Kind::PrimaryKey;
          c.name = k.name ? Fold(*k.name) : ns.Choose(out.name, "", "pkey", true, true);
          c.deferrable = k.deferrable;
          c.initially_deferred = k.initially_deferred;
          pk_unique.push_back(std::move(c));
          break;
        case model::Constraint::Kind::Unique:
          c.kind = catalog::Constraint::Kind::Unique;
          c.name = k.name ? Fold(*k.name) : ns.Choose(out.name, IndexNameAddition(c.columns), "key", true, true);
          c.deferrable = k.deferrable;
          c.initially_deferred = k.initially_deferred;
          c.nulls_not_distinct = k.nulls_not_distinct;
          pk_unique.push_back(std::move(c));
          break;
        case model::Constraint::Kind::Exclusion: {
          // Named as Postgres names an unnamed one: the index's column names
          // (INCLUDE ones too) and "excl", in both namespaces.
          c.kind = catalog::Constraint::Kind::Exclusion;
          c.columns.clear();
          model::Index mx = k.exclusion;
          mx.name = k.name;
          c.exclusion = LowerIndex(out.name, mx, ns, "excl", true);
          c.name = c.exclusion.name;
          c.exclusion.name.clear();
          for (auto op : k.operators) {
            if (op.rfind("pg_catalog.", 0) == 0) op = op.substr(11);  // as Postgres shows it
            c.operators.push_back(op);
          }
          c.deferrable = k.deferrable;
          c.initially_deferred = k.initially_deferred;
          pk_unique.push_back(std::move(c));
          break;
        }
        default: break;
      }
    }
    for (const auto& k : t.constraints) {
      if (k.kind != model::Constraint::Kind::Check) continue;
      CheckSql(*k.check);
      catalog::Constraint c;
      c.src = k.range;
      c.kind = catalog::Constraint::Kind::Check;
      c.check = RenderExpr(*k.check);
      c.not_valid = k.not_valid;
      c.no_inherit = k.no_inherit;
      std::vector<std::string> cols;
      ColumnsOf(*k.check, cols);
      std::erase_if(cols, [&](const std::string& n) { return !out.FindColumn(n); });
      c.name = k.name ? Fold(*k.name) : ns.Choose(out.name, cols.size() == 1 ? cols[0] : "", "check", false, true);
      checks.push_back(std::move(c));
    }
    for (const auto& k : t.constraints) {
      if (k.kind != model::Constraint::Kind::ForeignKey) continue;
      catalog::Constraint c;
      c.src = k.range;
      c.kind = catalog::Constraint::Kind::ForeignKey;
      c.columns = fold_all(k.columns);
      c.ref_table = {k.ref_table.schema ? Fold(*k.ref_table.schema) : "public", Fold(k.ref_table.name)};
      c.ref_columns = fold_all(k.ref_columns);
      c.on_delete = k.on_delete.empty() ? "no action" : k.on_delete;
      c.on_update = k.on_update.empty() ? "no action" : k.on_update;
      c.not_valid = k.not_valid;
      c.match_full = k.match_full;
      c.deferrable = k.deferrable;
      c.initially_deferred = k.initially_deferred;
      c.name = k.name ? Fold(*k.name) : ns.Choose(out.name, IndexNameAddition(c.columns), "fkey", false, true);
      fks.push_back(std::move(c));
    }
    for (auto* group : {&pk_unique, &checks, &fks})
      for (auto& c : *group) {
        CheckLength(c.name, c.src);
        out.constraints.push_back(std::move(c));
      }
    for (const auto& ix : t.indexes) out.indexes.push_back(LowerIndex(out.name, ix, ns));
    LowerOptions(t, out);
    (void)schema;
    return out;
  }

  /// An index of the table or materialized view `relation`; an unnamed one is
  /// named as Postgres would name it.
  auto LowerIndex(const std::string& relation, const model::Index& ix, Namespace& ns, const char* label = "idx",
                  bool constraint = false) -> catalog::Index {
    catalog::Index ci;
    ci.src = ix.range;
    ci.unique = ix.unique;
    ci.method = ix.method.value_or("btree");
    ci.nulls_not_distinct = ix.nulls_not_distinct;
    for (const auto& n : ix.include) ci.include.push_back(Fold(n));
    for (const auto& [k, v] : ix.storage) ci.storage[k] = v;
    std::vector<std::string> names;
    if (ix.where) CheckSql(*ix.where);
    for (const auto& k : ix.keys) {
      CheckSql(k.expr);
      catalog::IndexKey key;
      if (k.expr.kind == model::Expr::Kind::Column && !k.expr.qualifier && !k.expr.parenthesized) {
        key.column = Fold(k.expr.name);
        names.push_back(key.column);
      } else {
        key.expression = RenderExpr(k.expr);
        names.push_back(FigureColname(k.expr).value_or("expr"));
      }
      if (k.collation) key.collation = Fold(*k.collation);
      if (k.opclass) key.opclass = Fold(*k.opclass);
      key.desc = k.desc;
      // Postgres's default is NULLS LAST for ascending, NULLS FIRST for descending.
      if (k.nulls_first && *k.nulls_first != k.desc) key.nulls_first = k.nulls_first;
      ci.keys.push_back(std::move(key));
    }
    names.insert(names.end(), ci.include.begin(), ci.include.end());  // INCLUDE columns name the index too
    // Duplicate column names within one index get 1, 2, ... (ChooseIndexColumnNames).
    std::vector<std::string> unique_names;
    for (const auto& n : names) {
      std::string cur = n;
      for (int i = 1; std::find(unique_names.begin(), unique_names.end(), cur) != unique_names.end(); ++i)
        cur = n + std::to_string(i);
      unique_names.push_back(cur);
    }
    if (ix.where) ci.where = RenderExpr(*ix.where);
    ci.name = ix.name ? Fold(*ix.name) : ns.Choose(relation, IndexNameAddition(unique_names), label, true, constraint);
    CheckLength(ci.name, ix.range);
    return ci;
  }

  void LowerOptions(const model::Table& t, catalog::Table& out) {
    auto it = t.options.find("postgres");
    if (it == t.options.end()) return;
    for (const auto& item : it->second) {
      using OK = model::TargetOption::Kind;
      if (item.kind == OK::Partition) {
        std::string strategy = item.key.text;
        std::transform(strategy.begin(), strategy.end(), strategy.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        std::string keys;
        for (const auto& e : item.exprs) {
          // pg_get_partkeydef prints columns and function calls bare, other expressions in parentheses.
          using EK = model::Expr::Kind;
          bool plain = (e.kind == EK::Column || e.kind == EK::Call || e.kind == EK::RawSql);
          keys += (keys.empty() ? "" : ", ") + (plain ? RenderExpr(e) : "(" + RenderExpr(e) + ")");
        }
        out.options["partition_by"] = strategy + " (" + keys + ")";
      } else if (item.kind == OK::PartitionOf && item.table) {
        const auto& q = *item.table;
        out.partition_of = catalog::ObjectName{q.schema ? Fold(*q.schema) : "public", Fold(q.name)};
        out.partition_bound = PartitionBound(item);
      } else if (item.kind == OK::Flag) {
        std::string key = item.key.text;
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (key == "unlogged") out.options["unlogged"] = "true";
        else if (key == "tablespace" || key == "fillfactor") out.options[key] = item.value.value_or("");
      }
    }
  }

  /// A view depends on what its parsed body reads (and what the source
  /// declares), not on every name in the body that happens to be a relation:
  /// a column named like a table is not a read of that table. Live inspect
  /// gets the same from pg_depend. A body that does not parse keeps the names.
  void ReadsFromParsedBodies(const model::Realm& realm, catalog::Catalog& c) {
    ViewAnalyzer analyzer(c);
    std::map<catalog::ObjectName, std::vector<catalog::ObjectName>> found;
    for (const auto& s : realm.schemas) {
      std::string schema = s.name ? Fold(*s.name) : "public";
      for (const auto& v : s.views) {
        catalog::ObjectName name{schema, Fold(v.name)};
        const ViewAnalysis& a = analyzer.Analyze(name);
        if (!a.parsed) continue;
        std::vector<catalog::ObjectName> reads;
        for (const auto& d : v.declared_depends_on) reads.push_back({d.schema ? Fold(*d.schema) : "public", Fold(d.name)});
        for (const auto& [rel, columns] : a.reads)
          if (c.FindTable(rel) || c.FindView(rel) || std::find(c.externs.begin(), c.externs.end(), rel) != c.externs.end())
            reads.push_back(rel);
        found[name] = std::move(reads);
      }
    }
    // Replaced only now: the analyzer orders its work by the names found.
    for (auto& sc : c.schemas)
      for (auto& cv : sc.views)
        if (auto it = found.find({sc.name, cv.name}); it != found.end()) cv.depends_on = std::move(it->second);
  }

  /// A partition bound as pg_get_expr prints relpartbound, which is what
  /// inspect reads back: keywords upper case, `modulus`/`remainder` lower
  /// case, negative numbers quoted.
  static auto PartitionBound(const model::TargetOption& item) -> std::string {
    auto values = [](const std::vector<model::Expr>& exprs) {
      std::string out;
      for (const auto& e : exprs) {
        std::string v = RenderExpr(e);
        std::string lower = v;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (e.kind == model::Expr::Kind::Column && !e.name.quoted && (lower == "minvalue" || lower == "maxvalue")) {
          std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
          v = lower;
        } else if (lower == "null") {
          v = "NULL";
        } else if (v.size() > 1 && v[0] == '-' && std::all_of(v.begin() + 1, v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; })) {
          v = "'" + v + "'";
        }
        out += (out.empty() ? "" : ", ") + v;
      }
      return "(" + out + ")";
    };
    if (item.bound == "from") return "FOR VALUES FROM " + values(item.exprs) + " TO " + values(item.to);
    if (item.bound == "in") return "FOR VALUES IN " + values(item.exprs);
    if (item.bound == "with" && item.options.size() == 2)
      return "FOR VALUES WITH (modulus " + item.options[0].second + ", remainder " + item.options[1].second + ")";
    return "DEFAULT";
  }

  /// The canonical form: libc's `locale` sets lc_collate and lc_ctype.
  auto LowerCollation(const model::Collation& k) -> catalog::Collation {
    catalog::Collation out;
    out.name = Fold(k.name);
    CheckLength(out.name, k.range);
    out.provider = k.provider;
    if (k.provider == "icu") {
      out.locale = k.locale.value_or("");
    } else {
      out.lc_collate = k.lc_collate ? *k.lc_collate : k.locale.value_or("");
      out.lc_ctype = k.lc_ctype ? *k.lc_ctype : k.locale.value_or("");
    }
    out.deterministic = k.deterministic;
    out.comment = k.comment;
    out.src = k.range;
    return out;
  }

  auto LowerSequence(const model::Sequence& q) -> catalog::Sequence {
    catalog::Sequence out;
    out.name = Fold(q.name);
    CheckLength(out.name, q.range);
    out.type = q.type.kind == model::Type::Kind::Int16 ? "smallint" : q.type.kind == model::Type::Kind::Int32 ? "integer" : "bigint";
    out.options = CanonicalIdentityOptions(out.type, q.options);
    if (q.owned_table && q.owned_column) {
      out.owned_table = catalog::ObjectName{q.owned_table->schema ? Fold(*q.owned_table->schema) : "public", Fold(q.owned_table->name)};
      out.owned_column = Fold(*q.owned_column);
    }
    out.comment = q.comment;
    out.src = q.range;
    return out;
  }

  auto LowerView(const model::View& v, Namespace& ns) -> catalog::View {
    catalog::View out;
    out.name = Fold(v.name);
    CheckLength(out.name, v.range);
    out.materialized = v.materialized;
    out.definition = v.body;
    while (!out.definition.empty() && (out.definition.back() == ';' || std::isspace(static_cast<unsigned char>(out.definition.back()))))
      out.definition.pop_back();
    for (const auto& d : v.depends_on)
      out.depends_on.push_back({d.schema ? Fold(*d.schema) : "public", Fold(d.name)});
    out.source = out.definition;
    if (std::string error = QueryError(out.definition); !error.empty())
      diags_.Emit(diag::Kind::InvalidSql, v.range, "the body of view '" + out.name + "'", "Postgres", error).hint =
          "a view body is one SELECT (or WITH ... SELECT, VALUES) statement";
    out.comment = v.comment;
    out.src = v.range;
    for (const auto& ix : v.indexes) out.indexes.push_back(LowerIndex(out.name, ix, ns));
    return out;
  }

  diag::Engine& diags_;
  std::map<std::string, Namespace> namespaces_;
};

}  // namespace

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog> {
  Lowerer l(diags);
  return l.Run(realm);
}

}  // namespace schemac::backends::postgres
