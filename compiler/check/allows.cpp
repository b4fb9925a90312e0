// Checking what acknowledges lint findings: `allow` clauses at the top of a
// file, in schema blocks, in tables and on columns (Realm::allows), and the
// `lint { severity ... }` blocks (Realm::severities). The lint phase reads
// both; the checker makes sure every rule is known and every `on` can fit.
//
// Why `on NAME` is hardly checked: the object an allow names may be gone
// from the desired state, since acknowledging a drop (`allow drop-column on
// legacy_flag` in the table that lost it) is what allows are most for. So
// only a name that cannot fit the scope is warned about, a qualifier that
// names neither the scope nor a container in it; a misspelled last part is
// left to the lint phase, which reports an allow that matched no finding.
#include <string>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/lint/rules.h"

namespace schemac::check {

using Scope = model::Allow::Scope;

void Checker::CheckLint(const ast::Unit& unit) {
  for (const auto& f : unit.files) LintIn(f.decls, std::nullopt);
}

void Checker::LintIn(const std::vector<ast::Decl>& decls, const std::optional<size_t>& schema) {
  for (const auto& d : decls) {
    if (auto* a = std::get_if<ast::Allow>(&d.node)) {
      if (schema) SchemaAllow(*a, *schema);
      else if (auto m = NewAllow(*a, Scope::File)) realm_.allows.push_back(std::move(*m));
    } else if (auto* s = std::get_if<ast::Schema>(&d.node)) {
      if (schema) continue;  // a nested schema block: reported, and never declared
      if (auto in = SchemaIndex(FromAst(s->name))) LintIn(s->decls, in);
    } else if (auto* t = std::get_if<ast::Table>(&d.node); t && !t->is_mixin) {
      // Mixins are inlined: their allows are their including tables'.
      std::optional<size_t> in = schema;
      if (t->name.schema) in = SchemaIndex(FromAst(*t->name.schema));
      else if (!in) in = SchemaIndex(std::nullopt);
      if (in) TableAllows(*t, *in);
    } else if (auto* l = std::get_if<ast::LintBlock>(&d.node)) {
      AddSeverities(*l);
    }
  }
}

auto Checker::SchemaIndex(const std::optional<Name>& name) const -> std::optional<size_t> {
  auto it = schemas_.find(SchemaKey(name));
  if (it == schemas_.end()) return std::nullopt;
  return it->second.index;
}

auto Checker::KnownRule(const std::string& rule, source::SourceRange at) -> const lint::Rule* {
  if (rule.empty()) return nullptr;  // a syntax error, reported
  if (const lint::Rule* r = lint::FindRule(rule)) return r;
  auto& d = diags_.Emit(Kind::UnknownRule, at, rule);
  d.hint = lint::SuggestRule(rule);
  if (d.hint.empty()) d.hint = "a rule is named by its code (DS103) or its slug (drop-column); docs/rules/ lists them";
  return nullptr;
}

auto Checker::NewAllow(const ast::Allow& a, model::Allow::Scope scope) -> std::optional<model::Allow> {
  if (!KnownRule(a.rule, a.rule_range)) return std::nullopt;
  model::Allow m;
  m.scope = scope;
  m.rule = a.rule;
  m.reason = a.reason;
  if (a.on) {
    m.on = FromAst(a.on->name);
    if (a.on->schema) m.on_qualifier = FromAst(*a.on->schema);
  }
  m.file = a.range.file;
  m.range = a.range;
  return m;
}

void Checker::SchemaAllow(const ast::Allow& a, size_t schema) {
  auto m = NewAllow(a, Scope::Schema);
  if (!m) return;
  m->schema = realm_.schemas[schema].name;
  // `on A.NAME`: A is the schema itself (NAME any object of it), or one of
  // its tables or views (NAME a column, constraint or index of it).
  if (m->on_qualifier) {
    const std::string own = SchemaKey(realm_.schemas[schema].name);
    if (SchemaKey(m->on_qualifier) == own) {
      m->on_qualifier.reset();
    } else {
      const auto& objects = InfoOf(schema).objects;
      auto o = objects.find(m->on_qualifier->key());
      bool relation = o != objects.end() && (o->second.what == "table" || o->second.what == "view" ||
                                             o->second.what == "materialized view");
      if (!relation) {
        diags_.Emit(Kind::AllowOnMismatch, a.on->range,
                    "'" + m->on_qualifier->text + "' in 'on " + m->on_qualifier->text + "." + m->on->text +
                        "' is neither schema '" + SchemaDisplay(own) + "' nor one of its tables or views")
            .hint = "in a schema block, 'on' names an object of the schema, or 'on TABLE.NAME' a column, "
                    "constraint or index of one of its tables; name other schemas' objects at the top of the file";
        return;  // it can match nothing: left out of the model
      }
    }
  }
  realm_.allows.push_back(std::move(*m));
}

void Checker::TableAllows(const ast::Table& t, size_t schema) {
  const Name table = FromAst(t.name.name);
  for (const auto& item : t.items) {
    if (auto* a = std::get_if<ast::Allow>(&item)) {
      auto m = NewAllow(*a, Scope::Table);
      if (!m) continue;
      m->schema = realm_.schemas[schema].name;
      m->table = table;
      // `on T.NAME` is the table's own NAME: any other T is out of reach.
      if (m->on_qualifier && *m->on_qualifier == table) {
        m->on_qualifier.reset();
      } else if (m->on_qualifier) {
        diags_.Emit(Kind::AllowOnMismatch, a->on->range,
                    "'on " + m->on_qualifier->text + "." + m->on->text + "' names an object of '" +
                        m->on_qualifier->text + "', but this allow is in table '" + table.text + "'")
            .hint = "in a table, 'on' names a column, constraint or index of that table; "
                    "write the allow in the schema block or at the top of the file to name another table's";
        continue;  // it can match nothing: left out of the model
      }
      realm_.allows.push_back(std::move(*m));
    } else if (auto* c = std::get_if<ast::Column>(&item)) {
      for (const auto& a : c->allows) ColumnAllow(a, schema, table, FromAst(c->name));
    }
  }
}

void Checker::ColumnAllow(const ast::Allow& a, size_t schema, const Name& table, const Name& column) {
  auto m = NewAllow(a, Scope::Column);
  if (!m) return;
  if (a.on) {
    diags_.Emit(Kind::AllowOnColumn, a.on->range, column.text).hint =
        "an allow among a column's attributes is about that column: remove 'on ...', or write 'allow " + a.rule +
        " on NAME' as an item of the table";
    return;
  }
  m->schema = realm_.schemas[schema].name;
  m->table = table;
  m->column = column;
  realm_.allows.push_back(std::move(*m));
}

void Checker::AddSeverities(const ast::LintBlock& b) {
  for (const auto& item : b.items) {
    const lint::Rule* rule = KnownRule(item.rule, item.rule_range);
    std::optional<std::string> level = SeverityLevel(item);
    if (!rule || !level) continue;
    auto [it, inserted] = severity_of_.emplace(static_cast<size_t>(rule->id), realm_.severities.size());
    if (inserted) {
      realm_.severities.push_back({item.rule, *level, item.range});
      continue;
    }
    const model::SeverityOverride& first = realm_.severities[it->second];
    if (first.severity == *level) continue;  // said twice, alike: one will do
    auto& d = diags_.Emit(Kind::ConflictingSeverity, item.range, item.rule, *level, first.severity);
    d.notes.push_back({first.range, first.rule == item.rule ? "it is given severity '" + first.severity + "' here"
                                                            : "'" + first.rule + "' is the same rule, given severity '" +
                                                                  first.severity + "' here"});
    d.hint = "a rule has one severity for the whole project: keep one of the two";
  }
}

auto Checker::SeverityLevel(const ast::SeverityItem& item) -> std::optional<std::string> {
  static constexpr const char* kLevels = "write error, warning or note";
  if (!item.level) {
    diags_.Emit(Kind::BadSeverity, item.range, "severity of rule '" + item.rule + "' has no level").hint =
        std::string(kLevels) + " after the rule: severity " + item.rule + " warning";
    return std::nullopt;
  }
  std::string level = Lower(item.level->text);
  if (!lint::ParseSeverity(level)) {
    diags_.Emit(Kind::BadSeverity, item.level->range, "'" + item.level->text + "' is not a severity level").hint = kLevels;
    return std::nullopt;
  }
  return level;
}

}  // namespace schemac::check
