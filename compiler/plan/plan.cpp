// Topological ordering of a plan, with foreign-key cycle breaking.
#include "compiler/plan/plan.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <set>

namespace schemac::plan {
namespace {

using namespace diff;

/// The conventional position of a change among changes that do not depend on
/// each other: what is dropped goes first, what depends on others goes last.
auto Rank(const Op& op) -> int {
  return std::visit(
      [](const auto& c) -> int {
        using T = std::decay_t<decltype(c)>;
        // New enum values run before the transaction on Postgres; list them first.
        if constexpr (std::is_same_v<T, AddEnumValue>) return -1;
        else if constexpr (std::is_same_v<T, DropView>) return 0;
        else if constexpr (std::is_same_v<T, DropConstraint>)
          return c.constraint.kind == catalog::Constraint::Kind::ForeignKey ? 1 : 2;
        else if constexpr (std::is_same_v<T, DropIndex>) return 2;
        else if constexpr (std::is_same_v<T, DropColumn>) return 3;
        else if constexpr (std::is_same_v<T, DropTable>) return 4;
        else if constexpr (std::is_same_v<T, CreateSchema>) return 5;
        else if constexpr (std::is_same_v<T, RenameEnumValue>) return 5;  // under the enum's current name
        else if constexpr (std::is_same_v<T, CreateEnum> || std::is_same_v<T, RenameEnum> || std::is_same_v<T, CreateSequence> ||
                           std::is_same_v<T, CreateCollation>) return 6;
        else if constexpr (std::is_same_v<T, RenameTable>) return 7;
        else if constexpr (std::is_same_v<T, RenameColumn> || std::is_same_v<T, RenameConstraint> ||
                           std::is_same_v<T, RenameIndex>) return 8;
        else if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, AttachPartition>) return 9;
        else if constexpr (std::is_same_v<T, AddColumn>) return 10;
        else if constexpr (std::is_same_v<T, AlterColumn>) return 11;
        else if constexpr (std::is_same_v<T, AddConstraint>)
          return c.constraint.kind == catalog::Constraint::Kind::ForeignKey ? 13 : 12;
        else if constexpr (std::is_same_v<T, AlterConstraint> || std::is_same_v<T, AlterSequence>) return 13;
        else if constexpr (std::is_same_v<T, CreateIndex>) return 14;
        else if constexpr (std::is_same_v<T, CreateView>) return 15;
        else if constexpr (std::is_same_v<T, SetComment>) return 16;
        else if constexpr (std::is_same_v<T, DropEnum> || std::is_same_v<T, DropSequence> ||
                           std::is_same_v<T, DropCollation>) return 17;
        else if constexpr (std::is_same_v<T, DropSchema>) return 18;
        else return 19;
      },
      op);
}

/// Moves foreign keys that close a cycle among new tables out of their
/// CREATE TABLE into separate AddConstraint changes after both tables.
void BreakForeignKeyCycles(std::vector<Change>& changes) {
  std::map<catalog::ObjectName, size_t> creates;
  for (size_t i = 0; i < changes.size(); ++i)
    if (auto* ct = std::get_if<CreateTable>(&changes[i].op)) creates[{ct->schema, ct->table.name}] = i;
  if (creates.size() < 2) return;
  // Tarjan's strongly connected components over "references" among new tables.
  std::map<size_t, std::vector<size_t>> graph;
  for (auto& [name, i] : creates) {
    const auto& t = std::get<CreateTable>(changes[i].op).table;
    for (const auto& k : t.constraints)
      if (k.kind == catalog::Constraint::Kind::ForeignKey)
        if (auto it = creates.find(k.ref_table); it != creates.end() && it->second != i) graph[i].push_back(it->second);
  }
  std::map<size_t, int> index, low, comp;
  std::vector<size_t> stack;
  std::set<size_t> on_stack;
  int counter = 0, ncomp = 0;
  std::function<void(size_t)> visit = [&](size_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack.insert(v);
    for (size_t w : graph[v]) {
      if (!index.count(w)) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      for (;;) {
        size_t w = stack.back();
        stack.pop_back();
        on_stack.erase(w);
        comp[w] = ncomp;
        if (w == v) break;
      }
      ++ncomp;
    }
  };
  for (auto& [name, i] : creates)
    if (!index.count(i)) visit(i);
  std::vector<Change> extra;
  for (auto& [name, i] : creates) {
    auto& ct = std::get<CreateTable>(changes[i].op);
    auto& cons = ct.table.constraints;
    for (auto it = cons.begin(); it != cons.end();) {
      if (it->kind == catalog::Constraint::Kind::ForeignKey) {
        auto ref = creates.find(it->ref_table);
        if (ref != creates.end() && ref->second != i && comp[ref->second] == comp[i]) {
          Change c{AddConstraint{ct.schema, ct.table.name, *it}, it->src, {i, ref->second},
                   "it closes a foreign-key cycle among new tables"};
          extra.push_back(std::move(c));
          it = cons.erase(it);
          continue;
        }
      }
      ++it;
    }
  }
  // The creates no longer wait for each other through the moved keys.
  for (auto& [name, i] : creates) {
    auto& after = changes[i].after;
    after.erase(std::remove_if(after.begin(), after.end(),
                               [&, i = i](size_t j) {  // clang 14 cannot capture bindings
                                 return std::holds_alternative<CreateTable>(changes[j].op) && comp.count(j) &&
                                        comp[j] == comp[i];
                               }),
                after.end());
  }
  for (auto& c : extra) changes.push_back(std::move(c));
}

}  // namespace

auto Order(std::string target, std::vector<Change> changes, diag::Engine& diags) -> Plan {
  BreakForeignKeyCycles(changes);
  size_t n = changes.size();
  std::vector<std::vector<size_t>> next(n);
  std::vector<size_t> pending(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j : changes[i].after) {
      next[j].push_back(i);
      ++pending[i];
    }
  using Key = std::tuple<int, size_t>;
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> ready;
  for (size_t i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push({Rank(changes[i].op), i});
  std::vector<size_t> order;
  std::vector<bool> done(n, false);
  while (order.size() < n) {
    if (ready.empty()) {
      // A cycle the planner cannot break: report it and keep a usable order.
      diags.Emit(diag::Kind::UnsupportedChange, changes[0].src,
                 "the changes depend on each other in a cycle; the order below may not run");
      for (size_t i = 0; i < n; ++i)
        if (!done[i]) {
          order.push_back(i);
          done[i] = true;
        }
      break;
    }
    auto [rank, i] = ready.top();
    ready.pop();
    order.push_back(i);
    done[i] = true;
    for (size_t j : next[i])
      if (--pending[j] == 0) ready.push({Rank(changes[j].op), j});
  }
  std::vector<size_t> position(n);
  for (size_t p = 0; p < order.size(); ++p) position[order[p]] = p;
  Plan plan;
  plan.target = std::move(target);
  for (size_t i : order) {
    Change c = std::move(changes[i]);
    for (auto& a : c.after) a = position[a];
    std::sort(c.after.begin(), c.after.end());
    plan.changes.push_back(std::move(c));
  }
  return plan;
}

}  // namespace schemac::plan
