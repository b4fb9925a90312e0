// The changes a migration is made of: a closed set of plain structs. A change
// carries the object before and after, the flags of what changed in a column
// (so that a backend can decide between altering in place and rebuilding), the
// source range that caused it, and the changes it must follow.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "compiler/catalog/catalog.h"

namespace schemac::diff {

/// What changed in a column; a bit set.
enum class ChangeKind : uint32_t {
  None = 0,
  Type = 1u << 0,
  Null = 1u << 1,
  Default = 1u << 2,
  Identity = 1u << 3,
  Generated = 1u << 4,
  Comment = 1u << 5,
  Collation = 1u << 6,
  IdentityOptions = 1u << 7,  // the options of an identity column's sequence
  Metadata = 1u << 8,         // what a metadata column reads (Flink: METADATA FROM 'key' VIRTUAL)
};
constexpr auto operator|(ChangeKind a, ChangeKind b) -> ChangeKind {
  return static_cast<ChangeKind>(static_cast<uint32_t>(a) | static_cast<uint32_t>(b));
}
constexpr auto operator&(ChangeKind a, ChangeKind b) -> ChangeKind {
  return static_cast<ChangeKind>(static_cast<uint32_t>(a) & static_cast<uint32_t>(b));
}
/// True if `k` has any of the bits of `c`.
constexpr auto Is(ChangeKind k, ChangeKind c) -> bool { return (k & c) != ChangeKind::None; }
auto Describe(ChangeKind k) -> std::string;  // "type, null"

struct CreateSchema { std::string schema; };
struct DropSchema { std::string schema; };

struct CreateEnum { std::string schema; catalog::Enum enum_type; };
struct DropEnum { std::string schema; catalog::Enum enum_type; };
struct RenameEnum { std::string schema, from, to; };
/// Adds `value` before `before` (or at the end when `before` is empty).
struct AddEnumValue { std::string schema, name, value, before; };
/// `'to' renamed from 'from'` on enum `name` (its name when the change runs).
struct RenameEnumValue { std::string schema, name, from, to; };

struct CreateTable { std::string schema; catalog::Table table; };
struct DropTable { std::string schema; catalog::Table table; };
struct RenameTable { std::string schema, from, to; };
/// The table's own properties (target options, kind, clustering,
/// watermark) changed, in place.
struct AlterTable { std::string schema; catalog::Table from, to; };
/// The table made anew with the shape of `to` where the target cannot alter
/// it in place: created under a new name, the rows of the columns both
/// sides have copied (cast to the new types; new columns get their
/// defaults), the old table dropped and the new one renamed. `from` is the
/// table as it is: a column the rebuild renames has its old name there, and
/// `to`'s column names it in `renamed_from`.
struct RebuildTable { std::string schema; catalog::Table from, to; };

/// A collation's options never change in place: drop and create.
struct CreateCollation { std::string schema; catalog::Collation collation; };
struct DropCollation { std::string schema; catalog::Collation collation; };

struct CreateSequence { std::string schema; catalog::Sequence sequence; };
struct DropSequence { std::string schema; catalog::Sequence sequence; };
/// Options, type, owner or comment of a sequence changed, in place.
struct AlterSequence { std::string schema; catalog::Sequence from, to; };

/// A partition moved to another bound or parent: detached from `from_parent`
/// and attached again (its rows stay; attaching checks they fit the bound).
struct AttachPartition {
  std::string schema, table;
  catalog::ObjectName from_parent;
  std::string from_bound;
  catalog::ObjectName parent;
  std::string bound;
};

struct AddColumn {
  std::string schema, table;
  catalog::Column column;
  /// The column it follows in the desired table ("": it comes first). A
  /// target that places a new column (Flink: FIRST / AFTER) puts it there;
  /// the others append it.
  std::optional<std::string> after = std::nullopt;
};
struct DropColumn { std::string schema, table; catalog::Column column; };
struct RenameColumn { std::string schema, table, from, to; };
struct AlterColumn { std::string schema, table; catalog::Column from, to; ChangeKind kind = ChangeKind::None; };

struct AddConstraint { std::string schema, table; catalog::Constraint constraint; };
struct DropConstraint { std::string schema, table; catalog::Constraint constraint; };
struct RenameConstraint { std::string schema, table, from, to; };
/// A constraint changed in place: only when a foreign key is checked
/// (`deferrable`, `initially deferred`) differs.
struct AlterConstraint { std::string schema, table; catalog::Constraint from, to; };

struct CreateIndex { std::string schema, table; catalog::Index index; };
struct DropIndex { std::string schema, table; catalog::Index index; };
struct RenameIndex { std::string schema, from, to; };

struct CreateView { std::string schema; catalog::View view; };
struct DropView { std::string schema; catalog::View view; };

/// Pipes (Snowflake's Snowpipe). A pipe whose table changes, or whose own
/// definition changes, is paused and drained before the first change of its
/// table (PausePipe) and created again and resumed after the last one
/// (ReplacePipe), so that no file is loaded twice and none is skipped.
struct CreatePipe { std::string schema; catalog::Pipe pipe; };
struct DropPipe { std::string schema; catalog::Pipe pipe; };
/// Stops loading and waits until the files already queued are loaded.
struct PausePipe { std::string schema; catalog::Pipe pipe; };
/// The pipe made again with the definition of `to` (the table's new shape), then resumed.
struct ReplacePipe { std::string schema; catalog::Pipe from, to; };

/// A comment on a table, view, materialized view, enum or collation (column comments
/// are part of AlterColumn).
struct SetComment {
  enum class On { Table, View, MaterializedView, Enum, Collation };
  On on = On::Table;
  std::string schema, name;
  std::optional<std::string> from, to;
};

using Op = std::variant<CreateSchema, DropSchema, CreateEnum, DropEnum, RenameEnum, AddEnumValue, RenameEnumValue, CreateCollation, DropCollation, CreateSequence,
                        DropSequence, AlterSequence, CreateTable, DropTable, RenameTable, AlterTable, RebuildTable, AttachPartition, AddColumn, DropColumn, RenameColumn, AlterColumn, AddConstraint, DropConstraint,
                        RenameConstraint, AlterConstraint, CreateIndex, DropIndex, RenameIndex, CreateView, DropView, CreatePipe, DropPipe, PausePipe, ReplacePipe, SetComment>;

/// For `if constexpr` chains over the kinds of Op: `else
/// static_assert(kUnhandled<T>)` makes a kind the chain forgets a compile
/// error, as a `switch` under -Werror=switch would.
template <typename T>
inline constexpr bool kUnhandled = false;

struct Change {
  Op op;
  source::SourceRange src;     // the .schema source that caused it (desired side), if any
  std::vector<size_t> after;   // indexes of changes (in the same list) that must run first
  std::string reason;          // why a change was added that the user did not write, e.g. a view recreated
};

/// The table a change alters (its columns, keys, indexes, properties or
/// shape), by its name once the change has run; nullopt for changes of
/// other objects, and for creating or dropping the table itself.
auto AlteredTable(const Op& op) -> std::optional<catalog::ObjectName>;
/// The table whose loading a change disturbs: AlteredTable, except a
/// comment, which a pipe loading the table may run through.
auto DisturbedTable(const Op& op) -> std::optional<catalog::ObjectName>;

/// "create table public.users": the kind of change and its object, for
/// messages, text plans and JSON.
auto KindName(const Op& op) -> std::string;
auto ObjectName(const Op& op) -> std::string;
/// The schema of the object a change makes, alters or drops.
auto SchemaOf(const Op& op) -> const std::string&;

}  // namespace schemac::diff
