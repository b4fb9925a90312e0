// The target-native catalog: what a database of one target contains, in the
// target's own names and types. The same structure comes from .schema source
// (a backend's Lower), from a snapshot file, or from a live database, which is
// what makes the diff honest. Canonical() puts it in the stable order that
// snapshots and the differ rely on.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/support/box.h"
#include "compiler/source/source.h"

namespace schemac::catalog {

using source::SourceRange;

/// A schema-qualified object name, exact (already folded).
struct ObjectName {
  std::string schema;
  std::string name;
  auto operator<=>(const ObjectName&) const = default;
};

/// Options of the sequence behind an identity column; absent means the
/// target's default for the column's type (and the increment's sign).
struct IdentityOptions {
  std::optional<int64_t> start, increment, min, max, cache;
  bool cycle = false;
  auto empty() const -> bool { return !start && !increment && !min && !max && !cache && !cycle; }
  auto operator==(const IdentityOptions&) const -> bool = default;
};

/// A metadata column reads what the connector knows about a record (Flink:
/// `METADATA [FROM 'key'] [VIRTUAL]`); a virtual one is only read, never written.
struct Metadata {
  std::string key;  // the connector's key; empty: the column's own name
  bool is_virtual = false;
  auto operator==(const Metadata&) const -> bool = default;
};

/// A column. Its rarely-present parts are Boxes (an optional on the heap):
/// two catalogs of 200,000 columns each are alive while planning.
struct Column {
  std::string name;
  std::string type;                     // the target's spelling, e.g. "character varying(320)"
  Box<ObjectName> type_ref;             // a user-defined type (enum) the column uses
  bool not_null = false;
  std::optional<std::string> default_expr;
  std::string identity;                 // "" | "always" | "by default"
  IdentityOptions identity_options;     // identity columns only
  std::optional<std::string> generated; // expression of a computed (generated) column
  bool generated_virtual = false;       // computed when read, not stored (Flink's computed columns)
  Box<Metadata> metadata;               // a metadata column (not stored in the table's data)
  Box<std::string> collation;
  Box<std::string> comment;
  // Desired side only: not part of a catalog's state, so not in snapshots.
  Box<std::string> renamed_from;
  /// Desired side only: why the target's type is not exactly the portable
  /// one ("map<text, int> is stored as jsonb"); the lint phase notes it.
  Box<std::string> lossy;
  SourceRange src;
  auto operator==(const Column& o) const -> bool;  // the state: not renamed_from, lossy, src
};

struct IndexKey {
  std::string column;      // a plain column, or
  std::string expression;  // an expression (without the surrounding parentheses)
  bool desc = false;
  std::optional<bool> nulls_first;  // only when it differs from the default for the direction
  std::optional<std::string> collation;  // COLLATE, only when it differs from the key's own
  std::optional<std::string> opclass;    // operator class, only when not a default one
  auto operator==(const IndexKey&) const -> bool = default;
};

struct Index {
  std::string name;
  bool unique = false;
  std::string method = "btree";
  std::vector<IndexKey> keys;
  std::optional<std::string> where;
  bool invalid = false;  // a failed CREATE INDEX CONCURRENTLY left it unusable
  bool nulls_not_distinct = false;  // unique: NULLS NOT DISTINCT
  std::vector<std::string> include;  // INCLUDE columns, in order
  std::map<std::string, std::string> storage;  // WITH (name = value): storage parameters
  SourceRange src;
  auto SameDefinition(const Index& o) const -> bool {
    return unique == o.unique && method == o.method && keys == o.keys && where == o.where && invalid == o.invalid &&
           nulls_not_distinct == o.nulls_not_distinct && include == o.include && storage == o.storage;
  }
};

struct Constraint {
  enum class Kind { PrimaryKey, Unique, ForeignKey, Check, Exclusion };
  std::string name;
  Kind kind = Kind::Check;
  std::vector<std::string> columns;
  // ForeignKey
  ObjectName ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete = "no action", on_update = "no action";
  bool match_full = false;  // MATCH FULL (MATCH SIMPLE otherwise)
  // PrimaryKey, Unique, ForeignKey, Exclusion
  bool deferrable = false, initially_deferred = false;
  // Exclusion: the elements are `exclusion.keys`, with `exclusion.method`,
  // `where`, `include` and `storage` (its `name` is empty, it is not unique);
  // `operators` holds one operator per key: "&&", or "myschema.&&" for one
  // outside pg_catalog.
  Index exclusion;
  std::vector<std::string> operators;
  // Unique
  bool nulls_not_distinct = false;
  // Check
  std::string check;
  bool not_valid = false;
  bool no_inherit = false;
  SourceRange src;
};

struct Table {
  std::string name;
  std::vector<Column> columns;  // in ordinal order
  std::vector<Constraint> constraints;
  std::vector<Index> indexes;   // indexes that are not constraints
  std::optional<std::string> comment;
  std::map<std::string, std::string> options;  // target options, e.g. "partition_by"
  /// The target's kind of table: "" for an ordinary one, e.g. "transient"
  /// (Snowflake), "fact" or "dimension" (Firebolt), "unlogged" (Postgres).
  std::string kind;
  /// Clustering keys, in order: Snowflake CLUSTER BY, Firebolt's primary
  /// index (columns or expressions, in the target's spelling).
  std::vector<std::string> cluster_by;
  /// An event-time column and how late its events may arrive (Flink:
  /// WATERMARK FOR column AS expression).
  struct Watermark {
    std::string column, expression;
    auto operator==(const Watermark&) const -> bool = default;
  };
  std::optional<Watermark> watermark;
  /// A partition of a partitioned table: its parent, and its bound in the
  /// target's own spelling (Postgres: "FOR VALUES IN (1)", "DEFAULT"). A
  /// partition takes its columns, keys and indexes from the parent, so it
  /// lists none of its own.
  std::optional<ObjectName> partition_of;
  std::string partition_bound;
  std::optional<std::string> renamed_from;     // desired side only
  SourceRange src;

