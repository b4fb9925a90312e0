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
#include "compiler/target/sql_scan.h"

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
  const size_t union_count = v.body_kind == ast::View::BodyKind::Union ? v.union_of.size() : 0;
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
    if (i < union_count) mv.union_members.push_back(resolved);  // every member, as often as written
    if (i >= first_declared) mv.declared_depends_on.push_back(resolved);
    if (seen.insert({SchemaKey(resolved.schema), resolved.name.key()}).second) mv.depends_on.push_back(resolved);
  }
  if (v.body_kind == ast::View::BodyKind::Union) mv.body = UnionBody(mv.union_members, v);
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
  using K = target::SqlToken::Kind;
  const std::vector<target::SqlToken> tokens = target::ScanSql(sql);
  auto name_at = [&](size_t i) { return i < tokens.size() && (tokens[i].kind == K::Name || tokens[i].kind == K::QuotedName); };
  auto dot_at = [&](size_t i) { return i < tokens.size() && tokens[i].kind == K::Symbol && tokens[i].text == "."; };
  auto name = [&](size_t i) { return Name{tokens[i].text, tokens[i].kind == K::QuotedName}; };
  std::vector<model::TableRef> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!name_at(i)) continue;
    // `a.b`: only the pair can name a relation (`a` alone is a schema or
    // an alias qualifying a column).
    if (i >= 2 && dot_at(i - 1) && name_at(i - 2)) out.push_back(model::TableRef{name(i - 2), name(i)});
    else if (!dot_at(i + 1)) out.push_back(model::TableRef{std::nullopt, name(i)});
  }
  return out;
}

}  // namespace schemac::check
