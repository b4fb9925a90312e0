// Topological ordering of a plan, with foreign-key cycle breaking.
#include "compiler/plan/plan.h"

#include <llvm/ADT/SCCIterator.h>
#include <llvm/ADT/SmallVector.h>

#include <algorithm>
#include <map>
#include <queue>

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
  auto operator()(const DropPipe&) const -> int { return 0; }
  auto operator()(const PausePipe&) const -> int { return 0; }
  auto operator()(const CreatePipe&) const -> int { return 15; }
  auto operator()(const ReplacePipe&) const -> int { return 15; }
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

/// "References" among the tables a plan creates, for llvm::scc_iterator: one
/// node per new table, and a root that reaches them all (the iterator walks
/// from one entry node; the root is a component of its own).
struct ReferenceNode {
  llvm::SmallVector<ReferenceNode*, 4> refs;
};
struct ReferenceGraph {
  std::vector<ReferenceNode> tables;
  ReferenceNode root;
};

}  // namespace
}  // namespace schemac::plan

template <>
struct llvm::GraphTraits<schemac::plan::ReferenceGraph*> {
  using NodeRef = schemac::plan::ReferenceNode*;
  using ChildIteratorType = llvm::SmallVector<NodeRef, 4>::iterator;
  static auto getEntryNode(schemac::plan::ReferenceGraph* g) -> NodeRef { return &g->root; }
  static auto child_begin(NodeRef n) -> ChildIteratorType { return n->refs.begin(); }
  static auto child_end(NodeRef n) -> ChildIteratorType { return n->refs.end(); }
};

namespace schemac::plan {
namespace {

/// Moves foreign keys that close a cycle among new tables out of their
/// CREATE TABLE into separate AddConstraint changes after both tables.
void BreakForeignKeyCycles(std::vector<Change>& changes) {
  std::map<catalog::ObjectName, size_t> creates;
  for (size_t i = 0; i < changes.size(); ++i)
    if (auto* ct = std::get_if<CreateTable>(&changes[i].op)) creates[{ct->schema, ct->table.name}] = i;
  if (creates.size() < 2) return;
  // The strongly connected components of "references" among new tables
  // (scc_iterator is Tarjan's algorithm without recursion: a chain of
  // 10,000 foreign keys does not grow the stack).
  ReferenceGraph graph;
  graph.tables.resize(changes.size());
  for (auto& [name, i] : creates) {
    graph.root.refs.push_back(&graph.tables[i]);
    const auto& t = std::get<CreateTable>(changes[i].op).table;
    for (const auto& k : t.constraints)
      if (k.kind == catalog::Constraint::Kind::ForeignKey)
        if (auto it = creates.find(k.ref_table); it != creates.end() && it->second != i)
          graph.tables[i].refs.push_back(&graph.tables[it->second]);
  }
  std::map<size_t, int> comp;
  int ncomp = 0;
  for (auto scc = llvm::scc_begin(&graph); !scc.isAtEnd(); ++scc, ++ncomp)
    for (ReferenceNode* node : *scc)
      if (node != &graph.root) comp[static_cast<size_t>(node - graph.tables.data())] = ncomp;
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
  std::vector<llvm::SmallVector<size_t, 4>> next(n);  // what waits for each change
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
