// The syntax tree of .schema files: plain nested data, every node with its
// source range. Built by Parse() (parse.h), rewritten by Expand(), read by
// Check() and by the formatter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/source/source.h"
#include "compiler/support/box.h"

namespace schemac::ast {

using source::SourceRange;

/// An identifier: `text` is unquoted and unescaped; `quoted` keeps its case exact.
struct Name {
  std::string text;
  bool quoted = false;
  SourceRange range;
};

/// `name` or `schema.name`.
struct QName {
  std::optional<Name> schema;
  Name name;
  SourceRange range;
};

struct TypeRef {
  enum class Kind { Named, Array, Map, Row, Generic };  // Generic: name<T, ...> (multiset<T>)
  Kind kind = Kind::Named;
  std::string name;                  // Named: lower-cased words, e.g. "double precision"; exact if quoted
  bool quoted = false;
  std::optional<std::string> schema;  // Named: a qualified enum type
  std::vector<int64_t> args;          // varchar(20), decimal(10, 2)
  std::optional<bool> with_time_zone;
  int array_dims = 0;                 // int[] / int[][]
  std::vector<TypeRef> elems;         // Array: 1, Map: 2, Row: one per field, Generic: its arguments
  std::vector<Name> fields;           // Row field names
  SourceRange range;
};

struct Expr {
  enum class Kind {
    Number, String, Bool, Null, Interval,  // literals; Interval: text = '5', op = unit
    Column,                                // text = column, qualifier = table (optional)
    Call,                                  // text = function (qualifier = schema), args
    Star,                                  // count(*)
    Unary,                                 // op = "-" | "+" | "not"
    Binary,                                // op = + - * / % || < > <= >= = <> and or ..
    IsNull, IsBool,                        // negated; IsBool: op = "true" | "false"
    In, Between, Like,                     // negated; Like: op = "like" | "ilike"
    Case,                                  // has_subject, has_else; args = [subject] (when, then)* [else]
    Cast,                                  // args[0] :: type[0]; op = "::" or "cast"
    List,                                  // [a, b] (let) or array[a, b] (op = "array")
    Record,                                // {name: 'acme'} (let): args, one per name in `fields`
  };
  Kind kind = Kind::Null;
  std::string text;
  std::string qualifier;
  std::string op;
  bool quoted = false;  // Column / Call name was quoted
  bool qualifier_quoted = false;
  bool negated = false;
  bool has_subject = false, has_else = false;
  bool parenthesized = false;  // written in parentheses (kept by the formatter)
  std::vector<Expr> args;
  std::vector<TypeRef> type;  // Cast: exactly one
  std::vector<std::string> fields;  // Record: field names, lower case
  SourceRange range;
};

/// `allow RULE [on NAME] ['reason']`: a lint finding acknowledged in source,
/// at the top of a file, in a schema block, in a table body or on a column
/// (docs/language.md, "Acknowledging lint findings").
struct Allow {
  std::string rule;  // the code or slug as written (`DS103`, `drop-column`)
  SourceRange rule_range;
  std::optional<QName> on;  // `on NAME` or `on A.NAME`
  std::optional<std::string> reason;
  SourceRange range;
};

/// `severity RULE LEVEL` in a `lint { }` block.
struct SeverityItem {
  std::string rule;
  SourceRange rule_range;
  std::optional<Name> level;  // as written; none when it is missing
  SourceRange range;
};

/// `lint { severity RULE LEVEL ... }`: the project's severities of rules.
struct LintBlock {
  std::vector<SeverityItem> items;
  SourceRange range;
};

/// One option inside a target block (`postgres { ... }`); checked per target.
struct TargetItem {
  enum class Kind { Partition, PartitionOf, Cluster, PrimaryIndex, Watermark, With, Type, Into, From, Metadata, Flag };
  Kind kind = Kind::Flag;
  Name key;                       // Flag: option name; Partition: strategy (may be empty); Watermark: column
  std::optional<std::string> value;  // Flag: its value (ident, string or number, as written); Metadata: the key
  /// Metadata: `metadata [from 'key'] [virtual]`, the word after the key
  /// (`virtual`, checked by the target) in `names`; `key` is the word `metadata`.
  bool value_is_string = false;
  std::vector<Expr> exprs;        // Partition, Cluster, Watermark (1)
  std::vector<Name> names;        // PrimaryIndex
  std::vector<std::pair<std::string, std::string>> options;  // With
  std::optional<TypeRef> type;    // Type
  std::optional<QName> into;      // Into; PartitionOf: the parent table
  /// PartitionOf: "from" (exprs to `to`), "in" (exprs), "with" (options:
  /// modulus and remainder as written) or "default".
  std::string bound;
  std::vector<Expr> to;
  SourceRange range;
};

struct TargetBlock {
  std::string target;  // postgres | snowflake | firebolt | flink
  std::vector<TargetItem> items;
  SourceRange range;
};

/// `deferrable [initially deferred]` on a key or foreign key.
struct Deferrable {
  bool deferrable = false;
  bool initially_deferred = false;
};

struct References {
  QName table;
  std::vector<Name> columns;  // empty: the referenced table's primary key
  std::string on_delete, on_update;  // "" or cascade | restrict | set null | set default | no action
  bool match_full = false;           // `match full` (`match simple` is the default)
  Deferrable timing;
  SourceRange range;
};

/// One option of `identity (start 100 increment 10 cycle)`; `value` as written (with its sign).
struct IdentityOption {
  Name key;
  std::optional<std::string> value;
  SourceRange range;
};

struct Column {
  Name name;
  TypeRef type;
  std::optional<bool> not_null;
  SourceRange null_range;
  Box<Expr> default_value;
  bool primary_key = false;
  Deferrable primary_key_timing;
  SourceRange primary_key_range;
  bool unique = false;
  bool unique_nulls_not_distinct = false;
  Deferrable unique_timing;
  SourceRange unique_range;
  Box<References> references;
  std::vector<Expr> checks;
  bool identity = false;
  bool identity_always = false;  // `identity always`: values cannot be given on insert
  std::vector<IdentityOption> identity_options;
  SourceRange identity_range;
  Box<Expr> generated;
  bool stored = false;
  std::optional<std::string> comment;
  std::optional<Name> renamed_from;
  std::optional<Name> collation;
  std::vector<TargetBlock> targets;
  std::vector<Allow> allows;  // `allow RULE ...` among the attributes
  SourceRange range;
};

struct IndexKey {
  Expr expr;
  std::optional<Name> collation;  // `collate NAME`
  std::optional<Name> opclass;    // an operator class: `text_pattern_ops`
  bool desc = false;
  std::optional<bool> nulls_first;
};

struct Index {
  bool unique = false;
  std::optional<Name> name;
  std::vector<IndexKey> keys;
  Box<Expr> where;
  std::optional<Name> method;
  bool nulls_not_distinct = false;  // unique: `nulls not distinct`
  std::vector<Name> include;        // `include (c, ...)`: stored, not searched
  std::vector<std::pair<std::string, std::string>> storage;  // `with (fillfactor = 70)`: name (lower case), value as written
  SourceRange range;
};

/// An exclusion constraint's operator: `&&`, `=`, `myschema.&&`.
struct ExclusionOp {
  std::string text;  // empty: none was written (the checker reports it)
  SourceRange range;
};

struct Constraint {
  enum class Kind { PrimaryKey, Unique, ForeignKey, Check, Exclusion };
  Kind kind = Kind::Check;
  std::optional<Name> name;
  std::vector<Name> columns;
  Box<References> references;  // ForeignKey
  Box<Expr> check;             // Check
  bool not_valid = false;                // `not valid`: rows already there are not checked
  bool no_inherit = false;               // Check: `no inherit`
  bool nulls_not_distinct = false;       // Unique: `nulls not distinct`
  Deferrable timing;                     // PrimaryKey, Unique, Exclusion (a foreign key's is in `references`)
  // Exclusion: its elements are `exclusion.keys` (method, where, include and
  // storage as an index's; no name, not unique), one operator per element.
  Index exclusion;
  std::vector<ExclusionOp> operators;
  SourceRange range;
};

struct Include {
  QName mixin;
  SourceRange range;
};

struct TableComment {
  std::string text;
  SourceRange range;
};

struct RenamedFrom {
  Name old_name;
  SourceRange range;
};

using TableItem = std::variant<Column, Constraint, Index, Include, TableComment, RenamedFrom, TargetBlock, Allow>;

/// A table or a mixin (same body).
struct Table {
  bool is_mixin = false;
  bool is_extern = false;  // `extern table`: known for references, never managed
  QName name;
  std::vector<TableItem> items;
  SourceRange range;
};

/// `sequence NAME [as TYPE] [(options)] [owned by [schema.]table.column] [comment '...']`.
struct Sequence {
  QName name;
  std::optional<Name> type;
  std::vector<IdentityOption> options;
  std::vector<Name> owned_by;  // table.column or schema.table.column
  std::optional<std::string> comment;
  SourceRange range;
};

/// `collation NAME (provider icu, locale '...', deterministic false) [comment '...']`.
struct CollationOption {
  Name key;
  std::optional<std::string> value;  // a word (`icu`, `false`) or a string literal's text
  bool quoted = false;               // the value was a string literal
  SourceRange range;
};

struct Collation {
  QName name;
  std::vector<CollationOption> options;
  std::optional<std::string> comment;
  SourceRange range;
};

struct Enum {
  QName name;
  std::vector<std::pair<std::string, SourceRange>> values;
  /// Parallel to values: `'new' renamed from 'old'` (the old value and where it is written).
  std::vector<std::optional<std::pair<std::string, SourceRange>>> value_renamed_from;
  std::optional<std::string> comment;
  std::optional<Name> renamed_from;
  SourceRange range;
};

/// `for VAR in EXPR:` before a member of `union all (...)`.
struct UnionLoop {
  Name var;
  Expr iterable;
  SourceRange range;
};

struct View {
  enum class BodyKind { Raw, String, Union };
  QName name;
  bool materialized = false;
  BodyKind body_kind = BodyKind::Raw;
  std::string body;              // Raw/String: SQL as written (raw: indentation stripped)
  std::vector<QName> union_of;   // Union
  /// Union, as written: the loops before each member of `union_of` (empty
  /// when none has one). Expand() stamps the members out and clears it.
  std::vector<std::vector<UnionLoop>> union_loops;
  std::vector<QName> depends_on;
  std::optional<std::string> comment;
  std::vector<Index> indexes;    // materialized: `{ index ... }`
  SourceRange range;
  SourceRange body_range;
};

struct Import {
  std::string path;      // file path as written, or the module name ("std.timestamps")
  bool is_module = false;
  SourceRange range;
};

struct Pipe {
  std::string target;
  QName name;
  std::vector<TargetItem> items;
  SourceRange range;
};

/// `let NAME = EXPR`: a constant for `for` and `${...}`.
struct Let {
  Name name;
  Expr value;
  SourceRange range;
};

struct Decl;

/// `for VAR in EXPR { ... }`: its body once per element; Expand() replaces it
/// by the copies.
struct For {
  Name var;
  Expr iterable;
  std::vector<Decl> body;
  SourceRange range;
};

struct Schema {
  Name name;
  std::vector<Decl> decls;
  SourceRange range;
};

struct Decl {
  std::variant<Import, Schema, Table, Enum, Sequence, Collation, View, Pipe, TargetBlock, Let, For, Allow, LintBlock> node;
};

struct Comment {
  std::string text;  // with its -- or /* */
  SourceRange range;
};

struct File {
  source::FileId id = source::kNoFile;
  std::vector<Decl> decls;
  std::vector<Comment> comments;
  bool from_stdlib = false;
};

/// Everything compiled together: the files named on the command line and the
/// files they import.
struct Unit {
  std::vector<File> files;
};

}  // namespace schemac::ast
