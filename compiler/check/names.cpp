// Checking names: the schemas (namespaces) objects belong to, declaring every
// schema object and refusing duplicates, looking tables, views and enums up
// by reference, the shared namespace of relations, and `renamed from`.
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

auto Checker::SchemaFor(const std::optional<ast::Name>& name, source::SourceRange range) -> size_t {
  std::optional<Name> n;
  if (name) n = FromAst(*name);
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

auto Checker::InfoOf(size_t schema_index) -> SchemaInfo& {
  for (auto& [k, info] : schemas_)
    if (info.index == schema_index) return info;
  return schemas_.begin()->second;
}

auto Checker::Register(size_t schema, const ast::QName& q, const std::string& what, size_t index) -> bool {
  if (q.name.text.empty()) {
    diags_.Emit(Kind::EmptyName, q.range);
    return false;
  }
  auto& info = InfoOf(schema);
  std::string key = FromAst(q.name).key();
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

void Checker::CheckNotEmpty(const ast::Name& n) {
  if (n.text.empty()) diags_.Emit(Kind::EmptyName, n.range);
}

auto Checker::ObjectSchema(const ast::QName& q, const std::optional<ast::Name>& block, source::SourceRange range) -> size_t {
  if (q.schema) return SchemaFor(q.schema, range);
  return SchemaFor(block, range);
}

void Checker::Declare(const std::vector<ast::Decl>& decls, const std::optional<ast::Name>& block, bool nested) {
  for (const auto& d : decls) {
    if (auto* s = std::get_if<ast::Schema>(&d.node)) {
      if (nested) {
        diags_.Emit(Kind::NestedSchema, s->range).hint = "close the outer schema block first";
        continue;
      }
      CheckNotEmpty(s->name);
      SchemaFor(s->name, s->range);
      Declare(s->decls, s->name, true);
    } else if (auto* t = std::get_if<ast::Table>(&d.node)) {
      if (t->is_mixin) continue;  // inlined by Expand()
      size_t si = ObjectSchema(t->name, block, t->range);
      auto& schema = realm_.schemas[si];
      if (!Register(si, t->name, "table", schema.tables.size())) continue;
      model::Table mt;
      mt.name = FromAst(t->name.name);
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
      CheckNotEmpty(k->name.name);
      // Collations have a namespace of their own (pg_collation).
      std::string key = FromAst(k->name.name).key();
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
      mv.name = FromAst(v->name.name);
      mv.materialized = v->materialized;
      mv.comment = v->comment;
      mv.range = v->name.range;
      schema.views.push_back(std::move(mv));
      pending_views_.push_back({v, si, schema.views.size() - 1});
    } else if (auto* p = std::get_if<ast::Pipe>(&d.node)) {
      size_t si = ObjectSchema(p->name, block, p->range);
      auto& schema = realm_.schemas[si];
      if (!Register(si, p->name, "pipe", schema.pipes.size())) continue;
      CheckPipe(*p);
      model::Pipe pipe{p->target, FromAst(p->name.name), {}, p->range};
      AddTargetOptions(p->items, pipe.items);
      schema.pipes.push_back(std::move(pipe));
    } else if (auto* b = std::get_if<ast::TargetBlock>(&d.node)) {
      CheckTargetBlock(*b, Level::Top);
      AddTargetOptions(b->items, realm_.options[b->target]);
    }
  }
}

auto Checker::FindEnum(const ast::TypeRef& ref, size_t schema) -> std::optional<model::Type> {
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
  if (ref.schema) return lookup(*ref.schema == dialect_.DefaultNamespace() ? "" : *ref.schema);
  std::string own;
  for (auto& [k, info] : schemas_)
    if (info.index == schema) own = k;
  if (auto t = lookup(own)) return t;
  return lookup("");
}

auto Checker::EnumOf(const model::Type& t) -> const model::Enum* {
  if (t.kind != model::Type::Kind::Enum) return nullptr;
  auto it = schemas_.find(SchemaKey(t.enum_schema));
  if (it == schemas_.end()) return nullptr;
  for (const auto& e : realm_.schemas[it->second.index].enums)
    if (e.name == t.enum_name) return &e;
  return nullptr;
}

void Checker::ClaimRelationName(size_t schema, source::SourceRange range, const std::string& name, const std::string& what) {
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

auto Checker::FindTable(const model::TableRef& ref, size_t from) -> std::pair<size_t, const model::Table*> {
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

auto Checker::RelationNames() -> std::vector<std::string> {
  std::vector<std::string> out;
  for (auto& [k, info] : schemas_)
    for (auto& [n, o] : info.objects)
      if (o.what == "table" || o.what == "view" || o.what == "materialized view") out.push_back(n);
  return out;
}

void Checker::CheckRenames(const PendingTable& p) {
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

void Checker::CheckRenamedTwice() {
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

auto Checker::FindRelation(const model::TableRef& ref, size_t from) -> std::pair<size_t, const Name*> {
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

}  // namespace schemac::check
