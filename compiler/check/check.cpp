// Semantic checks over the expanded AST, producing the portable model.
//
// Passes: declare every schema object (duplicate names), build enums, build
// tables (types, constraints, indexes, expressions), resolve foreign keys and
// view dependencies (which need every table), then check target blocks.
#include "compiler/check/check.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <map>
#include <set>
#include <tuple>

#include "compiler/check/types.h"

namespace schemac::check {
namespace {

using diag::Kind;
using model::Name;

auto Lower(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

using model::IsNiladicFunction;
using model::IsRawSql;

/// The key of a schema as a namespace: the default namespace and `public` are one.
auto SchemaKey(const std::optional<Name>& n) -> std::string {
  if (!n) return "";
  std::string k = n->key();
  return k == "public" ? "" : k;
}

auto SchemaDisplay(const std::string& key) -> std::string { return key.empty() ? "public" : key; }

struct ObjectInfo {
  std::string what;  // table, view, enum, pipe
  std::string text;  // the name as written
  source::SourceRange range;
  size_t index;      // into the model schema's vector of that kind
};

struct SchemaInfo {
  size_t index;  // into realm.schemas
  std::map<std::string, ObjectInfo> objects;
};

struct PendingTable {
  const ast::Table* ast;
  size_t schema;  // index into realm.schemas
  size_t table;
};

struct PendingSequence {
  const ast::Sequence* ast;
  size_t schema, sequence;
};

struct PendingView {
  const ast::View* ast;
  size_t schema;
  size_t view;
};

struct PendingFk {
  size_t schema, table, constraint;
  source::SourceRange ref_range;
  std::vector<source::SourceRange> ref_column_ranges;
  bool from_column = false;
  source::SourceRange references_range;
};

class Checker {
 public:
  explicit Checker(diag::Engine& d) : diags_(d) {}

  auto Run(const ast::Unit& unit) -> std::optional<model::Realm> {
    for (const auto& f : unit.files) Declare(f.decls, std::nullopt, false);
    for (auto& p : pending_tables_) BuildTable(p);
    for (auto& fk : pending_fks_) ResolveForeignKey(fk);
    for (auto& v : pending_views_) BuildView(v);
    for (const auto* pipe : pending_pipes_) ResolvePipe(*pipe);
    for (auto& p : pending_tables_) ResolvePartition(p);
    for (const auto& q : pending_sequences_) ResolveSequenceOwner(q);
    for (auto& p : pending_tables_) CheckRenames(p);
    CheckRenamedTwice();
    if (diags_.has_errors()) return std::nullopt;
    return std::move(realm_);
  }

 private:
  // ---- pass 1: declarations ----

  auto SchemaFor(const std::optional<ast::Name>& name, source::SourceRange range) -> size_t {
    std::optional<Name> n;
    if (name) n = model::FromAst(*name);
    std::string key = SchemaKey(n);
    auto it = schemas_.find(key);
    if (it != schemas_.end()) return it->second.index;
    model::Schema s;
    if (!key.empty()) s.name = n;
    s.range = range;
    realm_.schemas.push_back(std::move(s));
    schemas_[key] = SchemaInfo{realm_.schemas.size() - 1, {}};
    return realm_.schemas.size() - 1;
  }

  auto InfoOf(size_t schema_index) -> SchemaInfo& {
    for (auto& [k, info] : schemas_)
      if (info.index == schema_index) return info;
    return schemas_.begin()->second;
  }

  /// Registers an object name; false (with a diagnostic) if it is taken.
  auto Register(size_t schema, const ast::QName& q, const std::string& what, size_t index) -> bool {
    if (q.name.text.empty()) {
      diags_.Emit(Kind::EmptyName, q.range);
      return false;
    }
    CheckInterpolation(q.name);
    auto& info = InfoOf(schema);
    std::string key = model::FromAst(q.name).key();
    auto [it, inserted] = info.objects.emplace(key, ObjectInfo{what, q.name.text, q.name.range, index});
    if (!inserted) {
      std::string schema_key;
      for (auto& [k, i] : schemas_)
        if (i.index == schema) schema_key = k;
      auto& d = diags_.Emit(Kind::DuplicateSchemaItem, q.name.range, what, q.name.text, SchemaDisplay(schema_key));
      d.notes.push_back({it->second.range, "previous definition of " + it->second.what + " '" + it->second.text + "' is here"});
      return false;
    }
    return true;
  }

  void CheckInterpolation(const ast::Name& n) {
    if (n.text.empty()) {
      diags_.Emit(Kind::EmptyName, n.range);
      return;
    }
    if (n.quoted) return;
    CheckStringInterpolation(n.text, n.range);
  }

  /// Every `${name}` in `text` (a name, a string or a raw block written at
  /// `at`) names a variable; none exist until let/for are expanded.
  void CheckStringInterpolation(const std::string& text, source::SourceRange at, uint32_t lead = 0) {
    (void)lead;
    for (size_t pos = text.find("${"); pos != std::string::npos; pos = text.find("${", pos + 2)) {
      auto end = text.find('}', pos);
      if (end == std::string::npos) break;
      std::string needle = text.substr(pos, end - pos + 1);
      diags_.Emit(Kind::UnknownVariable, Locate(needle, at), text.substr(pos + 2, end - pos - 2)).hint =
          "interpolation needs a 'let' constant or a 'for' variable, which this version does not expand yet";
    }
  }

  /// Where `needle` is written inside `range` of the source (or the range).
  auto Locate(const std::string& needle, source::SourceRange range) const -> source::SourceRange {
    if (!range.valid()) return range;
    const auto& sm = diags_.sources();
    uint32_t last = std::max(range.line, range.end_line);
    for (uint32_t line = range.line; line <= last; ++line) {
      std::string text = sm.Line(range.file, line);
      size_t from = 0;
      if (line == range.line)  // skip to the range's start column
        for (uint32_t col = 1; from < text.size() && col < range.col; ++from)
          if ((static_cast<unsigned char>(text[from]) & 0xC0) != 0x80 || from == 0) ++col;
      auto hit = text.find(needle, from == 0 ? 0 : from - 1);
      if (hit == std::string::npos) continue;
      uint32_t col = 1;
      for (size_t i = 0; i < hit; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
      return source::SourceRange{range.file, line, col, line, col + static_cast<uint32_t>(CodePoints(needle))};
    }
    return range;
  }

  void CheckExprStrings(const ast::Expr& e) {
    if (e.kind == ast::Expr::Kind::String) CheckStringInterpolation(e.text, e.range, 1);
    for (const auto& a : e.args) CheckExprStrings(a);
  }

  /// The schema an object belongs to: its own qualifier, else the enclosing block.
  auto ObjectSchema(const ast::QName& q, const std::optional<ast::Name>& block, source::SourceRange range) -> size_t {
    if (q.schema) return SchemaFor(q.schema, range);
    return SchemaFor(block, range);
  }

  void Declare(const std::vector<ast::Decl>& decls, const std::optional<ast::Name>& block, bool nested) {
    for (const auto& d : decls) {
      if (auto* s = std::get_if<ast::Schema>(&d.node)) {
        if (nested) {
          diags_.Emit(Kind::NestedSchema, s->range).hint = "close the outer schema block first";
          continue;
        }
        CheckInterpolation(s->name);
        SchemaFor(s->name, s->range);
        Declare(s->decls, s->name, true);
      } else if (auto* t = std::get_if<ast::Table>(&d.node)) {
        if (t->is_mixin) continue;  // inlined by Expand()
        size_t si = ObjectSchema(t->name, block, t->range);
        auto& schema = realm_.schemas[si];
        if (!Register(si, t->name, "table", schema.tables.size())) continue;
        model::Table mt;
        mt.name = model::FromAst(t->name.name);
        mt.range = t->name.range;
        mt.is_extern = t->is_extern;
        schema.tables.push_back(std::move(mt));
        pending_tables_.push_back({t, si, schema.tables.size() - 1});
      } else if (auto* e = std::get_if<ast::Enum>(&d.node)) {
        size_t si = ObjectSchema(e->name, block, e->range);
        auto& schema = realm_.schemas[si];
        if (!Register(si, e->name, "enum", schema.enums.size())) continue;
        schema.enums.push_back(BuildEnum(*e));
      } else if (auto* q = std::get_if<ast::Sequence>(&d.node)) {
        size_t si = ObjectSchema(q->name, block, q->range);
        auto& schema = realm_.schemas[si];
        if (!Register(si, q->name, "sequence", schema.sequences.size())) continue;
        schema.sequences.push_back(BuildSequence(*q));
        pending_sequences_.push_back({q, si, schema.sequences.size() - 1});
      } else if (auto* k = std::get_if<ast::Collation>(&d.node)) {
        size_t si = ObjectSchema(k->name, block, k->range);
        CheckInterpolation(k->name.name);
        // Collations have a namespace of their own (pg_collation).
        std::string key = model::FromAst(k->name.name).key();
        auto [it, inserted] = collation_names_.emplace(std::make_pair(si, key), k->name.name.range);
        if (!inserted) {
          std::string schema_key;
          for (auto& [sk, i] : schemas_)
            if (i.index == si) schema_key = sk;
          auto& d = diags_.Emit(Kind::DuplicateSchemaItem, k->name.name.range, "collation", k->name.name.text, SchemaDisplay(schema_key));
          d.notes.push_back({it->second, "previous definition of collation '" + k->name.name.text + "' is here"});
          continue;
        }
        realm_.schemas[si].collations.push_back(BuildCollation(*k));
      } else if (auto* v = std::get_if<ast::View>(&d.node)) {
        size_t si = ObjectSchema(v->name, block, v->range);
        auto& schema = realm_.schemas[si];
        if (!Register(si, v->name, v->materialized ? "materialized view" : "view", schema.views.size())) continue;
        model::View mv;
        mv.name = model::FromAst(v->name.name);
        mv.materialized = v->materialized;
        mv.comment = v->comment;
        if (v->comment) CheckStringInterpolation(*v->comment, v->range);
        mv.range = v->name.range;
        schema.views.push_back(std::move(mv));
        pending_views_.push_back({v, si, schema.views.size() - 1});
      } else if (auto* p = std::get_if<ast::Pipe>(&d.node)) {
        size_t si = ObjectSchema(p->name, block, p->range);
        auto& schema = realm_.schemas[si];
        if (!Register(si, p->name, "pipe", schema.pipes.size())) continue;
        CheckPipe(*p);
        schema.pipes.push_back(model::Pipe{p->target, model::FromAst(p->name.name), p->items, p->range});
      } else if (auto* b = std::get_if<ast::TargetBlock>(&d.node)) {
        CheckTargetBlock(*b, Level::Top);
        auto& opts = realm_.options[b->target];
        opts.insert(opts.end(), b->items.begin(), b->items.end());
      }
    }
  }

  auto BuildEnum(const ast::Enum& e) -> model::Enum {
    model::Enum me;
    me.name = model::FromAst(e.name.name);
    me.comment = e.comment;
    if (e.comment) CheckStringInterpolation(*e.comment, e.range);
    if (e.renamed_from) me.renamed_from = model::FromAst(*e.renamed_from);
    me.range = e.name.range;
    std::map<std::string, source::SourceRange> seen;
    for (size_t i = 0; i < e.values.size(); ++i) {
      const auto& [value, range] = e.values[i];
      auto [it, inserted] = seen.emplace(value, range);
      if (!inserted) {
        auto& d = diags_.Emit(Kind::DuplicateEnumValue, range, value, e.name.name.text);
        d.notes.push_back({it->second, "first occurrence is here"});
        continue;
      }
      me.values.push_back(value);
      me.value_ranges.push_back(range);
      if (i < e.value_renamed_from.size() && e.value_renamed_from[i]) {
        const auto& [old, old_range] = *e.value_renamed_from[i];
        CheckStringInterpolation(old, old_range);
        me.value_renamed_from[value] = old;
      }
      CheckStringInterpolation(value, range);
    }
    if (e.values.empty()) diags_.Emit(Kind::EmptyEnum, e.name.range, e.name.name.text);
    return me;
  }

  // ---- types ----

  auto ResolveType(const ast::TypeRef& ref, size_t schema, bool& ok) -> model::Type {
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
          t->fields.push_back(model::FromAst(ref.fields[i]));
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

  auto FindEnum(const ast::TypeRef& ref, size_t schema) -> std::optional<model::Type> {
    std::string key = ref.quoted ? ref.name : Lower(ref.name);
    auto lookup = [&](const std::string& schema_key) -> std::optional<model::Type> {
      auto it = schemas_.find(schema_key);
      if (it == schemas_.end()) return std::nullopt;
      auto o = it->second.objects.find(key);
      if (o == it->second.objects.end() || o->second.what != "enum") return std::nullopt;
      model::Type t;
      t.kind = model::Type::Kind::Enum;
      const auto& s = realm_.schemas[it->second.index];
      t.enum_schema = s.name;
      t.enum_name = s.enums[o->second.index].name;
      return t;
    };
    if (ref.schema) return lookup(*ref.schema == "public" ? "" : *ref.schema);
    std::string own;
    for (auto& [k, info] : schemas_)
      if (info.index == schema) own = k;
    if (auto t = lookup(own)) return t;
    return lookup("");
  }

  auto EnumOf(const model::Type& t) -> const model::Enum* {
    if (t.kind != model::Type::Kind::Enum) return nullptr;
    auto it = schemas_.find(SchemaKey(t.enum_schema));
    if (it == schemas_.end()) return nullptr;
    for (const auto& e : realm_.schemas[it->second.index].enums)
      if (e.name == t.enum_name) return &e;
    return nullptr;
  }

  // ---- tables ----

  void BuildTable(const PendingTable& p) {
    const ast::Table& t = *p.ast;
    if (t.is_extern) CheckExternItems(t);
    std::map<std::string, source::SourceRange> columns;
    std::vector<const ast::Column*> ast_columns;
    // Columns first: constraints and indexes may name columns declared later.
    for (const auto& item : t.items) {
      auto* c = std::get_if<ast::Column>(&item);
      if (!c) continue;
      CheckInterpolation(c->name);
      auto [it, inserted] = columns.emplace(model::FromAst(c->name).key(), c->name.range);
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
      Name col = model::FromAst(c->name);
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
        k.check = chk;
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
        CheckStringInterpolation(c->text, c->range);
      } else if (auto* r = std::get_if<ast::RenamedFrom>(&item)) {
        Table(p).renamed_from = model::FromAst(r->old_name);
      } else if (auto* b = std::get_if<ast::TargetBlock>(&item)) {
        CheckTargetBlock(*b, Level::Table, &p);
        auto& opts = Table(p).options[b->target];
        opts.insert(opts.end(), b->items.begin(), b->items.end());
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

  /// Takes `name` in the schema's namespace of relations, or says who has it.
  void ClaimRelationName(size_t schema, source::SourceRange range, const std::string& name, const std::string& what) {
    auto& taken = relation_names_[schema];
    if (taken.empty())
      for (const auto& [n, o] : InfoOf(schema).objects)
        if (o.what != "enum" && o.what != "pipe") taken.emplace(n, std::make_pair(o.range, "a " + o.what));
    std::string schema_name = SchemaDisplay(SchemaKey(realm_.schemas[schema].name));
    auto [it, inserted] = taken.emplace(name, std::make_pair(range, (what == "index" ? "an " : "a ") + what));
    if (inserted) return;
    auto& d = it->second.second == "an index" && what == "index"
                  ? diags_.Emit(Kind::DuplicateIndex, range, name, schema_name)
                  : diags_.Emit(Kind::RelationNameTaken, range, what, name, schema_name, it->second.second);
    d.notes.push_back({it->second.first, "'" + name + "' is defined here"});
  }

  /// An extern table declares what references need: columns (name, type,
  /// null-ness) and key or unique constraints. Anything else would be
  /// something to manage, and the table is managed elsewhere.
  void CheckExternItems(const ast::Table& t) {
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

  auto Table(const PendingTable& p) -> model::Table& { return realm_.schemas[p.schema].tables[p.table]; }

  auto BuildColumn(const ast::Column& c, const PendingTable& p) -> model::Column {
    model::Column col;
    col.name = model::FromAst(c.name);
    col.range = c.name.range;
    bool ok = true;
    col.type = ResolveType(c.type, p.schema, ok);
    col.type_ok = ok;
    col.not_null = c.not_null.value_or(false);
    if (c.primary_key && c.not_null == false) {
      diags_.Emit(Kind::ConflictingAttributes, c.null_range,
                  "primary-key column '" + c.name.text + "' cannot be 'null'");
    }
    col.default_value = c.default_value;
    col.identity = c.identity;
    col.identity_always = c.identity_always;
    col.generated = c.generated;
    col.stored = c.stored;
    col.comment = c.comment;
    if (c.comment) CheckStringInterpolation(*c.comment, c.range);
    if (c.renamed_from) col.renamed_from = model::FromAst(*c.renamed_from);
    if (c.collation) col.collation = model::FromAst(*c.collation);
    for (const auto& b : c.targets) {
      CheckTargetBlock(b, Level::Column, &p);
      for (const auto& item : b.items)
        if (item.kind == ast::TargetItem::Kind::Type && item.type) {
          bool type_ok = true;
          model::Type pinned = ResolveType(*item.type, p.schema, type_ok);
          // A pinned type is the target's own: `json` stays json on Postgres,
          // where the portable json would become jsonb.
          if (pinned.kind == model::Type::Kind::Json && b.target == "postgres" && item.type->name == "json") {
            pinned.kind = model::Type::Kind::Native;
            pinned.native = "json";
            pinned.native_targets = {"postgres"};
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
    if (c.default_value) CheckExprStrings(*c.default_value);
    if (c.default_value && ok) CheckDefault(*c.default_value, col);
    return col;
  }

  /// `identity (start 100 increment 10 ...)`: known names, integer values
  /// that fit the column's type, and the rules Postgres enforces on them.
  auto IdentityOptions(const std::vector<ast::IdentityOption>& given, const model::Type& type) -> std::map<std::string, int64_t> {
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
    // What Postgres fills in for the options not given.
    bool up = !out.count("increment") || out["increment"] > 0;
    int64_t min = out.count("minvalue") ? out["minvalue"] : up ? 1 : lo;
    int64_t max = out.count("maxvalue") ? out["maxvalue"] : up ? hi : -1;
    if (min >= max)
      return bad(out.count("minvalue") ? "minvalue" : "maxvalue",
                 "identity minvalue " + std::to_string(min) + " must be less than maxvalue " + std::to_string(max));
    if (out.count("start") && (out["start"] < min || out["start"] > max))
      return bad("start", "identity start " + std::to_string(out["start"]) + " is outside " + std::to_string(min) + ".." +
                              std::to_string(max));
    return out;
  }

  void BuildConstraint(const ast::Constraint& k, const PendingTable& p,
                       const std::function<bool(source::SourceRange)>& note_pk) {
    model::Constraint mk;
    mk.range = k.range;
    if (k.name) {
      CheckInterpolation(*k.name);
      mk.name = model::FromAst(*k.name);
    }
    for (const auto& n : k.columns) {
      CheckColumnExists(n, p);
      mk.columns.push_back(model::FromAst(n));
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
        mk.check = k.check;
        mk.not_valid = k.not_valid;
        if (k.check) CheckExprColumns(*k.check, p);
        break;
      case ast::Constraint::Kind::Exclusion: {
        mk.kind = model::Constraint::Kind::Exclusion;
        mk.exclusion = BuildIndex(k.exclusion, &p);
        if (!mk.exclusion.method) mk.exclusion.method = "btree";
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

  void AddForeignKey(const PendingTable& p, std::vector<Name> columns, std::vector<source::SourceRange> col_ranges,
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
    mk.ref_table.schema = r.table.schema ? std::optional<Name>(model::FromAst(*r.table.schema)) : std::nullopt;
    mk.ref_table.name = model::FromAst(r.table.name);
    std::vector<source::SourceRange> ref_ranges;
    for (const auto& c : r.columns) {
      mk.ref_columns.push_back(model::FromAst(c));
      ref_ranges.push_back(c.range);
    }
    Table(p).constraints.push_back(std::move(mk));
    PendingFk fk{p.schema, p.table, Table(p).constraints.size() - 1, r.table.range, ref_ranges, from_column, r.range};
    (void)col_ranges;
    pending_fks_.push_back(fk);
  }

  /// Finds a table by reference from schema `from`.
  auto FindTable(const model::TableRef& ref, size_t from) -> std::pair<size_t, const model::Table*> {
    auto lookup = [&](const std::string& key) -> std::pair<size_t, const model::Table*> {
      auto it = schemas_.find(key);
      if (it == schemas_.end()) return {0, nullptr};
      auto o = it->second.objects.find(ref.name.key());
      if (o == it->second.objects.end() || o->second.what != "table") return {0, nullptr};
      return {it->second.index, &realm_.schemas[it->second.index].tables[o->second.index]};
    };
    if (ref.schema) return lookup(SchemaKey(ref.schema));
    auto own = lookup(SchemaKey(realm_.schemas[from].name));
    if (own.second) return own;
    return lookup("");
  }

  auto RelationNames() -> std::vector<std::string> {
    std::vector<std::string> out;
    for (auto& [k, info] : schemas_)
      for (auto& [n, o] : info.objects)
        if (o.what == "table" || o.what == "view" || o.what == "materialized view") out.push_back(n);
    return out;
  }

  void ResolveForeignKey(const PendingFk& fk) {
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
        if (key.expr.kind == ast::Expr::Kind::Column) cols.push_back(Name{key.expr.text, key.expr.quoted});
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

  static auto TypesCompatible(const model::Type& a, const model::Type& b) -> bool {
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

  /// `p`: the table whose columns the index names; none for a materialized
  /// view, whose columns come from SQL the checker does not read.
  auto BuildIndex(const ast::Index& ix, const PendingTable* p) -> model::Index {
    model::Index mi;
    if (ix.name) {
      mi.name = model::FromAst(*ix.name);
      CheckInterpolation(*ix.name);
    }
    mi.unique = ix.unique;
    mi.range = ix.range;
    mi.nulls_not_distinct = ix.nulls_not_distinct;
    for (const auto& n : ix.include) {
      if (p) CheckColumnExists(n, *p);
      mi.include.push_back(model::FromAst(n));
    }
    mi.storage = ix.storage;
    if (ix.nulls_not_distinct && !ix.unique)
      diags_.Emit(Kind::ConflictingAttributes, ix.range, "'nulls not distinct' applies to unique indexes only");
    for (const auto& k : ix.keys) {
      if (p) CheckExprColumns(k.expr, *p);
      model::IndexKey key{k.expr, std::nullopt, std::nullopt, k.desc, k.nulls_first};
      if (k.collation) key.collation = model::FromAst(*k.collation);
      if (k.opclass) key.opclass = model::FromAst(*k.opclass);
      mi.keys.push_back(std::move(key));
    }
    if (ix.where) {
      if (p) CheckExprColumns(*ix.where, *p);
      mi.where = ix.where;
    }
    if (ix.method) {
      std::string m = Lower(ix.method->text);
      static const std::vector<std::string> methods = {"btree", "hash", "gist", "gin", "spgist", "brin"};
      if (std::find(methods.begin(), methods.end(), m) == methods.end()) {
        diags_.Emit(Kind::BadTargetOption, ix.method->range, "unknown index method '" + ix.method->text + "'").hint =
            diag::DidYouMean(m, methods);
      }
      mi.method = m;
    }
    return mi;
  }

  void CheckColumnExists(const ast::Name& n, const PendingTable& p) {
    const auto& cols = Table(p).columns;
    Name key = model::FromAst(n);
    for (const auto& c : cols)
      if (c.name == key) return;
    std::vector<std::string> names;
    for (const auto& c : cols) names.push_back(c.name.key());
    diags_.Emit(Kind::UnknownColumn, n.range, n.text, Table(p).name.text).hint = diag::DidYouMean(key.key(), names);
  }

  void CheckExprColumns(const ast::Expr& e, const PendingTable& p) {
    if (IsRawSql(e)) return;  // sql('...') is the target's own text
    if (e.kind == ast::Expr::Kind::String) CheckStringInterpolation(e.text, e.range, 1);
    if (e.kind == ast::Expr::Kind::Column &&
        (e.qualifier.empty() || model::Name{e.qualifier, e.qualifier_quoted} == Table(p).name)) {
      if (!e.quoted && e.qualifier.empty() && IsNiladicFunction(e.text)) return;
      CheckColumnExists(ast::Name{e.text, e.quoted, e.range}, p);
      return;
    }
    for (const auto& a : e.args) CheckExprColumns(a, p);
  }

  /// Rejects literal defaults that cannot be stored in the column's type.
  void CheckDefault(const ast::Expr& e, const model::Column& col) {
    using TK = model::Type::Kind;
    using EK = ast::Expr::Kind;
    const ast::Expr* lit = &e;
    bool negative = false;
    if (e.kind == EK::Unary && e.op == "-" && e.args.size() == 1) {
      lit = &e.args[0];
      negative = true;
    }
    const model::Type& t = col.type;
    if (t.array_dims > 0 || t.kind == TK::Array || t.kind == TK::Native) return;  // natives: the target decides
    auto fail = [&](const std::string& what) {
      diags_.Emit(Kind::DefaultTypeMismatch, e.range, what, col.name.text, t.Describe());
    };
    bool numeric = t.kind == TK::Int16 || t.kind == TK::Int32 || t.kind == TK::Int64 || t.kind == TK::Decimal ||
                   t.kind == TK::Float32 || t.kind == TK::Float64;
    bool integer = t.kind == TK::Int16 || t.kind == TK::Int32 || t.kind == TK::Int64;
    bool stringy = t.kind == TK::Text || t.kind == TK::Varchar || t.kind == TK::Char;
    switch (lit->kind) {
      case EK::Number: {
        if (stringy) return;  // Postgres casts a number to text on assignment
        if (!numeric) {
          fail(lit->text);
          return;
        }
        if (integer) {
          if (lit->text.find_first_of(".eE") != std::string::npos) {
            fail((negative ? "-" : "") + lit->text);
            return;
          }
          long double v = 0;
          try {
            v = std::stold(lit->text);
          } catch (...) {
            v = 1e30L;
          }
          if (negative) v = -v;
          long double lo = t.kind == TK::Int16 ? -32768.0L : t.kind == TK::Int32 ? -2147483648.0L : -9223372036854775808.0L;
          long double hi = t.kind == TK::Int16 ? 32767.0L : t.kind == TK::Int32 ? 2147483647.0L : 9223372036854775807.0L;
          if (v < lo || v > hi) fail((negative ? "-" : "") + lit->text);
        }
        return;
      }
      case EK::String: {
        if (negative) return;
        if (t.kind == TK::Bool) {
          static const std::set<std::string> ok = {"t", "f", "true", "false", "y", "n", "yes", "no", "on", "off", "1", "0"};
          if (!ok.count(Lower(lit->text))) fail("'" + lit->text + "'");
        } else if (integer) {
          std::string s = lit->text;
          bool digits = !s.empty() && s.find_first_not_of("0123456789-+ ") == std::string::npos;
          if (!digits) fail("'" + lit->text + "'");
        } else if (numeric) {
          char* end = nullptr;
          std::strtod(lit->text.c_str(), &end);
          if (lit->text.empty() || (end && *end != '\0')) fail("'" + lit->text + "'");
        } else if ((t.kind == TK::Varchar || t.kind == TK::Char) && !t.args.empty() &&
                   CodePoints(lit->text) > static_cast<size_t>(t.args[0])) {
          fail("'" + lit->text + "' (" + std::to_string(CodePoints(lit->text)) + " characters)");
        } else if ((t.kind == TK::Date || t.kind == TK::Time || t.kind == TK::Timestamp || t.kind == TK::TimestampTz) &&
                   std::set<std::string>{"now", "today", "tomorrow", "yesterday"}.count(Lower(lit->text))) {
          std::string fix = Lower(lit->text) == "now" ? "now()" : "current_date";
          diags_.Emit(Kind::FrozenDefault, e.range, lit->text, col.name.text).hint =
              "write 'default " + fix + "' for the time of each insert";
        } else if (!LiteralFits(t.kind, lit->text)) {
          fail("'" + lit->text + "'");
        } else if (t.kind == TK::Enum) {
          if (const auto* en = EnumOf(t);
              en && std::find(en->values.begin(), en->values.end(), lit->text) == en->values.end()) {
            auto& d = diags_.Emit(Kind::UnknownEnumValue, e.range, lit->text, en->name.text);
            d.hint = diag::DidYouMean(lit->text, en->values);
            d.notes.push_back({en->range, "enum '" + en->name.text + "' is declared here"});
          }
        }
        return;
      }
      case EK::Bool:
        if (t.kind != TK::Bool && !stringy) fail(lit->text);
        return;
      default: return;
    }
  }

  /// Whether Postgres would accept string `v` as a literal of a date, time,
  /// timestamp, uuid or json column (other kinds are not checked here).
  static auto LiteralFits(model::Type::Kind kind, const std::string& v) -> bool {
    using TK = model::Type::Kind;
    static const std::regex date(R"(\s*(\d{4,}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})(\s*(BC|AD))?\s*)", std::regex::icase);
    static const std::regex time(R"(\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[+-]\d{1,2}(:?\d{2})?|\s*z|\s*utc)?\s*)",
                                 std::regex::icase);
    static const std::regex stamp(
        R"(\s*\d{4,}-\d{1,2}-\d{1,2}([ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*([+-]\d{1,2}(:?\d{2})?|z|utc|[a-z]+/[a-z_]+)?\s*)",
        std::regex::icase);
    static const std::set<std::string> specials = {"now", "today", "tomorrow", "yesterday", "epoch", "infinity",
                                                   "-infinity", "allballs"};
    std::string lower = v;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    switch (kind) {
      case TK::Date: return specials.count(lower) || std::regex_match(v, date);
      case TK::Time: return specials.count(lower) || std::regex_match(v, time);
      case TK::Timestamp:
      case TK::TimestampTz: return specials.count(lower) || std::regex_match(v, stamp);
      case TK::Uuid: {
        std::string hex;
        for (char c : v)
          if (c != '-' && c != '{' && c != '}') hex += c;
        return hex.size() == 32 && std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
      }
      case TK::Json: return nlohmann::json::accept(v);
      default: return true;
    }
  }

  static auto CodePoints(const std::string& s) -> size_t {
    size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }

  void CheckRenames(const PendingTable& p) {
    const auto& t = Table(p);
    if (t.renamed_from) {
      auto& info = InfoOf(p.schema);
      auto it = info.objects.find(t.renamed_from->key());
      if (it != info.objects.end()) {
        auto& d = diags_.Emit(Kind::RenamedFromDeclared, t.range, t.name.text, t.renamed_from->text);
        d.notes.push_back({it->second.range, "'" + t.renamed_from->text + "' is declared here"});
        d.hint = "remove the 'renamed from' once the rename has been applied everywhere, or rename the other table";
      }
    }
    for (const auto& c : t.columns) {
      if (!c.renamed_from) continue;
      for (const auto& other : t.columns)
        if (other.name == *c.renamed_from) {
          auto& d = diags_.Emit(Kind::RenamedFromDeclared, c.range, c.name.text, c.renamed_from->text);
          d.notes.push_back({other.range, "'" + other.name.text + "' is declared here"});
          d.hint = "a rename needs the old column to be gone; remove '" + other.name.text +
                   "', or drop 'renamed from' if both columns should exist";
        }
    }
  }

  /// Two tables, enums or columns renamed from one old name: the old object
  /// can become only one of them.
  void CheckRenamedTwice() {
    auto check = [&](const auto& objects) {
      std::map<std::string, const std::decay_t<decltype(objects.front())>*> first;
      for (const auto& o : objects) {
        if (!o.renamed_from) continue;
        auto [it, inserted] = first.emplace(o.renamed_from->key(), &o);
        if (inserted) continue;
        auto& d = diags_.Emit(Kind::RenamedFromTwice, o.range, o.name.text, it->second->name.text, o.renamed_from->text);
        d.notes.push_back({it->second->range, "'" + it->second->name.text + "' is renamed from it here"});
        d.hint = "keep 'renamed from' on the one that takes the old object's place";
      }
    };
    for (const auto& s : realm_.schemas) {
      check(s.tables);
      check(s.enums);
      for (const auto& t : s.tables) check(t.columns);
    }
  }

  // ---- views ----

  void BuildView(const PendingView& p) {
    const ast::View& v = *p.ast;
    auto& mv = realm_.schemas[p.schema].views[p.view];
    std::vector<std::pair<model::TableRef, source::SourceRange>> deps;
    if (v.body_kind == ast::View::BodyKind::Union) {
      std::string sql;
      for (const auto& q : v.union_of) {
        model::TableRef ref{q.schema ? std::optional<Name>(model::FromAst(*q.schema)) : std::nullopt,
                            model::FromAst(q.name)};
        deps.emplace_back(ref, q.range);
      }
    } else {
      mv.body = v.body;
      CheckStringInterpolation(v.body, v.body_range, v.body_kind == ast::View::BodyKind::Raw ? 3 : 1);
      for (const auto& ref : ReferencedNames(v.body)) {
        if (FindRelation(ref, p.schema).second) deps.emplace_back(ref, v.body_range);
      }
    }
    size_t first_declared = deps.size();
    for (const auto& q : v.depends_on)
      deps.emplace_back(model::TableRef{q.schema ? std::optional<Name>(model::FromAst(*q.schema)) : std::nullopt,
                                        model::FromAst(q.name)},
                        q.range);
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < deps.size(); ++i) {
      auto& [ref, range] = deps[i];
      auto [schema, found] = FindRelation(ref, p.schema);
      if (!found) {
        std::string shown = (ref.schema ? ref.schema->text + "." : "") + ref.name.text;
        diags_.Emit(Kind::UnknownRelation, range, shown).hint = diag::DidYouMean(ref.name.key(), RelationNames());
        continue;
      }
      if (schema == p.schema && found->key() == mv.name.key()) continue;  // a view's own name in its body
      model::TableRef resolved{realm_.schemas[schema].name, *found};
      if (i >= first_declared) mv.declared_depends_on.push_back(resolved);
      if (seen.insert({SchemaKey(resolved.schema), resolved.name.key()}).second) mv.depends_on.push_back(resolved);
    }
    if (v.body_kind == ast::View::BodyKind::Union) mv.body = UnionBody(mv.depends_on, v);
    if (!v.materialized && !v.indexes.empty())
      diags_.Emit(Kind::ConflictingAttributes, v.indexes.front().range,
                  "indexes apply to materialized views only").hint = "write 'materialized view', or index the tables it reads";
    for (const auto& ix : v.indexes) {
      mv.indexes.push_back(BuildIndex(ix, nullptr));
      if (ix.name) ClaimRelationName(p.schema, ix.range, mv.indexes.back().name->key(), "index");
    }
  }

  /// `union all (a, b)`: select * from each, in the order written.
  static auto UnionBody(const std::vector<model::TableRef>& members, const ast::View& v) -> std::string {
    (void)v;
    std::string body;
    for (size_t i = 0; i < members.size(); ++i) {
      if (i) body += "\nUNION ALL\n";
      body += "SELECT * FROM ";
      if (members[i].schema) body += QuoteForBody(*members[i].schema) + ".";
      body += QuoteForBody(members[i].name);
    }
    return body;
  }
  static auto QuoteForBody(const Name& n) -> std::string {
    if (!n.quoted) return n.text;
    std::string out = "\"";
    for (char c : n.text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  }

  auto FindRelation(const model::TableRef& ref, size_t from) -> std::pair<size_t, const Name*> {
    auto lookup = [&](const std::string& key) -> std::pair<size_t, const Name*> {
      auto it = schemas_.find(key);
      if (it == schemas_.end()) return {0, nullptr};
      auto o = it->second.objects.find(ref.name.key());
      if (o == it->second.objects.end()) return {0, nullptr};
      const auto& s = realm_.schemas[it->second.index];
      if (o->second.what == "table") return {it->second.index, &s.tables[o->second.index].name};
      if (o->second.what == "view" || o->second.what == "materialized view")
        return {it->second.index, &s.views[o->second.index].name};
      return {0, nullptr};
    };
    if (ref.schema) return lookup(SchemaKey(ref.schema));
    auto own = lookup(SchemaKey(realm_.schemas[from].name));
    if (own.second) return own;
    return lookup("");
  }

  /// Names in a SQL body that could refer to relations: identifiers and
  /// `a.b` pairs outside strings and comments.
  static auto ReferencedNames(const std::string& sql) -> std::vector<model::TableRef> {
    std::vector<std::pair<Name, bool>> tokens;  // name, followed by '.'
    std::vector<model::TableRef> out;
    size_t i = 0, n = sql.size();
    std::optional<Name> prev;
    bool prev_dot = false;
    while (i < n) {
      char c = sql[i];
      if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
        while (i < n && sql[i] != '\n') ++i;
        prev.reset();
        continue;
      }
      if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
        auto end = sql.find("*/", i + 2);
        i = end == std::string::npos ? n : end + 2;
        prev.reset();
        continue;
      }
      if (c == '\'') {
        ++i;
        while (i < n && !(sql[i] == '\'' && (i + 1 >= n || sql[i + 1] != '\''))) i += (sql[i] == '\'') ? 2 : 1;
        ++i;
        prev.reset();
        continue;
      }
      if (c == '"' || std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        Name name;
        if (c == '"') {
          name.quoted = true;
          ++i;
          while (i < n) {
            if (sql[i] == '"') {
              if (i + 1 < n && sql[i + 1] == '"') {
                name.text += '"';
                i += 2;
                continue;
              }
              ++i;
              break;
            }
            name.text += sql[i++];
          }
        } else {
          while (i < n && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$'))
            name.text += sql[i++];
        }
        // `a.b`: only the pair can name a relation (`a` alone is a schema or
        // an alias qualifying a column).
        size_t next = i;
        while (next < n && std::isspace(static_cast<unsigned char>(sql[next]))) ++next;
        bool qualifies = next < n && sql[next] == '.';
        if (prev && prev_dot) {
          out.push_back(model::TableRef{*prev, name});
        } else if (!qualifies) {
          out.push_back(model::TableRef{std::nullopt, name});
        }
        prev = name;
        prev_dot = false;
        continue;
      }
      if (c == '.' && prev) {
        prev_dot = true;
        ++i;
        continue;
      }
      if (!std::isspace(static_cast<unsigned char>(c))) {
        prev.reset();
        prev_dot = false;
      }
      ++i;
    }
    return out;
  }

  // ---- target blocks ----

  enum class Level { Top, Table, Column };

  void CheckTargetBlock(const ast::TargetBlock& b, Level level, const PendingTable* p = nullptr) {
    using TK = ast::TargetItem::Kind;
    for (const auto& item : b.items) {
      std::string flag = item.kind == TK::Flag ? Lower(item.key.text) : "";
      auto unknown = [&](const std::vector<std::string>& known) {
        std::string shown = item.kind == TK::Flag ? item.key.text : KindWord(item.kind);
        auto& d = diags_.Emit(Kind::UnknownTargetOption, item.range, b.target, shown);
        d.hint = diag::DidYouMean(shown, known);
        if (d.hint.empty() && !known.empty()) {
          std::string list;
          for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
          d.hint = b.target + " accepts here: " + list;
        }
      };
      if (level == Level::Column) {
        if (item.kind != TK::Type) unknown({"type"});
        continue;
      }
      if (level == Level::Top) {
        static const std::map<std::string, std::vector<std::string>> top = {
            {"postgres", {"online", "lock_timeout", "statement_timeout"}},
            {"snowflake", {"warehouse", "database"}},
            {"firebolt", {"engine", "database"}},
            {"flink", {"catalog", "database", "compatibility"}},
        };
        const auto& known = top.at(b.target);
        if (item.kind != TK::Flag || std::find(known.begin(), known.end(), flag) == known.end()) unknown(known);
        continue;
      }
      // Table level.
      if (b.target == "postgres") {
        if (item.kind == TK::Partition) {
          std::string strategy = Lower(item.key.text);
          if (strategy != "range" && strategy != "list" && strategy != "hash")
            diags_.Emit(Kind::BadTargetOption, item.range, "postgres partitioning is 'range', 'list' or 'hash'");
          for (const auto& e : item.exprs)
            if (p && !PartitionParent(*p)) CheckExprColumns(e, *p);
        } else if (item.kind == TK::PartitionOf) {
          // Checked with the parent, once every table is known (ResolvePartition).
        } else if (!(item.kind == TK::Flag && (flag == "unlogged" || flag == "tablespace" || flag == "fillfactor"))) {
          unknown({"partition by", "partition of", "unlogged", "tablespace", "fillfactor"});
        }
      } else if (b.target == "snowflake") {
        static const std::vector<std::string> flags = {"transient", "change_tracking", "data_retention_time_in_days"};
        if (item.kind == TK::Cluster) {
          for (const auto& e : item.exprs)
            if (p) CheckExprColumns(e, *p);
        } else if (!(item.kind == TK::Flag && std::find(flags.begin(), flags.end(), flag) != flags.end())) {
          unknown({"cluster by", "transient", "change_tracking", "data_retention_time_in_days"});
        }
      } else if (b.target == "firebolt") {
        if (item.kind == TK::PrimaryIndex) {
          for (const auto& n : item.names)
            if (p) CheckColumnExists(n, *p);
        } else if (item.kind == TK::Partition) {
          if (!item.key.text.empty())
            diags_.Emit(Kind::BadTargetOption, item.range, "firebolt partitioning is written 'partition by (expr)'");
          for (const auto& e : item.exprs)
            if (p) CheckExprColumns(e, *p);
        } else if (!(item.kind == TK::Flag && (flag == "fact" || flag == "dimension"))) {
          unknown({"fact", "dimension", "primary index", "partition by"});
        }
      } else if (b.target == "flink") {
        if (item.kind == TK::Watermark) {
          if (p) CheckColumnExists(item.key, *p);
          for (const auto& e : item.exprs)
            if (p) CheckExprColumns(e, *p);
        } else if (item.kind == TK::With) {
          // Connector options are passed through as written.
        } else if (item.kind == TK::Flag && flag == "evolution") {
          std::string v = Lower(item.value.value_or(""));
          if (v != "alter" && v != "versioned" && v != "registry")
            diags_.Emit(Kind::BadTargetOption, item.range, "flink evolution is 'alter', 'versioned' or 'registry'");
        } else if (!(item.kind == TK::Flag && flag == "compatibility")) {
          unknown({"watermark", "with", "evolution", "compatibility"});
        }
      }
    }
  }

  void CheckPipe(const ast::Pipe& p) {
    using TK = ast::TargetItem::Kind;
    if (p.target != "snowflake") {
      diags_.Emit(Kind::OptionHere, p.range, "pipes exist only on snowflake, not on " + p.target);
      return;
    }
    bool has_into = false, has_from = false;
    for (const auto& item : p.items) {
      std::string flag = Lower(item.key.text);
      if (item.kind == TK::Into) {
        has_into = true;
      } else if (item.kind == TK::From) {
        has_from = true;
      } else if (item.kind == TK::Flag && flag == "format") {
        std::string v = Lower(item.value.value_or(""));
        if (v != "parquet" && v != "csv" && v != "json")
          diags_.Emit(Kind::BadTargetOption, item.range, "pipe format is 'parquet', 'csv' or 'json'");
      } else if (!(item.kind == TK::Flag && (flag == "auto_ingest" || flag == "pattern"))) {
        diags_.Emit(Kind::UnknownTargetOption, item.range, "pipe", item.key.text).hint =
            "a pipe accepts: into, from, format, auto_ingest, pattern";
      }
    }
    if (!has_into) diags_.Emit(Kind::BadTargetOption, p.range, "pipe '" + p.name.name.text + "' needs 'into TABLE'");
    pending_pipes_.push_back(&p);
    if (!has_from)
      diags_.Emit(Kind::BadTargetOption, p.range, "pipe '" + p.name.name.text + "' needs a 'from' stage location")
          .hint = "e.g. from '@raw_stage/events/'";
  }

  /// A pipe loads into a declared table (of its own schema, or qualified).
  void ResolvePipe(const ast::Pipe& p) {
    std::optional<ast::Name> block;
    size_t from = 0;
    for (auto& [k, info] : schemas_)
      for (auto& [n, o] : info.objects)
        if (o.what == "pipe" && o.range.line == p.name.name.range.line && o.range.col == p.name.name.range.col &&
            o.range.file == p.name.name.range.file)
          from = info.index;
    for (const auto& item : p.items) {
      if (item.kind != ast::TargetItem::Kind::Into || !item.into) continue;
      model::TableRef ref{item.into->schema ? std::optional<Name>(model::FromAst(*item.into->schema)) : std::nullopt,
                          model::FromAst(item.into->name)};
      if (FindTable(ref, from).second) continue;
      std::vector<std::string> names;
      for (auto& [key, info] : schemas_)
        for (auto& [n, o] : info.objects)
          if (o.what == "table") names.push_back(n);
      diags_.Emit(Kind::UnknownTable, item.into->range, item.into->name.text).hint =
          diag::DidYouMean(ref.name.key(), names);
    }
  }

  // ---- collations ----

  /// `provider icu|libc` (libc when not given), `locale`, `lc_collate`,
  /// `lc_ctype` (strings), `deterministic true|false`; each once. ICU needs a
  /// locale; libc a locale or both lc_collate and lc_ctype; only ICU can be
  /// nondeterministic (as Postgres 15 requires).
  auto BuildCollation(const ast::Collation& k) -> model::Collation {
    model::Collation mc;
    mc.name = model::FromAst(k.name.name);
    mc.range = k.name.range;
    mc.comment = k.comment;
    std::set<std::string> seen;
    auto bad = [&](source::SourceRange r, const std::string& msg) -> diag::Diagnostic& {
      return diags_.Emit(Kind::BadCollationOption, r, "collation '" + k.name.name.text + "': " + msg);
    };
    for (const auto& o : k.options) {
      std::string key = Lower(o.key.text);
      if (key != "provider" && key != "locale" && key != "lc_collate" && key != "lc_ctype" && key != "deterministic") {
        bad(o.range, "unknown option '" + o.key.text + "'").hint =
            "a collation takes provider, locale, lc_collate, lc_ctype and deterministic";
        continue;
      }
      if (!seen.insert(key).second) {
        bad(o.range, "option '" + key + "' is given twice");
        continue;
      }
      if (!o.value) {
        bad(o.range, "option '" + key + "' needs a value");
        continue;
      }
      if (key == "provider") {
        std::string v = Lower(*o.value);
        if (o.quoted || (v != "icu" && v != "libc")) bad(o.range, "provider must be icu or libc, not " + *o.value);
        else mc.provider = v;
      } else if (key == "deterministic") {
        if (o.quoted || (*o.value != "true" && *o.value != "false")) bad(o.range, "deterministic must be true or false");
        else mc.deterministic = *o.value == "true";
      } else {
        if (!o.quoted) bad(o.range, "option '" + key + "' must be a string: " + key + " '" + *o.value + "'");
        (key == "locale" ? mc.locale : key == "lc_collate" ? mc.lc_collate : mc.lc_ctype) = *o.value;
      }
    }
    if (mc.provider == "icu" && !mc.locale)
      bad(k.range, "an icu collation needs a locale").hint = "add locale 'und-u-ks-level2' or another ICU locale";
    if (mc.provider == "icu" && (mc.lc_collate || mc.lc_ctype)) bad(k.range, "an icu collation takes a locale, not lc_collate or lc_ctype");
    if (mc.provider == "libc" && !mc.locale && !(mc.lc_collate && mc.lc_ctype))
      bad(k.range, "a libc collation needs a locale, or lc_collate and lc_ctype");
    if (mc.provider == "libc" && !mc.deterministic) bad(k.range, "only an icu collation can be nondeterministic");
    return mc;
  }

  // ---- sequences ----

  /// `as smallint|integer|bigint` (bigint when not given), and the options
  /// checked as identity options are, for that type.
  auto BuildSequence(const ast::Sequence& q) -> model::Sequence {
    model::Sequence ms;
    ms.name = model::FromAst(q.name.name);
    ms.range = q.name.range;
    ms.comment = q.comment;
    ms.type.kind = model::Type::Kind::Int64;
    if (q.type) {
      std::string t = Lower(q.type->text);
      if (t == "smallint" || t == "int2" || t == "int16") ms.type.kind = model::Type::Kind::Int16;
      else if (t == "integer" || t == "int" || t == "int4" || t == "int32") ms.type.kind = model::Type::Kind::Int32;
      else if (!(t == "bigint" || t == "int8" || t == "int64"))
        diags_.Emit(Kind::SequenceType, q.type->range, q.name.name.text, q.type->text).hint =
            "a sequence is 'as smallint', 'as integer' or 'as bigint'";
    }
    ms.options = IdentityOptions(q.options, ms.type);
    return ms;
  }

  /// `owned by [schema.]table.column`: a declared table and one of its columns.
  void ResolveSequenceOwner(const PendingSequence& p) {
    const auto& names = p.ast->owned_by;
    if (names.empty()) return;
    model::TableRef ref{names.size() == 3 ? std::optional<Name>(model::FromAst(names[0])) : std::nullopt,
                        model::FromAst(names[names.size() - 2])};
    auto [schema, table] = FindTable(ref, p.schema);
    const ast::Name& tname = names[names.size() - 2];
    if (!table) {
      std::vector<std::string> known;
      for (auto& [key, info] : schemas_)
        for (auto& [n, o] : info.objects)
          if (o.what == "table") known.push_back(n);
      diags_.Emit(Kind::UnknownTable, tname.range, tname.text).hint = diag::DidYouMean(ref.name.key(), known);
      return;
    }
    if (schema != p.schema) {
      diags_.Emit(Kind::ConflictingAttributes, tname.range,
                  "sequence '" + p.ast->name.name.text + "' can only be owned by a table of its own schema")
          .hint = "declare the sequence in the schema of '" + tname.text + "'";
      return;
    }
    const ast::Name& cname = names.back();
    Name column = model::FromAst(cname);
    if (std::none_of(table->columns.begin(), table->columns.end(), [&](const model::Column& c) { return c.name == column; })) {
      std::vector<std::string> known;
      for (const auto& c : table->columns) known.push_back(c.name.key());
      diags_.Emit(Kind::UnknownColumn, cname.range, cname.text, table->name.text).hint = diag::DidYouMean(column.key(), known);
      return;
    }
    auto& seq = realm_.schemas[p.schema].sequences[p.sequence];
    seq.owned_table = model::TableRef{realm_.schemas[schema].name, table->name};
    seq.owned_column = column;
  }

  // ---- partitions ----

  /// The `partition of` item of a table's postgres block, if it is a partition.
  static auto PartitionParent(const PendingTable& p) -> const ast::TargetItem* {
    for (const auto& item : p.ast->items)
      if (auto* b = std::get_if<ast::TargetBlock>(&item); b && b->target == "postgres")
        for (const auto& ti : b->items)
          if (ti.kind == ast::TargetItem::Kind::PartitionOf) return &ti;
    return nullptr;
  }

  /// A partition names a partitioned table, with a bound of the parent's
  /// strategy, and declares no columns, keys or indexes: Postgres gives it the
  /// parent's.
  void ResolvePartition(const PendingTable& p) {
    const ast::TargetItem* of = PartitionParent(p);
    if (!of || !of->into) return;
    const std::string name = p.ast->name.name.text;
    for (const auto& item : p.ast->items) {
      const char* what = std::holds_alternative<ast::Column>(item)       ? "a column"
                         : std::holds_alternative<ast::Constraint>(item) ? "a key or check"
                         : std::holds_alternative<ast::Index>(item)      ? "an index"
                         : std::holds_alternative<ast::RenamedFrom>(item) ? "'renamed from'"
                                                                          : nullptr;
      if (!what) continue;
      std::visit([&](const auto& x) {
        diags_.Emit(Kind::PartitionItem, x.range, what, name).hint =
            "a partition takes its columns, keys and indexes from its parent table '" + of->into->name.text +
            "'; declare them there";
      }, item);
    }
    int count = 0;
    for (const auto& item : p.ast->items)
      if (auto* b = std::get_if<ast::TargetBlock>(&item); b && b->target == "postgres")
        for (const auto& ti : b->items)
          if (ti.kind == ast::TargetItem::Kind::PartitionOf && ++count == 2)
            diags_.Emit(Kind::BadTargetOption, ti.range, "table '" + name + "' is a partition of one table only");
    model::TableRef ref{of->into->schema ? std::optional<Name>(model::FromAst(*of->into->schema)) : std::nullopt,
                        model::FromAst(of->into->name)};
    auto [parent_schema, parent] = FindTable(ref, p.schema);
    if (!parent) {
      std::vector<std::string> names;
      for (auto& [key, info] : schemas_)
        for (auto& [n, o] : info.objects)
          if (o.what == "table") names.push_back(n);
      diags_.Emit(Kind::UnknownTable, of->into->range, of->into->name.text).hint = diag::DidYouMean(ref.name.key(), names);
      return;
    }
    if (parent == &Table(p)) {
      diags_.Emit(Kind::BadPartitionBound, of->into->range, "table '" + name + "' cannot be a partition of itself");
      return;
    }
    const ast::TargetItem* by = nullptr;
    if (auto it = parent->options.find("postgres"); it != parent->options.end())
      for (const auto& ti : it->second)
        if (ti.kind == ast::TargetItem::Kind::Partition) by = &ti;
    if (!by) {
      diags_.Emit(Kind::BadPartitionBound, of->into->range, "table '" + parent->name.text + "' is not partitioned")
          .hint = "declare how it is partitioned: postgres { partition by range|list|hash (...) }";
      return;
    }
    // Resolve to a concrete schema so that lowering needs no lookups.
    auto* resolved = const_cast<ast::TargetItem*>(FindModelPartitionOf(Table(p)));
    if (resolved && resolved->into) {
      const auto& sn = realm_.schemas[parent_schema].name;
      resolved->into->schema = sn ? std::optional<ast::Name>(ast::Name{sn->text, sn->quoted, {}}) : std::nullopt;
      resolved->into->name.text = parent->name.text;
      resolved->into->name.quoted = parent->name.quoted;
    }
    CheckBound(*of, Lower(by->key.text), by->exprs.size(), parent->name.text);
  }

  static auto FindModelPartitionOf(const model::Table& t) -> const ast::TargetItem* {
    auto it = t.options.find("postgres");
    if (it == t.options.end()) return nullptr;
    for (const auto& ti : it->second)
      if (ti.kind == ast::TargetItem::Kind::PartitionOf) return &ti;
    return nullptr;
  }

  void CheckBound(const ast::TargetItem& of, const std::string& strategy, size_t keys, const std::string& parent) {
    auto bad = [&](const std::string& message, const std::string& hint) {
      diags_.Emit(Kind::BadPartitionBound, of.range, message).hint = hint;
    };
    const std::map<std::string, std::string> shape = {
        {"range", "for values from (...) to (...)"}, {"list", "for values in (...)"},
        {"hash", "for values with (modulus N, remainder N)"}};
    std::string expected = shape.count(strategy) ? shape.at(strategy) : "";
    bool fits = (strategy == "range" && of.bound == "from") || (strategy == "list" && of.bound == "in") ||
                (strategy == "hash" && of.bound == "with") || (strategy != "hash" && of.bound == "default");
    if (!fits) {
      bad("'" + parent + "' is partitioned by " + strategy + ", so its partitions are bounded '" + expected + "'" +
              (strategy != "hash" ? " or 'default'" : ""),
          "write the bound as: " + expected);
      return;
    }
    if (of.bound == "from" && (of.exprs.size() != keys || of.to.size() != keys))
      bad("'" + parent + "' has " + std::to_string(keys) + " partition key(s); a range bound gives one value per key on each side",
          "write " + std::to_string(keys) + " value(s) in 'from (...)' and in 'to (...)'");
    if (of.bound == "with") {
      bool named = of.options.size() == 2 && Lower(of.options[0].first) == "modulus" && Lower(of.options[1].first) == "remainder";
      auto number = [](const std::string& t) -> long {  // a small whole number, or -1
        bool digits = !t.empty() && t.size() < 10 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
        return digits ? std::stol(t) : -1;
      };
      long modulus = named ? number(of.options[0].second) : 0, remainder = named ? number(of.options[1].second) : -1;
      if (!named || modulus <= 0 || remainder < 0 || remainder >= modulus)
        bad("a hash bound is 'with (modulus M, remainder R)' with 0 <= R < M", "e.g. for values with (modulus 4, remainder 0)");
    }
  }

  static auto KindWord(ast::TargetItem::Kind k) -> std::string {
    switch (k) {
      case ast::TargetItem::Kind::Partition: return "partition by";
      case ast::TargetItem::Kind::PartitionOf: return "partition of";
      case ast::TargetItem::Kind::Cluster: return "cluster by";
      case ast::TargetItem::Kind::PrimaryIndex: return "primary index";
      case ast::TargetItem::Kind::Watermark: return "watermark";
      case ast::TargetItem::Kind::With: return "with";
      case ast::TargetItem::Kind::Type: return "type";
      case ast::TargetItem::Kind::Into: return "into";
      case ast::TargetItem::Kind::From: return "from";
      case ast::TargetItem::Kind::Flag: return "option";
    }
    return "option";
  }

  diag::Engine& diags_;
  model::Realm realm_;
  std::map<std::string, SchemaInfo> schemas_;
  std::vector<PendingTable> pending_tables_;
  std::vector<PendingSequence> pending_sequences_;
  std::map<std::pair<size_t, std::string>, source::SourceRange> collation_names_;
  std::vector<PendingView> pending_views_;
  std::vector<PendingFk> pending_fks_;
  std::vector<const ast::Pipe*> pending_pipes_;
  std::map<size_t, std::map<std::string, std::pair<source::SourceRange, std::string>>> relation_names_;
};

}  // namespace

auto Check(const ast::Unit& unit, diag::Engine& diags) -> std::optional<model::Realm> {
  Checker checker(diags);
  return checker.Run(unit);
}

auto TargetNames() -> const std::vector<std::string>& {
  static const std::vector<std::string> names = {"postgres", "snowflake", "firebolt", "flink"};
  return names;
}

}  // namespace schemac::check
