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
/// One overload per change kind, so that a new kind without a rank does not compile.
struct Ranker {
  auto operator()(const DropView&) const -> int { return 0; }
  auto operator()(const DropConstraint& c) const -> int {
    return c.constraint.kind == catalog::Constraint::Kind::ForeignKey ? 1 : 2;
  }
  auto operator()(const DropIndex&) const -> int { return 2; }
  auto operator()(const DropColumn&) const -> int { return 3; }
  auto operator()(const DropTable&) const -> int { return 4; }
  auto operator()(const CreateSchema&) const -> int { return 5; }
  auto operator()(const RenameEnumValue&) const -> int { return 5; }  // under the enum's current name
  auto operator()(const AddEnumValue&) const -> int { return 6; }
  auto operator()(const CreateEnum&) const -> int { return 6; }
  auto operator()(const RenameEnum&) const -> int { return 6; }
  auto operator()(const CreateSequence&) const -> int { return 6; }
  auto operator()(const CreateCollation&) const -> int { return 6; }
  auto operator()(const RenameTable&) const -> int { return 7; }
  auto operator()(const RenameColumn&) const -> int { return 8; }
  auto operator()(const RenameConstraint&) const -> int { return 8; }
  auto operator()(const RenameIndex&) const -> int { return 8; }
  auto operator()(const CreateTable&) const -> int { return 9; }
  auto operator()(const AttachPartition&) const -> int { return 9; }
  auto operator()(const RebuildTable&) const -> int { return 9; }
  auto operator()(const AddColumn&) const -> int { return 10; }
  auto operator()(const AlterColumn&) const -> int { return 11; }
  auto operator()(const AlterTable&) const -> int { return 11; }
  auto operator()(const AddConstraint& c) const -> int {
    return c.constraint.kind == catalog::Constraint::Kind::ForeignKey ? 13 : 12;
  }
  auto operator()(const AlterConstraint&) const -> int { return 13; }
  auto operator()(const AlterSequence&) const -> int { return 13; }
  auto operator()(const CreateIndex&) const -> int { return 14; }
  auto operator()(const CreateView&) const -> int { return 15; }
  auto operator()(const SetComment&) const -> int { return 16; }
  auto operator()(const DropEnum&) const -> int { return 17; }
  auto operator()(const DropSequence&) const -> int { return 17; }
  auto operator()(const DropCollation&) const -> int { return 17; }
  auto operator()(const DropSchema&) const -> int { return 18; }
};

/// A change's rank; the changes the target runs before its transaction
/// (Transactions::before) are listed first.
auto Rank(const Op& op, const target::Transactions& rules) -> int {
  if (rules.before && rules.before(op)) return -1;
  return std::visit(Ranker{}, op);
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

auto Order(const target::Backend& backend, std::vector<Change> changes, diag::Engine& diags) -> Plan {
  const target::Transactions rules = backend.TransactionRules();
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
    if (pending[i] == 0) ready.push({Rank(changes[i].op, rules), i});
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
      if (--pending[j] == 0) ready.push({Rank(changes[j].op, rules), j});
  }
  std::vector<size_t> position(n);
  for (size_t p = 0; p < order.size(); ++p) position[order[p]] = p;
  Plan plan;
  plan.target = std::string(backend.Name());
  plan.transactional = rules.ddl;
  for (size_t i : order) {
    Change c = std::move(changes[i]);
    for (auto& a : c.after) a = position[a];
    std::sort(c.after.begin(), c.after.end());
    plan.changes.push_back(std::move(c));
  }
  return plan;
}

}  // namespace schemac::plan