  auto FindColumn(const std::string& n) const -> const Column*;
};

struct View {
  std::string name;
  bool materialized = false;
  std::string definition;  // compared; may be the server's spelling of the body
  std::string source;      // desired side only: the body as written, which is what gets created
  std::vector<ObjectName> depends_on;  // relations it reads, sorted
  std::optional<std::string> comment;
  std::vector<Index> indexes;  // materialized views only; created with the view
  SourceRange src;
};

struct Enum {
  std::string name;
  std::vector<std::string> values;  // in sort order
  std::optional<std::string> comment;
  std::optional<std::string> renamed_from;  // desired side only
  SourceRange src;
  std::map<std::string, std::string> value_renamed_from = {};  // desired side only: new value -> old
};

/// A sequence that is an object of its own (not the one behind an identity
/// or serial column, which belongs to its column).
struct Sequence {
  std::string name;
  std::string type = "bigint";  // smallint | integer | bigint
  IdentityOptions options;      // absent: the target's default for the type
  std::optional<ObjectName> owned_table;  // OWNED BY table.column
  std::string owned_column;
  std::optional<std::string> comment;
  SourceRange src;
  auto SameDefinition(const Sequence& o) const -> bool {
    return type == o.type && options == o.options && owned_table == o.owned_table && owned_column == o.owned_column &&
           comment == o.comment;
  }
};

/// A collation of the project's (CREATE COLLATION). Canonical: libc has
/// lc_collate and lc_ctype (a `locale` sets both) and no locale; icu has a
/// locale and neither lc_*.
struct Collation {
  std::string name;
  std::string provider = "libc";  // libc | icu
  std::string locale;             // icu
  std::string lc_collate, lc_ctype;  // libc
  bool deterministic = true;
  std::optional<std::string> comment;
  SourceRange src;
  /// What CREATE COLLATION says: a difference means drop and create.
  auto SameOptions(const Collation& o) const -> bool {
    return provider == o.provider && locale == o.locale && lc_collate == o.lc_collate && lc_ctype == o.lc_ctype &&
           deterministic == o.deterministic;
  }
};

/// A pipe that loads files from a stage into a table as they arrive
/// (Snowflake's Snowpipe). Its COPY statement is generated from the table's
/// columns, so a change of the table changes the pipe.
struct Pipe {
  std::string name;
  ObjectName table;        // the table it loads into
  std::string stage;       // the location files arrive at: "@raw_stage/events/"
  std::string format;      // parquet | csv | json
  bool auto_ingest = false;
  std::optional<std::string> pattern;  // a regular expression over the file names
  /// The COPY statement, as the target spells it (what its catalog reports
  /// as the pipe's definition): compared, and run when the pipe is created.
  std::string definition;
  std::optional<std::string> comment;
  SourceRange src;
  auto SameDefinition(const Pipe& o) const -> bool {
    return table == o.table && stage == o.stage && format == o.format && auto_ingest == o.auto_ingest &&
           pattern == o.pattern && definition == o.definition && comment == o.comment;
  }
};

struct Schema {
  std::string name;
  std::vector<Table> tables;
  std::vector<View> views;
  std::vector<Enum> enums;
  SourceRange src;
  std::vector<Sequence> sequences = {};
  std::vector<Collation> collations = {};
  std::vector<Pipe> pipes = {};

