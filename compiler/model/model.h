// The portable model: what the .schema files declare, resolved and checked,
// before any target's names or types are applied. Produced by Check(),
// consumed by a backend's Lower(). It holds no syntax: names, types,
// expressions (model::Expr) and target-block options (model::TargetOption)
// are the checker's own, so nothing below check reads the AST.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/source/source.h"
#include "compiler/support/box.h"

namespace schemac::model {

using source::SourceRange;

/// A name as written: plain names fold per target, quoted names are exact.
struct Name {
  std::string text;
  bool quoted = false;
  /// The key used to resolve references within the unit (plain names are
  /// case-insensitive).
  auto key() const -> std::string;
  /// Same key (compared without building the keys).
  auto operator==(const Name& o) const -> bool;
};

/// Functions written without parentheses (`current_timestamp`): an unquoted,
/// unqualified name spelled like one is a call, not a column.
auto IsNiladicFunction(const std::string& name) -> bool;

struct Type {
  enum class Kind {
    Bool, Int16, Int32, Int64, Decimal, Float32, Float64, Text, Varchar, Char, Bytes,
    Date, Time, Timestamp, TimestampTz, Uuid, Json, Array, Map, Row, Enum,
    Native,  // a type only some targets have (inet, variant, multiset<...>)
  };
  Kind kind = Kind::Text;
  std::vector<int64_t> args;     // length, precision/scale, fractional seconds
  std::vector<Type> elems;       // Array (1), Map (2), Row (n)
  std::vector<Name> fields;      // Row
  std::string native;            // Native: the type as written, lower-cased ("inet", "bit varying")
  std::vector<std::string> native_targets;  // Native: targets that have it
  std::optional<Name> enum_schema;  // Enum: resolved schema (nullopt = default namespace)
  Name enum_name;                   // Enum
  int array_dims = 0;            // Native / named types written with [] (Postgres arrays)

