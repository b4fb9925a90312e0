// Checking target blocks, pipes, and `partition of` with its bound. What each
// target accepts, and the shape of a partition bound, is the target's
// Dialect's (compiler/target/dialect.h); the checker walks the blocks, checks
// the columns their items name and reports what the dialect refuses.
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
namespace {

auto TableRefOf(const ast::QName& q) -> model::TableRef {
  return model::TableRef{q.schema ? std::optional<Name>(FromAst(*q.schema)) : std::nullopt, FromAst(q.name)};
}

}  // namespace

auto BuildTargetOption(const ast::TargetItem& item) -> std::optional<model::TargetOption> {
  using TK = ast::TargetItem::Kind;
  using MK = model::TargetOption::Kind;
  model::TargetOption o;
  switch (item.kind) {
    case TK::Partition: o.kind = MK::Partition; break;
    case TK::PartitionOf: o.kind = MK::PartitionOf; break;
    case TK::Cluster: o.kind = MK::Cluster; break;
    case TK::PrimaryIndex: o.kind = MK::PrimaryIndex; break;
    case TK::Watermark: o.kind = MK::Watermark; break;
    case TK::With: o.kind = MK::With; break;
    case TK::Into: o.kind = MK::Into; break;
    case TK::From: o.kind = MK::From; break;
    case TK::Metadata: o.kind = MK::Metadata; break;
    case TK::Flag: o.kind = MK::Flag; break;
    case TK::Type: return std::nullopt;
  }
  o.key = FromAst(item.key);
  o.value = item.value;
  o.value_is_string = item.value_is_string;
  for (const auto& e : item.exprs) o.exprs.push_back(BuildExpr(e));
  for (const auto& n : item.names) o.names.push_back(FromAst(n));
  o.options = item.options;
  if (item.into) o.table = TableRefOf(*item.into);
  o.bound = item.bound;
  for (const auto& e : item.to) o.to.push_back(BuildExpr(e));
  o.range = item.range;
  return o;
}

void AddTargetOptions(const std::vector<ast::TargetItem>& items, std::vector<model::TargetOption>& out) {
  for (const auto& item : items)
    if (auto o = BuildTargetOption(item)) out.push_back(std::move(*o));
}

void Checker::CheckTargetBlock(const ast::TargetBlock& b, Level level, const PendingTable* p) {
  using TK = ast::TargetItem::Kind;
  const target::Dialect* dialect = target::FindDialect(b.target);
  for (const auto& item : b.items) {
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
    // A column's block pins the column's type, on every target, and holds
    // what the target's dialect lists for a column (Flink: `metadata`).
    if (level == Level::Column) {
      if (item.kind == TK::Type) continue;
      std::vector<std::string> known = {"type"};
      if (dialect)
        for (auto& o : dialect->Options(target::Place::Column)) known.push_back(o);
      std::string word = item.kind == TK::Flag ? Lower(item.key.text) : KindWord(item.kind);
      target::ItemRule rule;
      if (dialect && std::find(known.begin() + 1, known.end(), word) != known.end())
        rule = dialect->CheckItem(target::Place::Column, item);
      if (!rule.known) unknown(known);
      else if (rule.bad) diags_.Emit(Kind::BadTargetOption, item.range, *rule.bad);
      continue;
    }
    if (!dialect) continue;  // the parser knows only the targets that have a dialect
    target::Place place = level == Level::Top ? target::Place::Top : target::Place::Table;
    target::ItemRule rule = dialect->CheckItem(place, item);
    if (!rule.known) {
      unknown(dialect->Options(place));
      continue;
    }
    if (rule.bad) diags_.Emit(Kind::BadTargetOption, item.range, *rule.bad);
    if (item.kind == TK::Flag && !item.names.empty() && !rule.names_are_columns)
      diags_.Emit(Kind::BadTargetOption, item.range, "'" + item.key.text + "' takes no list of names");
    if (!p) continue;
    if (rule.key_is_column) CheckColumnExists(item.key, *p);
    if (rule.names_are_columns)
      for (const auto& n : item.names) CheckColumnExists(n, *p);
    // A partition has its parent's columns: its own partition key is
    // checked against them with the parent (ResolvePartition).
    if (rule.exprs_name_columns && !(item.kind == TK::Partition && dialect->HasPartitionOf() && PartitionParent(*p)))
      for (const auto& e : item.exprs) CheckExprColumns(e, *p);
  }
}

