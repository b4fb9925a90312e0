// Checking the schema objects that are not relations: enums, collations and
// sequences (their options and their owner).
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

auto Checker::BuildEnum(const ast::Enum& e) -> model::Enum {
  model::Enum me;
  me.name = FromAst(e.name.name);
  me.comment = e.comment;
  if (e.renamed_from) me.renamed_from = FromAst(*e.renamed_from);
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
    if (i < e.value_renamed_from.size() && e.value_renamed_from[i]) me.value_renamed_from[value] = e.value_renamed_from[i]->first;
  }
  if (e.values.empty()) diags_.Emit(Kind::EmptyEnum, e.name.range, e.name.name.text);
  return me;
}

auto Checker::BuildCollation(const ast::Collation& k) -> model::Collation {
  model::Collation mc;
  mc.name = FromAst(k.name.name);
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
      auto providers = dialect_.CollationProviders();
      if (o.quoted || std::find(providers.begin(), providers.end(), v) == providers.end()) {
        std::string list;
        for (size_t i = 0; i < providers.size(); ++i)
          list += (i == 0 ? "" : i + 1 == providers.size() ? " or " : ", ") + providers[i];
        bad(o.range, "provider must be " + list + ", not " + *o.value);
      } else {
        mc.provider = v;
      }
    } else if (key == "deterministic") {
      if (o.quoted || (*o.value != "true" && *o.value != "false")) bad(o.range, "deterministic must be true or false");
      else mc.deterministic = *o.value == "true";
    } else {
      if (!o.quoted) bad(o.range, "option '" + key + "' must be a string: " + key + " '" + *o.value + "'");
      (key == "locale" ? mc.locale : key == "lc_collate" ? mc.lc_collate : mc.lc_ctype) = *o.value;
    }
  }
  for (const auto& problem : dialect_.CheckCollation(mc)) bad(k.range, problem.message).hint = problem.hint;
  return mc;
}

auto Checker::BuildSequence(const ast::Sequence& q) -> model::Sequence {
  model::Sequence ms;
  ms.name = FromAst(q.name.name);
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

void Checker::ResolveSequenceOwner(const PendingSequence& p) {
  const auto& names = p.ast->owned_by;
  if (names.empty()) return;
  model::TableRef ref{names.size() == 3 ? std::optional<Name>(FromAst(names[0])) : std::nullopt,
                      FromAst(names[names.size() - 2])};
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
  Name column = FromAst(cname);
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

}  // namespace schemac::check