  auto FindTable(const std::string& n) const -> const Table*;
  auto FindView(const std::string& n) const -> const View*;
  auto FindEnum(const std::string& n) const -> const Enum*;
  auto FindCollation(const std::string& n) const -> const Collation* {
    for (const auto& k : collations)
      if (k.name == n) return &k;
    return nullptr;
  }
  /// Holds no object (a target's always-present namespace like this is the
  /// same as none: a plan never creates it).
  auto empty() const -> bool {
    return tables.empty() && views.empty() && enums.empty() && sequences.empty() && collations.empty() &&
           pipes.empty();
  }
  auto FindPipe(const std::string& n) const -> const Pipe* {
    for (const auto& p : pipes)
      if (p.name == n) return &p;
    return nullptr;
  }
  auto FindSequence(const std::string& n) const -> const Sequence* {
    for (const auto& q : sequences)
      if (q.name == n) return &q;
    return nullptr;
  }
};

struct Catalog {
  std::string target;
  std::vector<Schema> schemas;
  /// Desired side only, never in snapshots: the `extern table`s of the
  /// source, which are not in `schemas` and must not be diffed (the driver
  /// removes them from the current state, see ForgetExterns).
  std::vector<ObjectName> externs = {};
  /// Desired side only, never in snapshots: how the source asks plans for
  /// this target to run (top-level target block: "online" -> "true",
  /// "lock_timeout" -> "5s", ...).
  std::map<std::string, std::string> settings = {};

  /// Lookups by binary search: only on a canonical catalog (Canonicalize),
  /// which is what every phase hands on; a phase that adds or renames
  /// objects canonicalizes again before it looks them up.
  auto FindSchema(const std::string& n) const -> const Schema*;
  auto FindTable(const ObjectName& n) const -> const Table*;
  auto FindView(const ObjectName& n) const -> const View*;
};

/// Sorts schemas, tables, views, enums, constraints and indexes by name
/// (columns and enum values keep their order).
void Canonicalize(Catalog& c);
/// Makes a desired catalog a current one: source ranges and `renamed from`
/// belong to the desired side only.
void ForgetSource(Catalog& c);

inline constexpr const char* kSnapshotFormat = "schemac.catalog/1";

/// The snapshot JSON (docs/catalog-format.md): canonical, two-space indented.
auto ToJson(const Catalog& c) -> std::string;
/// One column as the snapshot writes it: the one writer of a column, which
/// the plan JSON's before/after use too (compiler/driver/output.cpp).
auto ToJson(const Column& c) -> nlohmann::ordered_json;
/// A table's watermark as the snapshot writes it, shared the same way.
auto ToJson(const Table::Watermark& w) -> nlohmann::ordered_json;
/// Checks that names are unique where the database requires it.
auto Validate(const Catalog& c, std::string& error) -> bool;
/// Reads a snapshot; on failure returns nullopt and sets `error`.
auto FromJson(const std::string& text, std::string& error) -> std::optional<Catalog>;

}  // namespace schemac::catalog
