// What the checker needs to know about a target before any backend runs: the
// options its target blocks and pipes accept and which values are valid, its
// default namespace, which literals its column types accept, the sequence
// bounds it fills in, its collation rules, its partition bounds and index
// methods. One `Dialect` per target, implemented in
// backends/<target>/dialect.cpp and listed in registry.cpp; the checker never
// names a target. Rules come back as text, and the checker reports them under
// its own diagnostic kinds, so the messages are the checker's either way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/model/model.h"
#include "compiler/syntax/ast.h"

namespace schemac::target {

/// A rule broken: the diagnostic's message, and a hint ("" for none).
struct Problem {
  std::string message;
  std::string hint;
};

/// Where a target-block item is written: a top-level block, a table's block,
/// a pipe (`pipe NAME on TARGET { ... }`) or a column's block. A column block
/// always takes `type`, which is the language's; Place::Column lists what
/// else the target takes there.
enum class Place { Top, Table, Pipe, Column };

/// How one target-block item is checked.
struct ItemRule {
  bool known = false;                // false: not accepted here (the checker lists Options(place))
  std::optional<std::string> bad;    // a bad value: the message of a bad-target-option
  bool exprs_name_columns = false;   // the item's expressions read the table's columns
  bool names_are_columns = false;    // the item's names are columns of the table
  bool key_is_column = false;        // the item's key names a column of the table
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  /// The target's name as written in a target block: "postgres".
  virtual auto Name() const -> std::string_view = 0;

  // ---- target blocks and pipes ----

  /// What a block (or pipe) at `place` accepts, in the order a hint lists
  /// them; empty for Place::Pipe when the target has no pipes.
  virtual auto Options(Place place) const -> std::vector<std::string> = 0;
  /// How `item` of a block at `place` is checked.
  virtual auto CheckItem(Place place, const ast::TargetItem& item) const -> ItemRule = 0;

  // ---- namespaces ----

  /// The namespace of unqualified names ("public" on Postgres): a schema of
  /// this name is the default namespace.
  virtual auto DefaultNamespace() const -> std::string = 0;

  // The facts below, and DefaultNamespace(), are asked of the dialect of the
  // target being compiled (check::Check's `dialect`: `--target`, postgres
  // by default); a target that does not state them checks nothing (accepts
  // every literal, names no provider or method).

  // ---- literals ----

  /// Whether the target accepts string `v` as a literal of a column of
  /// `kind` (bool, date, time, timestamp, uuid and json are checked; other
  /// kinds are accepted here and checked by the language).
  virtual auto AcceptsString(model::Type::Kind kind, const std::string& v) const -> bool {
    (void)kind, (void)v;
    return true;
  }
  /// Whether a number is accepted as the default of a text column.
  virtual auto NumberToText() const -> bool { return true; }
  /// A string default of a date or time column that the target evaluates
  /// once, when the default is set ('now', 'today'): what to write instead
  /// to get the time of each insert; nullopt when `v` is not such a string.
  virtual auto FrozenTimeDefault(const std::string& v) const -> std::optional<std::string> {
    (void)v;
    return std::nullopt;
  }

  // ---- sequences and identity ----

  /// The minvalue and maxvalue the target gives a sequence whose values are
  /// in [lo, hi] when they are not given, ascending (increment > 0) or not.
  virtual auto DefaultSequenceBounds(int64_t lo, int64_t hi, bool ascending) const -> std::pair<int64_t, int64_t> {
    (void)ascending;
    return {lo, hi};
  }

  // ---- collations ----

  /// The providers `collation NAME (provider ...)` may name, the default
  /// (when none is given: model::Collation's) included.
  virtual auto CollationProviders() const -> std::vector<std::string> { return {}; }
  /// The rules a collation's options break together (a locale each provider
  /// needs, which provider can be nondeterministic); the option names and
  /// value shapes are the language's.
  virtual auto CheckCollation(const model::Collation& c) const -> std::vector<Problem> {
    (void)c;
    return {};
  }

  // ---- partitions ----

  /// Whether a table's block of this target may say `partition of PARENT`.
  virtual auto HasPartitionOf() const -> bool { return false; }
  /// The hint for a `partition of` whose parent is not partitioned.
  virtual auto NotPartitionedHint() const -> std::string { return ""; }
  /// The rules a partition's bound `of` breaks for a parent partitioned by
  /// `strategy` over `keys` key(s).
  virtual auto CheckPartitionBound(const ast::TargetItem& of, const std::string& strategy, size_t keys,
                                   const std::string& parent) const -> std::vector<Problem> {
    (void)of, (void)strategy, (void)keys, (void)parent;
    return {};
  }

  // ---- indexes ----

  /// The index methods `using METHOD` may name.
  virtual auto IndexMethods() const -> std::vector<std::string> { return {}; }
  /// The method of an exclusion constraint that names none.
  virtual auto DefaultIndexMethod() const -> std::string { return ""; }

  // ---- types ----

  /// The native type a column block `TARGET { type T }` pins when the
  /// portable type it resolves to is not the target's own (`json` stays
  /// json on Postgres, where the portable json is jsonb); nullopt otherwise.
  virtual auto PinnedNative(const model::Type& resolved, const std::string& written) const
      -> std::optional<std::string> {
    (void)resolved, (void)written;
    return std::nullopt;
  }

 protected:
  /// A flag item's key in lower case; "" for other kinds of items.
  static auto FlagKey(const ast::TargetItem& item) -> std::string;
  /// Whether `item` is a flag that Options(place) lists.
  auto ListedFlag(Place place, const ast::TargetItem& item) const -> bool;
  /// `s` in lower case (ASCII).
  static auto Lowered(std::string s) -> std::string;
};

/// Every target's dialect, in the order schemac lists targets.
auto Dialects() -> const std::vector<const Dialect*>&;
/// The dialect of the target called `name`, or null.
auto FindDialect(std::string_view name) -> const Dialect*;
/// The dialect of the target `--target` defaults to (postgres): the one the
/// portable model is checked by when no target is given (unit tests, fuzzers).
auto DefaultDialect() -> const Dialect&;

}  // namespace schemac::target