  auto Describe() const -> std::string;  // portable spelling, for messages
  auto operator==(const Type& o) const -> bool;
};

/// An expression of the model: a small tree the checker builds once from the
/// syntax tree, names kept as written (`quoted` says whether a backend folds
/// them), casts to a model Type. Backends render it; none reads the AST.
struct Expr {
  enum class Kind {
    Number, String, Bool, Null, Interval,  // literals; text as written; Interval: text = '5', op = unit
    Column,                                // name, qualifier = table (optional)
    Call,                                  // name, qualifier = schema (optional), args
    Star,                                  // count(*)
    Unary,                                 // op = "-" | "+" | "not"
    Binary,                                // op = + - * / % || < > <= >= = <> and or ..
    IsNull, IsBool,                        // negated; IsBool: op = "true" | "false"
    In, Between, Like,                     // negated; Like: op = "like" | "ilike"
    Case,                                  // has_subject, has_else; args = [subject] (when, then)* [else]
    Cast,                                  // args[0] :: cast_type; op = "::" or "cast"
    List,                                  // [a, b] or array[a, b] (op = "array")
    RawSql,                                // sql('...'): text is the target's own SQL
  };
  Kind kind = Kind::Null;
  std::string text;                // literals, RawSql
  std::string op;
  Name name;                       // Column, Call
  std::optional<Name> qualifier;   // Column: its table; Call: its schema
  bool negated = false;
  bool has_subject = false, has_else = false;
  bool parenthesized = false;      // written in parentheses
  std::vector<Expr> args;
  /// Cast: the type (one element; a vector, so that the nodes that are not
  /// casts do not carry a Type). A built-in type resolves to its kind; any
  /// other name (an enum, a type of the target) is an Enum-kind type as written.
  std::vector<Type> cast_type;
  /// Cast: the type's name as written, lower-cased unless quoted
  /// ("timestamptz" for `timestamp with time zone`); empty for array<...>,
  /// map<...> and row<...>. Postgres names an index column after it.
  std::string cast_spelling;
  SourceRange range;
};

/// An expression in a compact, fully parenthesised form: (+ a (* b c)), as
/// `--dump=model` prints it.
auto DumpExpr(const Expr& e) -> std::string;

struct TableRef {
  std::optional<Name> schema;  // nullopt: the default namespace
  Name name;
};

/// One option of a target block (`postgres { ... }`) or of a pipe, as the
/// checker accepted it: its target's dialect checked the shape and values,
/// the checker the columns it names and the table it points to. A backend
/// lowers the options of its own target and ignores the others.
struct TargetOption {
  enum class Kind {
    Partition,     // `partition by STRATEGY (exprs)`: key = strategy (may be empty)
    PartitionOf,   // `partition of TABLE bound`: table (schema resolved), bound, exprs / to / options
    Cluster,       // `cluster by (exprs)`
    PrimaryIndex,  // `primary index (names)`
    Watermark,     // `watermark for KEY as EXPR`: key = column, exprs = [expr]
    With,          // `with ('k' = 'v', ...)`: options
    Into,          // a pipe's `into TABLE`: table (as written)
    From,          // a pipe's `from 'location'`: value (a string)
    Metadata,      // a column's `metadata [from 'key'] [virtual]`: value = key (may be none), names = [virtual]
    Flag,          // `KEY [VALUE]`: key, value
  };
  Kind kind = Kind::Flag;
  Name key;
  std::optional<std::string> value;  // Flag, From: as written (identifier, number or string)
  bool value_is_string = false;      // the value was a string literal
  std::vector<Expr> exprs;           // Partition, Cluster, Watermark; PartitionOf: the `from` or `in` values
  std::vector<Name> names;           // PrimaryIndex
  /// With: the pairs as written; PartitionOf with a `with` bound: modulus and
  /// remainder (names and numbers as written).
  std::vector<std::pair<std::string, std::string>> options;
  std::optional<TableRef> table;     // Into, PartitionOf
  std::string bound;                 // PartitionOf: "from" (exprs to `to`), "in", "with" or "default"
  std::vector<Expr> to;              // PartitionOf `from (...) to (...)`: the upper values
  SourceRange range;
};

struct Column {
  Name name;
  Type type;
  std::map<std::string, Type> type_for_target;  // `postgres { type json }`
  /// A column block's other items, per target (`flink { metadata from 'offset' }`).
  std::map<std::string, std::vector<TargetOption>> target_options;
  bool not_null = false;
  Box<Expr> default_value;
  bool identity = false;
  bool identity_always = false;
  /// `identity (...)` options as written and checked: start, increment,
  /// minvalue, maxvalue, cache (numbers) and cycle (1).
  std::map<std::string, int64_t> identity_options;
  Box<Expr> generated;
  bool stored = false;
  std::optional<std::string> comment;
  std::optional<Name> renamed_from;
  std::optional<Name> collation;
  bool type_ok = true;  // false when the type had an error (checks that compare types skip it)
  SourceRange range;
};

struct IndexKey {
  Expr expr;
  std::optional<Name> collation;
  std::optional<Name> opclass;
  bool desc = false;
  std::optional<bool> nulls_first;
};

struct Index {
  std::optional<Name> name;
  bool unique = false;
  std::vector<IndexKey> keys;
  Box<Expr> where;
  std::optional<std::string> method;
  bool nulls_not_distinct = false;
  std::vector<Name> include;
  std::vector<std::pair<std::string, std::string>> storage;  // `with (...)`
  SourceRange range;
};

struct Constraint {
  enum class Kind { PrimaryKey, Unique, ForeignKey, Check, Exclusion };
  Kind kind = Kind::Check;
  std::optional<Name> name;  // nullopt: the target names it
  std::vector<Name> columns;
  // ForeignKey
  TableRef ref_table;
  std::vector<Name> ref_columns;
  std::string on_delete, on_update;
  bool match_full = false;
  // PrimaryKey, Unique, ForeignKey, Exclusion
  bool deferrable = false, initially_deferred = false;
  // Exclusion: elements (keys), method, where, include and storage; one
  // operator per key, as written (`&&`, `myschema.&&`)
  Index exclusion;
  std::vector<std::string> operators;
  // Unique
  bool nulls_not_distinct = false;
  // Check
  Box<Expr> check;
  bool not_valid = false;
  bool no_inherit = false;
  SourceRange range;
};


/// Options from target blocks, per target name, in source order.
using TargetOptions = std::map<std::string, std::vector<TargetOption>>;

struct Table {
  Name name;
  std::vector<Column> columns;
  std::vector<Constraint> constraints;
  std::vector<Index> indexes;
  std::optional<std::string> comment;
  std::optional<Name> renamed_from;
  TargetOptions options;
  /// `extern table`: known to references and `depends on`, never lowered,
  /// created, dropped or diffed.
  bool is_extern = false;
  SourceRange range;
};

struct View {
  Name name;
  bool materialized = false;
  std::string body;             // SQL of the target
  std::vector<TableRef> depends_on;  // resolved: tables and views it reads
  /// Those of `depends_on` the source declares (`depends on (...)`); the
  /// others were found by name in the body, which a backend that parses the
  /// body may replace by what it really reads.
  std::vector<TableRef> declared_depends_on;
  /// `union all (a, b, ...)`: its members, resolved, in order and as often
  /// as written (`body` is their union as generic SQL; a backend whose names
  /// need qualifying renders its own).
  std::vector<TableRef> union_members;
  std::optional<std::string> comment;
  std::vector<Index> indexes;   // materialized views only
  SourceRange range;
};

struct Enum {
  Name name;
  std::vector<std::string> values;
  std::vector<SourceRange> value_ranges;  // parallel to values
  std::optional<std::string> comment;
  std::optional<Name> renamed_from;
  std::map<std::string, std::string> value_renamed_from;  // `'new' renamed from 'old'`: new -> old
  SourceRange range;
};

struct Pipe {
  std::string target;
  Name name;
  std::vector<TargetOption> items;  // into, from and the target's options
  SourceRange range;
};

/// `sequence NAME ...`: options checked (as identity options are), the
/// owning column resolved.
struct Sequence {
  Name name;
  Type type;  // Int16, Int32 or Int64
  std::map<std::string, int64_t> options;
  std::optional<TableRef> owned_table;  // schema resolved
  std::optional<Name> owned_column;
  std::optional<std::string> comment;
  SourceRange range;
};

/// `collation NAME (...)`: options checked; `provider` is `icu` or `libc`.
struct Collation {
  Name name;
  std::string provider = "libc";
  std::optional<std::string> locale, lc_collate, lc_ctype;
  bool deterministic = true;
  std::optional<std::string> comment;
  SourceRange range;
};

struct Schema {
  std::optional<Name> name;  // nullopt: the target's default namespace
  std::vector<Table> tables;
  std::vector<Collation> collations;
  std::vector<Sequence> sequences;
  std::vector<View> views;
  std::vector<Enum> enums;
  std::vector<Pipe> pipes;
  SourceRange range;
};

/// `allow RULE [on NAME] ['reason']`: a lint finding acknowledged in
/// source. It applies to findings of rule `rule` on objects inside its scope
/// (the file, the schema block, the table, the column where it stands) and,
/// with `on`, only on the object of that name inside the scope
/// (docs/language.md, "Acknowledging lint findings").
///
/// What `on` names, by scope (the checker has read `A.NAME` and dropped a
/// qualifier that names the scope itself):
///   File:   a schema or a relation (`on NAME`), or relation NAME of schema
///           `on_qualifier` as written (which may be the default namespace,
///           `public`);
///   Schema: an object of the schema (`on NAME`: table, view, enum, sequence,
///           collation, pipe, index), or a column, constraint or index NAME
///           of its table `on_qualifier`;
///   Table:  a column, constraint or index of the table (no qualifier);
///   Column: never (the checker rejects it).
/// `on` may name an object that the desired state no longer has: that is
/// how a drop is acknowledged.
///
/// An allow in a mixin's body (or on a mixin's column) is one allow of
/// every table that includes the mixin, with that table's names; its range
/// is in the mixin.
struct Allow {
  enum class Scope { File, Schema, Table, Column };
  Scope scope = Scope::File;
  std::string rule;               // the code or slug as written (checked: lint::FindRule knows it)
  std::optional<Name> on;         // `on NAME`
  std::optional<Name> on_qualifier;  // `on A.NAME`: A, when it is not the scope's own name
  std::optional<std::string> reason;
  /// Schema, Table, Column: the enclosing schema; none for the target's
  /// default namespace (as model::Schema::name), however it was written.
  std::optional<Name> schema;
  std::optional<Name> table;      // Table, Column
  std::optional<Name> column;     // Column
  source::FileId file = source::kNoFile;  // the file it stands in (for a File scope, the file it covers)
  source::SourceRange range;      // the whole `allow ...` clause
};

/// A project's change of a rule's severity: `lint { severity RULE LEVEL }`.
/// It applies to the whole compilation unit; a rule has at most one (the
/// checker rejects two different levels, and keeps one of equal ones).
struct SeverityOverride {
  std::string rule;      // the code or slug as written (checked)
  std::string severity;  // error | warning | note (checked, lower case)
  source::SourceRange range;
};

/// Everything a compilation unit declares.
struct Realm {
  std::vector<Schema> schemas;
  TargetOptions options;  // top-level target blocks
  std::vector<Allow> allows;                   // every `allow` in the unit, in source order
  std::vector<SeverityOverride> severities;    // from `lint { ... }` blocks
};

}  // namespace schemac::model
