// Checking target blocks (the options each target accepts at the top level,
// on a table, on a column), pipes, and `partition of` with its bound.
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

void Checker::CheckTargetBlock(const ast::TargetBlock& b, Level level, const PendingTable* p) {
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

void Checker::CheckPipe(const ast::Pipe& p) {
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

auto Checker::PartitionParent(const PendingTable& p) -> const ast::TargetItem* {
  for (const auto& item : p.ast->items)
    if (auto* b = std::get_if<ast::TargetBlock>(&item); b && b->target == "postgres")
      for (const auto& ti : b->items)
        if (ti.kind == ast::TargetItem::Kind::PartitionOf) return &ti;
  return nullptr;
}

void Checker::ResolvePartition(const PendingTable& p) {
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

auto Checker::FindModelPartitionOf(const model::Table& t) -> const ast::TargetItem* {
  auto it = t.options.find("postgres");
  if (it == t.options.end()) return nullptr;
  for (const auto& ti : it->second)
    if (ti.kind == ast::TargetItem::Kind::PartitionOf) return &ti;
  return nullptr;
}

void Checker::CheckBound(const ast::TargetItem& of, const std::string& strategy, size_t keys, const std::string& parent) {
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
    case ast::TargetItem::Kind::Flag: return "option";
  }
  return "option";
}

}  // namespace schemac::check