void Checker::CheckPipe(const ast::Pipe& p) {
  using TK = ast::TargetItem::Kind;
  const target::Dialect* dialect = target::FindDialect(p.target);
  if (!dialect || dialect->Options(target::Place::Pipe).empty()) {
    std::string with_pipes;
    for (const auto* d : target::Dialects())
      if (!d->Options(target::Place::Pipe).empty())
        with_pipes += (with_pipes.empty() ? "" : " and ") + std::string(d->Name());
    diags_.Emit(Kind::OptionHere, p.range, "pipes exist only on " + with_pipes + ", not on " + p.target);
    return;
  }
  bool has_into = false, has_from = false;
  for (const auto& item : p.items) {
    if (item.kind == TK::Into) {
      has_into = true;
      continue;
    }
    if (item.kind == TK::From) {
      has_from = true;
      continue;
    }
    target::ItemRule rule = dialect->CheckItem(target::Place::Pipe, item);
    if (rule.bad) diags_.Emit(Kind::BadTargetOption, item.range, *rule.bad);
    if (rule.known && item.kind == TK::Flag && !item.names.empty() && !rule.names_are_columns)
      diags_.Emit(Kind::BadTargetOption, item.range, "'" + item.key.text + "' takes no list of names");
    if (!rule.known) {
      std::string list;
      for (const auto& k : dialect->Options(target::Place::Pipe)) list += (list.empty() ? "" : ", ") + k;
      diags_.Emit(Kind::UnknownTargetOption, item.range, "pipe", item.key.text).hint = "a pipe accepts: " + list;
    }
  }
  if (!has_into) diags_.Emit(Kind::BadTargetOption, p.range, "pipe '" + p.name.name.text + "' needs 'into TABLE'");
  pending_pipes_.push_back(&p);
  if (!has_from)
    diags_.Emit(Kind::BadTargetOption, p.range, "pipe '" + p.name.name.text + "' needs a 'from' stage location")
        .hint = "e.g. from '@raw_stage/events/'";
}

void Checker::ResolvePipe(const ast::Pipe& p) {
  std::optional<ast::Name> block;
  size_t from = 0;
  for (auto& [k, info] : schemas_)
    for (auto& [n, o] : info.objects)
      if (o.what == "pipe" && o.range.line == p.name.name.range.line && o.range.col == p.name.name.range.col &&
          o.range.file == p.name.name.range.file)
        from = info.index;
  for (const auto& item : p.items) {
    if (item.kind != ast::TargetItem::Kind::Into || !item.into) continue;
    model::TableRef ref = TableRefOf(*item.into);
    if (FindTable(ref, from).second) continue;
    std::vector<std::string> names;
    for (auto& [key, info] : schemas_)
      for (auto& [n, o] : info.objects)
        if (o.what == "table") names.push_back(n);
    diags_.Emit(Kind::UnknownTable, item.into->range, item.into->name.text).hint =
        diag::DidYouMean(ref.name.key(), names);
  }
}

auto Checker::PartitionOf(const PendingTable& p) -> std::pair<const target::Dialect*, const ast::TargetItem*> {
  for (const auto& item : p.ast->items)
    if (auto* b = std::get_if<ast::TargetBlock>(&item))
      if (const auto* d = target::FindDialect(b->target); d && d->HasPartitionOf())
        for (const auto& ti : b->items)
          if (ti.kind == ast::TargetItem::Kind::PartitionOf) return {d, &ti};
  return {nullptr, nullptr};
}

auto Checker::PartitionParent(const PendingTable& p) -> const ast::TargetItem* { return PartitionOf(p).second; }

void Checker::ResolvePartition(const PendingTable& p) {
  // Not a structured binding: lambdas below capture `of` (clang 14 cannot capture bindings).
  const auto partition = PartitionOf(p);
  const auto* dialect = partition.first;
  const ast::TargetItem* of = partition.second;
  if (!of || !of->into) return;
  const std::string target_name(dialect->Name());
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
    if (auto* b = std::get_if<ast::TargetBlock>(&item); b && b->target == target_name)
      for (const auto& ti : b->items)
        if (ti.kind == ast::TargetItem::Kind::PartitionOf && ++count == 2)
          diags_.Emit(Kind::BadTargetOption, ti.range, "table '" + name + "' is a partition of one table only");
  model::TableRef ref = TableRefOf(*of->into);
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
  const model::TargetOption* by = nullptr;
  if (auto it = parent->options.find(target_name); it != parent->options.end())
    for (const auto& o : it->second)
      if (o.kind == model::TargetOption::Kind::Partition) by = &o;
  if (!by) {
    diags_.Emit(Kind::BadPartitionBound, of->into->range, "table '" + parent->name.text + "' is not partitioned")
        .hint = dialect->NotPartitionedHint();
    return;
  }
  // Resolve to a concrete schema so that lowering needs no lookups.
  if (auto* resolved = FindModelPartitionOf(Table(p), target_name); resolved && resolved->table)
    *resolved->table = model::TableRef{realm_.schemas[parent_schema].name, parent->name};
  for (const auto& problem : dialect->CheckPartitionBound(*of, Lower(by->key.text), by->exprs.size(), parent->name.text))
    diags_.Emit(Kind::BadPartitionBound, of->range, problem.message).hint = problem.hint;
}

auto Checker::FindModelPartitionOf(model::Table& t, const std::string& target) -> model::TargetOption* {
  auto it = t.options.find(target);
  if (it == t.options.end()) return nullptr;
  for (auto& o : it->second)
    if (o.kind == model::TargetOption::Kind::PartitionOf) return &o;
  return nullptr;
}

auto Checker::KindWord(ast::TargetItem::Kind k) -> std::string {
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
    case ast::TargetItem::Kind::Metadata: return "metadata";
    case ast::TargetItem::Kind::Flag: return "option";
  }
  return "option";
}

}  // namespace schemac::check
