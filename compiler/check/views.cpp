// Checking views: the relations a view reads (from `union all` or from the
// names in its SQL body), its declared dependencies, materialized-view indexes.
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

void Checker::BuildView(const PendingView& p) {
  const ast::View& v = *p.ast;
  auto& mv = realm_.schemas[p.schema].views[p.view];
  std::vector<std::pair<model::TableRef, source::SourceRange>> deps;
  if (v.body_kind == ast::View::BodyKind::Union) {
    std::string sql;
    for (const auto& q : v.union_of) {
      model::TableRef ref{q.schema ? std::optional<Name>(FromAst(*q.schema)) : std::nullopt,
                          FromAst(q.name)};
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
    deps.emplace_back(model::TableRef{q.schema ? std::optional<Name>(FromAst(*q.schema)) : std::nullopt,
                                      FromAst(q.name)},
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

auto Checker::UnionBody(const std::vector<model::TableRef>& members, const ast::View& v) -> std::string {
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

auto Checker::QuoteForBody(const Name& n) -> std::string {
  if (!n.quoted) return n.text;
  std::string out = "\"";
  for (char c : n.text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

auto Checker::ReferencedNames(const std::string& sql) -> std::vector<model::TableRef> {
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

}  // namespace schemac::check
