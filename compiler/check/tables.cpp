// Checking tables: column types, columns, constraints, foreign keys,
// indexes, identity options, and the columns expressions name.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/check/types.h"

namespace schemac::check {

auto Checker::ResolveType(const ast::TypeRef& ref, size_t schema, bool& ok) -> model::Type {
  std::string error;
  auto t = ResolveBuiltinType(ref, error);
  if (!error.empty()) {
    diags_.Emit(Kind::BadTypeArgs, ref.range, error);
    ok = false;
    return t.value_or(model::Type{});
  }
  if (t) {
    if (t->kind == model::Type::Kind::Array) {
      t->elems.push_back(ResolveType(ref.elems.at(0), schema, ok));
    } else if (t->kind == model::Type::Kind::Map) {
      t->elems.push_back(ResolveType(ref.elems.at(0), schema, ok));
      t->elems.push_back(ResolveType(ref.elems.at(1), schema, ok));
    } else if (t->kind == model::Type::Kind::Native && ref.kind == ast::TypeRef::Kind::Generic) {
      for (const auto& e : ref.elems) t->elems.push_back(ResolveType(e, schema, ok));
    } else if (t->kind == model::Type::Kind::Row) {
      std::map<std::string, source::SourceRange> fields;
      for (size_t i = 0; i < ref.elems.size(); ++i) {
        t->fields.push_back(FromAst(ref.fields[i]));
        auto [it, inserted] = fields.emplace(t->fields.back().key(), ref.fields[i].range);
        if (!inserted)
          diags_.Emit(Kind::DuplicateField, ref.fields[i].range, ref.fields[i].text)
              .notes.push_back({it->second, "the first field '" + ref.fields[i].text + "' is here"});
        t->elems.push_back(ResolveType(ref.elems[i], schema, ok));
      }
    }
    if (ref.kind != ast::TypeRef::Kind::Named && ref.kind != ast::TypeRef::Kind::Generic) t->array_dims = ref.array_dims;
    return *t;
  }
  // An enum: qualified, or in this schema, or in the default namespace.
  if (auto e = FindEnum(ref, schema)) {
    e->array_dims = ref.array_dims;
    if (!ref.args.empty()) {
      diags_.Emit(Kind::BadTypeArgs, ref.range, "enum type '" + ref.name + "' takes no arguments");
      ok = false;
    }
    return *e;
  }
  ok = false;
  std::vector<std::string> candidates = KnownTypeNames();
  for (const auto& s : realm_.schemas)
    for (const auto& en : s.enums) candidates.push_back(en.name.key());
  std::string shown = ref.schema ? *ref.schema + "." + ref.name : ref.name;
  auto& d = diags_.Emit(Kind::UnknownType, ref.range, shown);
  d.hint = diag::DidYouMean(ref.name, candidates);
  if (d.hint.empty() && (ref.name == "serial" || ref.name == "bigserial" || ref.name == "smallserial"))
    d.hint = "write 'bigint identity' (or int32/int16) instead of serial";
  return model::Type{};
}

void Checker::BuildTable(const PendingTable& p) {
  const ast::Table& t = *p.ast;
  if (t.is_extern) CheckExternItems(t);
  std::map<std::string, source::SourceRange> columns;
  std::vector<const ast::Column*> ast_columns;
  Table(p).columns.reserve(t.items.size());
  // Columns first: constraints and indexes may name columns declared later.
  for (const auto& item : t.items) {
    auto* c = std::get_if<ast::Column>(&item);
    if (!c) continue;
    CheckNotEmpty(c->name);
    auto [it, inserted] = columns.emplace(FromAst(c->name).key(), c->name.range);
    if (!inserted) {
      auto& d = diags_.Emit(Kind::DuplicateColumn, c->name.range, c->name.text, t.name.name.text);
      d.notes.push_back({it->second, "previous definition is here"});
      continue;
    }
    ast_columns.push_back(c);
    Table(p).columns.push_back(BuildColumn(*c, p));
  }
  std::optional<source::SourceRange> pk_at;
  auto note_pk = [&](source::SourceRange r) {
    if (pk_at) {
      auto& d = diags_.Emit(Kind::TwoPrimaryKeys, r, t.name.name.text);
      d.notes.push_back({*pk_at, "the first primary key is here"});
      d.hint = "for a primary key over several columns write 'primary key (a, b)'";
      return false;
    }
    pk_at = r;
    return true;
  };
  // Generated columns may read columns declared after them.
  for (const auto* c : ast_columns)
    if (c->generated) CheckExprColumns(*c->generated, p);
  // Column-level constraints, in column order.
  for (const auto* c : ast_columns) {
    Name col = FromAst(c->name);
    if (c->primary_key && note_pk(c->primary_key_range)) {
      model::Constraint k;
      k.kind = model::Constraint::Kind::PrimaryKey;
      k.columns = {col};
      k.range = c->primary_key_range;
      k.deferrable = c->primary_key_timing.deferrable;
      k.initially_deferred = c->primary_key_timing.initially_deferred;
      Table(p).constraints.push_back(std::move(k));
    }
    if (c->unique) {
      model::Constraint k;
      k.kind = model::Constraint::Kind::Unique;
      k.columns = {col};
      k.range = c->unique_range;
      k.nulls_not_distinct = c->unique_nulls_not_distinct;
      k.deferrable = c->unique_timing.deferrable;
      k.initially_deferred = c->unique_timing.initially_deferred;
      Table(p).constraints.push_back(std::move(k));
    }
    for (const auto& chk : c->checks) {
      CheckExprColumns(chk, p);
      model::Constraint k;
      k.kind = model::Constraint::Kind::Check;
      k.check = BuildExpr(chk);
      k.range = chk.range;
      Table(p).constraints.push_back(std::move(k));
    }
    if (c->references) AddForeignKey(p, {col}, {c->name.range}, *c->references, std::nullopt, c->references->range, true);
  }
  for (const auto& item : t.items) {
    if (auto* k = std::get_if<ast::Constraint>(&item)) {
      BuildConstraint(*k, p, note_pk);
    } else if (auto* ix = std::get_if<ast::Index>(&item)) {
      Table(p).indexes.push_back(BuildIndex(*ix, &p));
    } else if (auto* c = std::get_if<ast::TableComment>(&item)) {
      Table(p).comment = c->text;
    } else if (auto* r = std::get_if<ast::RenamedFrom>(&item)) {
      Table(p).renamed_from = FromAst(r->old_name);
    } else if (auto* b = std::get_if<ast::TargetBlock>(&item)) {
      CheckTargetBlock(*b, Level::Table, &p);
      AddTargetOptions(b->items, Table(p).options[b->target]);
    }
  }
  // Primary-key columns are not null.
  for (const auto& k : Table(p).constraints) {
    if (k.kind != model::Constraint::Kind::PrimaryKey) continue;
    for (const auto& n : k.columns)
      for (auto& col : Table(p).columns)
        if (col.name == n) {
          col.not_null = true;
        }
  }
  // Constraint names must be unique within the table.
  std::map<std::string, source::SourceRange> names;
  for (const auto& k : Table(p).constraints) {
    if (!k.name) continue;
    auto [it, inserted] = names.emplace(k.name->key(), k.range);
    if (!inserted) {
      auto& d = diags_.Emit(Kind::DuplicateConstraint, k.range, k.name->text, t.name.name.text);
      d.notes.push_back({it->second, "previous definition is here"});
    }
  }
  // Indexes, and the indexes behind unique and primary-key constraints,
  // share the schema's namespace of relations with tables and views.
  struct Rel {
    source::SourceRange range;
    std::string name, what;
  };
  std::vector<Rel> rels;
  for (const auto& k : Table(p).constraints)
    if (k.name && (k.kind == model::Constraint::Kind::PrimaryKey || k.kind == model::Constraint::Kind::Unique ||
                   k.kind == model::Constraint::Kind::Exclusion))
      rels.push_back({k.range, k.name->key(),
                      k.kind == model::Constraint::Kind::Unique      ? "unique constraint"
                      : k.kind == model::Constraint::Kind::Exclusion ? "exclusion constraint"
                                                                     : "primary key"});
  for (const auto& ix : Table(p).indexes)
    if (ix.name) rels.push_back({ix.range, ix.name->key(), "index"});
  std::stable_sort(rels.begin(), rels.end(), [](const Rel& a, const Rel& b) {
    return std::tie(a.range.line, a.range.col) < std::tie(b.range.line, b.range.col);
  });
  for (const auto& r : rels) ClaimRelationName(p.schema, r.range, r.name, r.what);
}

void Checker::CheckExternItems(const ast::Table& t) {
  auto refuse = [&](source::SourceRange at, const std::string& what) {
    diags_.Emit(Kind::ExternItem, at, what, t.name.name.text).hint =
        "an extern table lists only the columns and keys that references need; the table itself is managed elsewhere";
  };
  for (const auto& item : t.items) {
    if (auto* c = std::get_if<ast::Column>(&item)) {
      if (c->default_value) refuse(c->default_value->range, "a default");
      if (c->references) refuse(c->references->range, "a foreign key");
      for (const auto& chk : c->checks) refuse(chk.range, "a check");
      if (c->identity) refuse(c->identity_range, "an identity column");
      if (c->generated) refuse(c->generated->range, "a generated column");
      if (c->comment) refuse(c->range, "a comment");
      if (c->renamed_from) refuse(c->renamed_from->range, "'renamed from'");
      if (c->collation) refuse(c->collation->range, "a collation");
      for (const auto& b : c->targets) refuse(b.range, "a target block");
    } else if (auto* k = std::get_if<ast::Constraint>(&item)) {
      if (k->kind == ast::Constraint::Kind::ForeignKey) refuse(k->range, "a foreign key");
      if (k->kind == ast::Constraint::Kind::Check) refuse(k->range, "a check");
      if (k->kind == ast::Constraint::Kind::Exclusion) refuse(k->range, "an exclusion constraint");
    } else if (auto* ix = std::get_if<ast::Index>(&item)) {
      refuse(ix->range, "an index");
    } else if (auto* c = std::get_if<ast::TableComment>(&item)) {
      refuse(c->range, "a comment");
    } else if (auto* r = std::get_if<ast::RenamedFrom>(&item)) {
      refuse(r->range, "'renamed from'");
    } else if (auto* b = std::get_if<ast::TargetBlock>(&item)) {
      refuse(b->range, "a target block");
    }
  }
}

auto Checker::Table(const PendingTable& p) -> model::Table& { return realm_.schemas[p.schema].tables[p.table]; }

auto Checker::BuildColumn(const ast::Column& c, const PendingTable& p) -> model::Column {
  model::Column col;
  col.name = FromAst(c.name);
  col.range = c.name.range;
  bool ok = true;
  col.type = ResolveType(c.type, p.schema, ok);
  col.type_ok = ok;
  col.not_null = c.not_null.value_or(false);
  if (c.primary_key && c.not_null == false) {
    diags_.Emit(Kind::ConflictingAttributes, c.null_range,
                "primary-key column '" + c.name.text + "' cannot be 'null'");
  }
  if (c.default_value) col.default_value = BuildExpr(*c.default_value);
  col.identity = c.identity;
  col.identity_always = c.identity_always;
  if (c.generated) col.generated = BuildExpr(*c.generated);
  col.stored = c.stored;
  col.comment = c.comment;
  if (c.renamed_from) col.renamed_from = FromAst(*c.renamed_from);
  if (c.collation) col.collation = FromAst(*c.collation);
  for (const auto& b : c.targets) {
    CheckTargetBlock(b, Level::Column, &p);
    AddTargetOptions(b.items, col.target_options[b.target]);
    for (const auto& item : b.items)
      if (item.kind == ast::TargetItem::Kind::Type && item.type) {
        bool type_ok = true;
        model::Type pinned = ResolveType(*item.type, p.schema, type_ok);
        // A pinned type is the target's own (`json` stays json on Postgres,
        // where the portable json would become jsonb).
        if (const auto* d = target::FindDialect(b.target))
          if (auto native = d->PinnedNative(pinned, item.type->name)) {
            pinned.kind = model::Type::Kind::Native;
            pinned.native = *native;
            pinned.native_targets = {b.target};
          }
        col.type_for_target[b.target] = pinned;
      }
  }
  if (c.identity) {
    using TK = model::Type::Kind;
    if (ok && col.type.kind != TK::Int16 && col.type.kind != TK::Int32 && col.type.kind != TK::Int64)
      diags_.Emit(Kind::IdentityType, c.identity_range, c.name.text, col.type.Describe());
    if (c.default_value)
      diags_.Emit(Kind::ConflictingAttributes, c.default_value->range,
                  "identity column '" + c.name.text + "' cannot also have a default");
    if (c.generated)
      diags_.Emit(Kind::ConflictingAttributes, c.identity_range,
                  "column '" + c.name.text + "' cannot be both identity and generated");
    col.not_null = true;  // identity columns are always not null
    if (ok) col.identity_options = IdentityOptions(c.identity_options, col.type);
  }
  if (c.generated && c.default_value) diags_.Emit(Kind::GeneratedWithDefault, c.default_value->range, c.name.text);
  if (c.default_value) CheckNoTemplateValues(*c.default_value);
  if (c.default_value && ok) CheckDefault(*c.default_value, col);
  return col;
}

auto Checker::IdentityOptions(const std::vector<ast::IdentityOption>& given, const model::Type& type) -> std::map<std::string, int64_t> {
  static const std::vector<std::string> numeric = {"start", "increment", "minvalue", "maxvalue", "cache"};
  std::map<std::string, int64_t> out;
  using TK = model::Type::Kind;
  int64_t lo = type.kind == TK::Int16 ? INT16_MIN : type.kind == TK::Int32 ? INT32_MIN : INT64_MIN;
  int64_t hi = type.kind == TK::Int16 ? INT16_MAX : type.kind == TK::Int32 ? INT32_MAX : INT64_MAX;
  std::map<std::string, source::SourceRange> at;
  for (const auto& o : given) {
    std::string key = Lower(o.key.text);
    bool is_numeric = std::find(numeric.begin(), numeric.end(), key) != numeric.end();
    if (!is_numeric && key != "cycle") {
      std::vector<std::string> known = numeric;
      known.push_back("cycle");
      diags_.Emit(Kind::BadIdentityOption, o.key.range, "unknown identity option '" + o.key.text + "'").hint =
          diag::DidYouMean(key, known);
      continue;
    }
    if (out.count(key)) {
      diags_.Emit(Kind::BadIdentityOption, o.range, "identity option '" + key + "' is given twice");
      continue;
    }
    if (key == "cycle") {
      if (o.value) diags_.Emit(Kind::BadIdentityOption, o.range, "identity option 'cycle' takes no value");
      out[key] = 1;
      at[key] = o.range;
      continue;
    }
    if (!o.value) {
      diags_.Emit(Kind::BadIdentityOption, o.range, "identity option '" + key + "' needs a number");
      continue;
    }
    int64_t v = 0;
    bool fits = o.value->find_first_of(".eE") == std::string::npos;
    try {
      v = fits ? std::stoll(*o.value) : 0;
    } catch (...) {
      fits = false;
    }
    if (!fits || v < lo || v > hi) {
      diags_.Emit(Kind::BadIdentityOption, o.range,
                  "identity option '" + key + "' must be an integer of type " + type.Describe() + ", not " + *o.value);
      continue;
    }
    out[key] = v;
    at[key] = o.range;
  }
  auto bad = [&](const std::string& key, const std::string& what) {
    diags_.Emit(Kind::BadIdentityOption, at[key], what);
    return out;
  };
  if (out.count("increment") && out["increment"] == 0) return bad("increment", "identity option 'increment' cannot be 0");
  if (out.count("cache") && out["cache"] < 1) return bad("cache", "identity option 'cache' must be at least 1");
  // What the target fills in for the bounds not given.
  bool up = !out.count("increment") || out["increment"] > 0;
  auto [default_min, default_max] = dialect_.DefaultSequenceBounds(lo, hi, up);
  int64_t min = out.count("minvalue") ? out["minvalue"] : default_min;
  int64_t max = out.count("maxvalue") ? out["maxvalue"] : default_max;
  if (min >= max)
    return bad(out.count("minvalue") ? "minvalue" : "maxvalue",
               "identity minvalue " + std::to_string(min) + " must be less than maxvalue " + std::to_string(max));
  if (out.count("start") && (out["start"] < min || out["start"] > max))
    return bad("start", "identity start " + std::to_string(out["start"]) + " is outside " + std::to_string(min) + ".." +
                            std::to_string(max));
  return out;
}

void Checker::BuildConstraint(const ast::Constraint& k, const PendingTable& p,
                     const std::function<bool(source::SourceRange)>& note_pk) {
  model::Constraint mk;
  mk.range = k.range;
  if (k.name) {
    CheckNotEmpty(*k.name);
    mk.name = FromAst(*k.name);
  }
  for (const auto& n : k.columns) {
    CheckColumnExists(n, p);
    mk.columns.push_back(FromAst(n));
  }
  mk.deferrable = k.timing.deferrable;
  mk.initially_deferred = k.timing.initially_deferred;
  mk.nulls_not_distinct = k.nulls_not_distinct;
  mk.no_inherit = k.no_inherit;
  switch (k.kind) {
    case ast::Constraint::Kind::PrimaryKey:
      if (!note_pk(k.range)) return;
      mk.kind = model::Constraint::Kind::PrimaryKey;
      break;
    case ast::Constraint::Kind::Unique: mk.kind = model::Constraint::Kind::Unique; break;
    case ast::Constraint::Kind::Check:
      mk.kind = model::Constraint::Kind::Check;
      if (k.check) mk.check = BuildExpr(*k.check);
      mk.not_valid = k.not_valid;
      if (k.check) CheckExprColumns(*k.check, p);
      break;
    case ast::Constraint::Kind::Exclusion: {
      mk.kind = model::Constraint::Kind::Exclusion;
      mk.exclusion = BuildIndex(k.exclusion, &p);
      if (!mk.exclusion.method) mk.exclusion.method = dialect_.DefaultIndexMethod();
      for (size_t i = 0; i < k.operators.size(); ++i) {
        const auto& op = k.operators[i];
        if (op.text.empty() && i < k.exclusion.keys.size()) {
          std::string key = k.exclusion.keys[i].expr.kind == ast::Expr::Kind::Column ? k.exclusion.keys[i].expr.text
                                                                                      : "the expression";
          diags_.Emit(Kind::MissingExclusionOperator, op.range, key).hint =
              "name the operator the rows must not all satisfy: (" +
              (k.exclusion.keys[i].expr.kind == ast::Expr::Kind::Column ? key : std::string("EXPR")) + " with &&)";
        }
        mk.operators.push_back(op.text);
      }
      break;
    }
    case ast::Constraint::Kind::ForeignKey: {
      std::vector<source::SourceRange> ranges;
      for (const auto& n : k.columns) ranges.push_back(n.range);
      AddForeignKey(p, mk.columns, ranges, *k.references, mk.name, k.range, false);
      Table(p).constraints.back().not_valid = k.not_valid;
      return;
    }
  }
  Table(p).constraints.push_back(std::move(mk));
}

void Checker::AddForeignKey(const PendingTable& p, std::vector<Name> columns, std::vector<source::SourceRange> col_ranges,
                   const ast::References& r, std::optional<Name> name, source::SourceRange range, bool from_column) {
  // Column-level keys are added while the columns are built; table-level ones after.
  model::Constraint mk;
  mk.kind = model::Constraint::Kind::ForeignKey;
  mk.name = std::move(name);
  mk.columns = std::move(columns);
  mk.range = range;
  mk.on_delete = r.on_delete;
  mk.on_update = r.on_update;
  mk.match_full = r.match_full;
  mk.deferrable = r.timing.deferrable;
  mk.initially_deferred = r.timing.initially_deferred;
  mk.ref_table.schema = r.table.schema ? std::optional<Name>(FromAst(*r.table.schema)) : std::nullopt;
  mk.ref_table.name = FromAst(r.table.name);
  std::vector<source::SourceRange> ref_ranges;
  for (const auto& c : r.columns) {
    mk.ref_columns.push_back(FromAst(c));
    ref_ranges.push_back(c.range);
  }
  Table(p).constraints.push_back(std::move(mk));
  PendingFk fk{p.schema, p.table, Table(p).constraints.size() - 1, r.table.range, ref_ranges, from_column, r.range};
  (void)col_ranges;
  pending_fks_.push_back(fk);
}

void Checker::ResolveForeignKey(const PendingFk& fk) {
  auto& k = realm_.schemas[fk.schema].tables[fk.table].constraints[fk.constraint];
  // `set null` needs nullable columns (primary-key and identity columns are not).
  for (const auto& [event, action] : {std::pair{"delete", k.on_delete}, std::pair{"update", k.on_update}})
    if (action == "set null")
      for (const auto& name : k.columns)
        for (const auto& col : realm_.schemas[fk.schema].tables[fk.table].columns)
          if (col.name == name && col.not_null)
            diags_.Emit(Kind::BadReferentialAction, fk.references_range,
                        std::string("'on ") + event + " set null' cannot work: column '" + col.name.text + "' is not null")
                .hint = "make the column nullable, or choose another action";
  auto [ref_schema, ref] = FindTable(k.ref_table, fk.schema);
  if (!ref) {
    std::vector<std::string> names;
    for (auto& [key, info] : schemas_)
      for (auto& [n, o] : info.objects)
        if (o.what == "table") names.push_back(n);
    std::string shown = (k.ref_table.schema ? k.ref_table.schema->text + "." : "") + k.ref_table.name.text;
    auto& d = diags_.Emit(Kind::UnknownTable, fk.ref_range, shown);
    d.hint = diag::DidYouMean(k.ref_table.name.key(), names);
    for (auto& [key, info] : schemas_)
      if (auto o = info.objects.find(k.ref_table.name.key()); o != info.objects.end() && o->second.what != "table")
        d.hint = "'" + o->second.text + "' is " + (o->second.what == "enum" ? "an enum" : "a " + o->second.what) +
                 ", not a table; a foreign key references a table";
    return;
  }
  // Resolve to a concrete schema so that lowering needs no lookups.
  k.ref_table.schema = realm_.schemas[ref_schema].name;
  k.ref_table.name = ref->name;
  if (k.ref_columns.empty()) {
    for (const auto& c : ref->constraints)
      if (c.kind == model::Constraint::Kind::PrimaryKey) k.ref_columns = c.columns;
    if (k.ref_columns.empty()) {
      diags_.Emit(Kind::ForeignKeyNoKey, fk.ref_range, ref->name.text);
      return;
    }
  }
  if (k.ref_columns.size() != k.columns.size()) {
    auto n = [](size_t x) { return std::to_string(x) + (x == 1 ? " column" : " columns"); };
    diags_.Emit(Kind::ForeignKeyArity, k.range, n(k.columns.size()), n(k.ref_columns.size()));
    return;
  }
  const auto& table = realm_.schemas[fk.schema].tables[fk.table];
  for (size_t i = 0; i < k.ref_columns.size(); ++i) {
    const model::Column* rc = nullptr;
    for (const auto& c : ref->columns)
      if (c.name == k.ref_columns[i]) rc = &c;
    if (!rc) {
      std::vector<std::string> names;
      for (const auto& c : ref->columns) names.push_back(c.name.key());
      auto at = i < fk.ref_column_ranges.size() ? fk.ref_column_ranges[i] : fk.ref_range;
      diags_.Emit(Kind::UnknownColumn, at, k.ref_columns[i].text, ref->name.text).hint =
          diag::DidYouMean(k.ref_columns[i].key(), names);
      return;
    }
    const model::Column* lc = nullptr;
    for (const auto& c : table.columns)
      if (c.name == k.columns[i]) lc = &c;
    if (lc && lc->type_ok && rc->type_ok && !TypesCompatible(lc->type, rc->type)) {
      auto& d = diags_.Emit(Kind::ForeignKeyTypeMismatch, fk.from_column ? lc->range : k.range, lc->name.text,
                            lc->type.Describe(), rc->name.text, rc->type.Describe());
      d.notes.push_back({rc->range, "'" + ref->name.text + "." + rc->name.text + "' is declared here"});
    }
  }
  // Postgres (and the SQL standard) needs a unique key on the referenced columns.
  auto same_set = [&](const std::vector<Name>& a) {
    if (a.size() != k.ref_columns.size()) return false;
    for (const auto& n : a)
      if (std::find(k.ref_columns.begin(), k.ref_columns.end(), n) == k.ref_columns.end()) return false;
    return true;
  };
  bool keyed = false, deferrable_key = false;
  for (const auto& c : ref->constraints)
    if ((c.kind == model::Constraint::Kind::PrimaryKey || c.kind == model::Constraint::Kind::Unique) &&
        same_set(c.columns))
      (c.deferrable ? deferrable_key : keyed) = true;
  for (const auto& ix : ref->indexes) {
    if (!ix.unique || ix.where) continue;
    std::vector<Name> cols;
    for (const auto& key : ix.keys)
      if (key.expr.kind == model::Expr::Kind::Column) cols.push_back(key.expr.name);
    if (cols.size() == ix.keys.size() && same_set(cols)) keyed = true;
  }
  if (!keyed) {
    std::string list;
    for (const auto& n : k.ref_columns) list += (list.empty() ? "" : ", ") + n.text;
    diags_.Emit(Kind::ForeignKeyNotUnique, fk.ref_range, list, ref->name.text).hint =
        deferrable_key ? "the key over (" + list + ") is deferrable, and Postgres cannot reference a deferrable key"
                       : "declare 'unique (" + list + ")' on '" + ref->name.text + "'";
  }
}

auto Checker::TypesCompatible(const model::Type& a, const model::Type& b) -> bool {
  using TK = model::Type::Kind;
  auto family = [](TK k) {
    switch (k) {
      case TK::Text:
      case TK::Varchar:
      case TK::Char: return 1;
      case TK::Decimal: return 2;
      default: return 100 + static_cast<int>(k);
    }
  };
  if (a.array_dims != b.array_dims) return false;
  if (family(a.kind) != family(b.kind)) return false;
  if (a.kind == TK::Enum) return a.enum_name == b.enum_name && a.enum_schema == b.enum_schema;
  if (a.kind == TK::Native) return a.native == b.native;
  if (a.kind == TK::Array) return TypesCompatible(a.elems[0], b.elems[0]);
  return true;
}

auto Checker::BuildIndex(const ast::Index& ix, const PendingTable* p) -> model::Index {
  model::Index mi;
  if (ix.name) {
    mi.name = FromAst(*ix.name);
    CheckNotEmpty(*ix.name);
  }
  mi.unique = ix.unique;
  mi.range = ix.range;
  mi.nulls_not_distinct = ix.nulls_not_distinct;
  for (const auto& n : ix.include) {
    if (p) CheckColumnExists(n, *p);
    mi.include.push_back(FromAst(n));
  }
  mi.storage = ix.storage;
  if (ix.nulls_not_distinct && !ix.unique)
    diags_.Emit(Kind::ConflictingAttributes, ix.range, "'nulls not distinct' applies to unique indexes only");
  for (const auto& k : ix.keys) {
    if (p) CheckExprColumns(k.expr, *p);
    model::IndexKey key{BuildExpr(k.expr), std::nullopt, std::nullopt, k.desc, k.nulls_first};
    if (k.collation) key.collation = FromAst(*k.collation);
    if (k.opclass) key.opclass = FromAst(*k.opclass);
    mi.keys.push_back(std::move(key));
  }
  if (ix.where) {
    if (p) CheckExprColumns(*ix.where, *p);
    mi.where = BuildExpr(*ix.where);
  }
  if (ix.method) {
    std::string m = Lower(ix.method->text);
    const std::vector<std::string> methods = dialect_.IndexMethods();
    if (!methods.empty() && std::find(methods.begin(), methods.end(), m) == methods.end()) {
      diags_.Emit(Kind::BadTargetOption, ix.method->range, "unknown index method '" + ix.method->text + "'").hint =
          diag::DidYouMean(m, methods);
    }
    mi.method = m;
  }
  return mi;
}

void Checker::CheckColumnExists(const ast::Name& n, const PendingTable& p) {
  const auto& cols = Table(p).columns;
  Name key = FromAst(n);
  for (const auto& c : cols)
    if (c.name == key) return;
  std::vector<std::string> names;
  for (const auto& c : cols) names.push_back(c.name.key());
  diags_.Emit(Kind::UnknownColumn, n.range, n.text, Table(p).name.text).hint = diag::DidYouMean(key.key(), names);
}

namespace {
/// A record or a range: values of `let` and `for`, never of SQL.
auto IsTemplateValue(const ast::Expr& e) -> bool {
  return e.kind == ast::Expr::Kind::Record || (e.kind == ast::Expr::Kind::Binary && e.op == "..");
}
}  // namespace

void Checker::CheckNoTemplateValues(const ast::Expr& e) {
  if (!IsTemplateValue(e)) {
    for (const auto& a : e.args) CheckNoTemplateValues(a);
  } else if (e.kind == ast::Expr::Kind::Record) {
    diags_.Emit(Kind::TemplateValue, e.range, "a record {...}").hint = "records are for 'let'; interpolate a field with ${name.field}";
  } else {
    diags_.Emit(Kind::TemplateValue, e.range, "a range '..'").hint = "ranges are for 'let' and 'for'; in SQL write 'x between a and b'";
  }
}

void Checker::CheckExprColumns(const ast::Expr& e, const PendingTable& p) {
  if (IsRawSql(e)) return;  // sql('...') is the target's own text
  if (IsTemplateValue(e)) {
    CheckNoTemplateValues(e);
    return;
  }
  if (e.kind == ast::Expr::Kind::Column &&
      (e.qualifier.empty() || model::Name{e.qualifier, e.qualifier_quoted} == Table(p).name)) {
    if (!e.quoted && e.qualifier.empty() && IsNiladicFunction(e.text)) return;
    CheckColumnExists(ast::Name{e.text, e.quoted, e.range}, p);
    return;
  }
  for (const auto& a : e.args) CheckExprColumns(a, p);
}

}  // namespace schemac::check
