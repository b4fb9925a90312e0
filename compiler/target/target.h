// The interface every backend implements: lowering the portable model to the
// target's catalog, the differ's hooks, and emitting a plan as statements.
// Adding a target means adding a folder under backends/ and one line in
// Registry(); the differ and planner do not change.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/diag/diag.h"
#include "compiler/diff/change.h"
#include "compiler/model/model.h"

namespace schemac::plan {
struct Plan;
}

namespace schemac::target {

/// One statement of a migration script.
struct Statement {
  std::string sql;
  size_t change = 0;          // index of the plan change it implements
  bool transactional = true;  // false: must run outside a transaction block
  /// Safe to run again after a failure stopped the script past it
  /// (IF [NOT] EXISTS, or a step that finds its work done).
  bool rerunnable = false;
};

struct Script {
  std::vector<Statement> statements;
};

/// One transaction of a batched apply: statements [first, end) of a script,
/// which implement plan changes first_change..last_change (0-based).
struct Batch {
  size_t first = 0, end = 0;
  size_t first_change = 0, last_change = 0;
};

/// The transactional statements of `script` in transactions of at most
/// `changes` changes each (0: all in one); the statements of one change are
/// never split. Empty when the script has no transactional statement.
auto SplitBatches(const Script& script, size_t changes) -> std::vector<Batch>;

/// Where a run of a script's statements executes: before the
/// transaction(s), in one, or after them. The one place a script is framed:
/// rendering it, the batched rendering and applying it all walk Frame().
struct Segment {
  enum class Where { Before, Transaction, After };
  Where where = Where::Transaction;
  size_t first = 0, end = 0;  // statements [first, end)
  size_t batch = 0;           // Transaction: 1-based when batched, else 0
  const Batch* range = nullptr;  // Transaction, batched: its batch
};

/// The segments of `script`: the statements that are not transactional
/// before the first transactional one, the transactional ones in one
/// transaction (`batches` empty) or one per batch, and the rest after.
auto Frame(const Script& script, const std::vector<Batch>& batches) -> std::vector<Segment>;

struct ApplyOptions {
  /// The target's session settings for the run, set before the first
  /// statement (Postgres: lock_timeout, statement_timeout).
  std::vector<std::pair<std::string, std::string>> settings;
  /// The transactions to run the transactional statements in, each committed
  /// on its own (SplitBatches). Empty: one transaction for all of them.
  std::vector<Batch> batches;
  /// Called before each statement runs (progress on a terminal); may be empty.
  std::function<void(size_t index, size_t total, const Statement&)> on_statement;
};

/// What running a script did.
struct ApplyResult {
  struct Executed {
    std::string sql;
    double ms = 0;
    size_t batch = 0;  // 1-based batch it ran in; 0: outside a transaction, or not batched
  };
  bool success = false;
  std::vector<Executed> statements;  // the ones that ran (and, on failure, the failing one last)
  std::string error;                 // the server's message, naming the statement and object
  bool rolled_back = false;          // the failing statement's transaction was rolled back
  size_t failed_statement = 0;       // 1-based index in the script of the statement that failed; 0: none
  size_t failed_batch = 0;           // 1-based batch that failed (batched apply only)
  size_t committed_batches = 0;      // batches committed before the failure, or all of them
};

/// How many locks the server's shared lock table holds, which bounds the
/// objects one transaction can lock ("out of shared memory" beyond it).
struct LockTable {
  size_t per_transaction = 0;  // max_locks_per_transaction
  size_t slots = 0;            // server processes and prepared transactions the table is sized for
  auto capacity() const -> size_t { return per_transaction * slots; }
};

/// A running database of the target.
class LiveDatabase {
 public:
  virtual ~LiveDatabase() = default;
  /// The catalog, read with a fixed number of queries. `schemas` empty: all.
  virtual auto Inspect(const std::vector<std::string>& schemas, std::string& error) -> std::optional<catalog::Catalog> = 0;
  /// Objects found that the language cannot express; a plan leaves them alone.
  virtual auto Unmanaged() const -> const std::vector<std::string>& = 0;
  /// A fingerprint of the last inspected catalog.
  virtual auto Fingerprint() const -> std::string = 0;
  /// Rewrites the desired catalog's expressions the way this database stores
  /// them (those already spelled like `current`'s are kept).
  virtual void Normalize(catalog::Catalog& desired, const catalog::Catalog* current) = 0;
  /// Runs a script: the transactional part in one transaction. `labels[i]`
  /// names change i ("create_index public.t_a_idx") for error messages.
  virtual auto Apply(const std::vector<std::string>& labels, const Script& script, const ApplyOptions& options)
      -> ApplyResult = 0;
  /// The server's lock table; nullopt (and `error`) when it cannot be read.
  virtual auto ReadLockTable(std::string& error) -> std::optional<LockTable> = 0;
  /// An estimate, meant to be on the high side, of the lock-table entries one
  /// transaction takes to run `changes` (indexes into `plan.changes`), from
  /// the objects they touch in `from` (the database) and `to` (the desired state).
  virtual auto EstimateLocks(const plan::Plan& plan, const std::vector<size_t>& changes, const catalog::Catalog& from,
                             const catalog::Catalog& to) const -> size_t = 0;
};

/// The columns a view reads from one relation (a table or a view).
struct ViewRead {
  catalog::ObjectName relation;
  std::vector<std::string> columns;  // sorted; `*` stands for every column
};

/// Whether a view means the same on both sides of one diff (see
/// Backend::CompareViews).
class ViewComparer {
 public:
  virtual ~ViewComparer() = default;
  virtual auto Same(const catalog::ObjectName& name) -> bool = 0;
};

/// How a target makes one change (the differ asks, the backend decides —
/// the shape of Atlas's DiffDriver).
enum class Strategy {
  InPlace,        // altered where it is
  RebuildColumn,  // the column dropped and added again: its stored values are lost or recomputed
  RebuildTable,   // the table created anew with the new shape, the rows copied over, the names swapped
  Unsupported,    // refused: `message` names the change, `hint` the way out
};

struct Decision {
  Strategy strategy = Strategy::InPlace;
  /// RebuildColumn/RebuildTable: why, shown on the changes it adds.
  /// Unsupported: the error's message.
  std::string message;
  std::string hint;
  /// Also reported at the column (a rebuild that loses values): the
  /// diagnostic and its argument.
  std::optional<diag::Kind> report;
};

/// One column that differs between the current and the desired table (renames applied).
struct ColumnChange {
  const catalog::Table& from;
  const catalog::Table& to;
  const catalog::Column& old_column;
  const catalog::Column& new_column;
  diff::ChangeKind kind;  // what differs
};

/// One enum whose values differ between the current and the desired state.
/// The differ makes value renames (`'new' renamed from 'old'`, already
/// applied to `from`) and additions; anything else it has no change for.
struct EnumChange {
  catalog::ObjectName name;
  const std::vector<std::string>& from;  // the current values, renames applied
  const std::vector<std::string>& to;    // the desired values
};

/// What a change of a column invalidates on a target: the objects over it
/// that are dropped before the change and created again after it.
struct Invalidates {
  bool expressions = false;  // checks, exclusions and index expressions or predicates mentioning it
  bool keys = false;         // keys and indexes whose plain columns include it
};

/// What one change of a plan costs on a target: facts the lint phase's
/// rules read (the rules themselves are target-neutral). The default is a
/// change that takes no lock worth reporting.
struct Cost {
  /// What the lock the change holds on its table keeps others from doing.
  enum class Blocks { Nothing, Writes, ReadsAndWrites };
  Blocks blocks = Blocks::Nothing;
  std::string lock;       // the target's name for the lock ("SHARE", "ACCESS EXCLUSIVE"), for messages
  bool rewrites = false;  // every row (and every index) is written again while the lock is held
  bool scans = false;     // every row is read to validate the change while the lock is held
  bool builds_index = false;  // an index is built over every row while the lock is held
  /// The change is made the lock-friendly way (built concurrently,
  /// validated apart); the lock rules only note it.
  bool online = false;
  std::string why;        // what makes it cost that: "the default random() is volatile"
  std::string hint;       // how to avoid the cost on this target, when the lint rule's own advice does not fit
  /// What readers or writers of the stored data can no longer read after
  /// the change (Flink on Schema Registry: the value schema's
  /// compatibility): the column it is about ("" for the table) and the
  /// message. Lint rule BC104 reports each at the column's line.
  std::vector<std::pair<std::string, std::string>> incompatible;
  /// An added column's default fills the rows already stored (false on
  /// Flink's `alter`: a Flink table declares no default, so the records
  /// already in the topic have no value for a new column). Lint DD101
  /// reads it.
  bool defaults_fill_rows = true;
};

/// How a target runs a plan's statements.
struct Transactions {
  /// The whole plan can run in one transaction (DDL is transactional).
  bool ddl = true;
  /// Changes of this kind run before the transaction (e.g. Postgres's
  /// ALTER TYPE ... ADD VALUE, whose value cannot be used in the
  /// transaction that adds it); the planner lists them first.
  std::function<bool(const diff::Op&)> before = nullptr;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual auto Name() const -> std::string_view = 0;

  /// The portable model in this target's names, types and derived names.
  virtual auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> = 0;

  /// Namespaces that always exist: never created nor dropped by a plan.
  virtual auto IsBuiltinSchema(const std::string& name) const -> bool = 0;

  /// Whether the values `a` and `b` of a table's target option `key`
  /// (catalog::Table::options) mean the same.
  virtual auto SameTableOption(const std::string& key, const std::string& a, const std::string& b) const -> bool {
    (void)key;
    return a == b;
  }

  /// Whether two expressions (defaults, checks, ...) mean the same.
  virtual auto SameExpression(const std::string& a, const std::string& b) const -> bool = 0;

  /// Whether view `name` means the same in catalog `a` as in catalog `b`
  /// (each body read against its own catalog's relations).
  virtual auto SameView(const catalog::Catalog& a, const catalog::Catalog& b, const catalog::ObjectName& name) const
      -> bool {
    const catalog::View *x = a.FindView(name), *y = b.FindView(name);
    return x && y && SameExpression(x->definition, y->definition);
  }

  /// Compares the views of `a` and `b`, made once per diff so that what is
  /// learned about one view (its columns) serves the views over it.
  virtual auto CompareViews(const catalog::Catalog& a, const catalog::Catalog& b) const
      -> std::unique_ptr<ViewComparer> {
    class Comparer : public ViewComparer {
     public:
      Comparer(const Backend& backend, const catalog::Catalog& a, const catalog::Catalog& b)
          : backend_(backend), a_(a), b_(b) {}
      auto Same(const catalog::ObjectName& name) -> bool override { return backend_.SameView(a_, b_, name); }

     private:
      const Backend& backend_;
      const catalog::Catalog &a_, &b_;
    };
    return std::make_unique<Comparer>(*this, a, b);
  }

  /// The relations view `view` of `c` reads and, for each, the columns it
  /// reads (`*` expanded); nullopt when the body is not understood.
  virtual auto ViewColumns(const catalog::Catalog& c, const catalog::ObjectName& view) const
      -> std::optional<std::vector<ViewRead>> {
    (void)c;
    (void)view;
    return std::nullopt;
  }

  /// The identifiers an expression of this target mentions (folded as the
  /// target folds them), e.g. the columns a generated column is computed from.
  virtual auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> = 0;

  /// `expr` with every mention of identifier `from` replaced by `to`, as the
  /// target does when a column is renamed.
  virtual auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string = 0;

  /// Whether changing a column from type `from` to `to` keeps its stored
  /// values as they are (binary-coercible: no rewrite; expressions over the
  /// column stay valid).
  virtual auto KeepsValues(const std::string& from, const std::string& to) const -> bool {
    (void)from;
    (void)to;
    return false;
  }

  // ---- what a change costs on this target: the differ's questions ----

  /// How a changed column is changed: in place, by rebuilding it or its
  /// table, or not at all.
  virtual auto DecideColumn(const ColumnChange& change) const -> Decision = 0;

  /// How column `from` of `table` (the current table; `desired`, the table
  /// it becomes) is renamed to `to`: in place, or by rebuilding the table
  /// (the copy reads the old name), or not at all. The default renames in
  /// place.
  virtual auto DecideRename(const catalog::Table& table, const catalog::Table& desired, const std::string& from,
                            const std::string& to) const -> Decision {
    (void)table, (void)desired, (void)from, (void)to;
    return {};
  }

  /// What changing column `from` into `to` invalidates (type or collation changes).
  virtual auto Invalidated(const catalog::Column& from, const catalog::Column& to) const -> Invalidates = 0;

  /// How a change of a table's target options, clustering, kind or
  /// watermark is made (`message` of an Unsupported decision names them).
  /// Also asked when the table becomes or stops being a partition, which the
  /// differ has no change for: an Unsupported decision names the way out
  /// (any other answer is refused with the differ's own message).
  virtual auto DecideTable(const catalog::ObjectName& name, const catalog::Table& from, const catalog::Table& to) const
      -> Decision = 0;

  /// What the target refuses of a change of an enum's values: one
  /// Unsupported decision per error, reported as `report` (the target's own
  /// diagnostic kind; `unsupported-change` when absent) with `message`
  /// formatted and `hint`. Empty: the differ renames and adds the values. A
  /// target must refuse what the differ cannot make: a value removed, or
  /// the values kept in another order.
  virtual auto DecideEnum(const EnumChange& change) const -> std::vector<Decision> = 0;

  /// Whether a foreign key must be dropped while the key it references is
  /// dropped or a column on either side changes type (the database checks
  /// the reference and keeps it tied to the key).
  virtual auto ForeignKeysPinKeys() const -> bool = 0;

  /// Whether an expression (a default) uses sequence `seq`.
  virtual auto UsesSequence(const std::string& expr, const catalog::ObjectName& seq) const -> bool = 0;

  /// `expr` with every mention of user-defined type `from` (as in a cast)
  /// naming `to` instead, as after the type is renamed.
  virtual auto RenameTypeInExpression(const std::string& expr, const catalog::ObjectName& from,
                                      const catalog::ObjectName& to) const -> std::string = 0;

  /// Whether the target refuses to add a column to a table a view reads
  /// (Firebolt): the views over a table that gains a column are dropped
  /// before and created again after.
  virtual auto ViewsBlockAddColumn() const -> bool { return false; }

  /// Whether view `view`'s body selects every column of a relation (`*`),
  /// which fixes the view's columns when it is created.
  virtual auto SelectsAll(const catalog::View& view) const -> bool = 0;

  // ---- what a change costs: the lint phase's questions ----

  /// The lock a change of `plan` holds and the work it does under it, made
  /// as the backend emits it (`plan.online`: the lock-friendly form where
  /// there is one). `from` and `to` are the catalogs the plan goes between.
  virtual auto CostOf(const diff::Change& change, const plan::Plan& plan, const catalog::Catalog& from,
                      const catalog::Catalog& to) const -> Cost {
    (void)change;
    (void)plan;
    (void)from;
    (void)to;
    return {};
  }

  /// Whether changing a column's type from `from` to `to` can truncate a
  /// value or fail on an existing row (a narrowing, or a conversion that
  /// need not succeed). Unknown pairs are assumed to.
  virtual auto Narrows(const std::string& from, const std::string& to) const -> bool { return from != to; }

  /// The longest name, in bytes, the target keeps as written (0: no limit
  /// worth checking). Longer names are cut silently or refused.
  virtual auto IdentifierLimit() const -> size_t { return 0; }

  /// How this target runs a plan: transactional DDL, what runs before the transaction.
  virtual auto TransactionRules() const -> Transactions = 0;

  /// How a column of user-defined type `type` (an enum) spells its type.
  virtual auto UserTypeName(const catalog::ObjectName& type) const -> std::string = 0;

  /// The type of a column spelled `spelled` (it uses an enum, maybe as an
  /// array's elements) once the enum is renamed to `to`.
  virtual auto SpellRenamedType(const std::string& spelled, const catalog::ObjectName& to) const -> std::string = 0;

  /// The columns that identify a row of `table` for a change-data-capture
  /// pipeline merging into it: its primary key, or what the target has
  /// instead (Firebolt: the primary index); empty when it has none.
  virtual auto RowKey(const catalog::Table& table) const -> std::vector<std::string> {
    for (const auto& k : table.constraints)
      if (k.kind == catalog::Constraint::Kind::PrimaryKey) return k.columns;
    return {};
  }

  /// Whether the target enforces constraint `k` (rejects rows that break
  /// it) or only records it (Snowflake's primary, unique and foreign keys).
  virtual auto Enforces(const catalog::Constraint& k) const -> bool {
    (void)k;
    return true;
  }

  /// Whether `table` is partitioned (partitions can be attached to it).
  virtual auto IsPartitioned(const catalog::Table& table) const -> bool {
    (void)table;
    return false;
  }

  /// What a snapshot keeps that no source says, carried from the previous
  /// snapshot of the same project into the new one (`schemac snapshot
  /// --from`): on Flink, the Avro value schemas registered before, which a
  /// _TRANSITIVE compatibility mode judges a new one against.
  virtual void KeepHistory(catalog::Catalog& desired, const catalog::Catalog& previous) const {
    (void)desired;
    (void)previous;
  }

  /// Relations a new table creates implicitly, named by the database (e.g.
  /// the sequences behind identity columns); they must not be taken first.
  virtual auto ImplicitRelations(const catalog::Table& table) const -> std::vector<std::string> = 0;

  /// Turns an ordered plan into statements; reports changes it cannot make.
  virtual auto Emit(const plan::Plan& plan, diag::Engine& diags) const -> std::optional<Script> = 0;

  /// The URL schemes of this target's databases ("postgres", "postgresql");
  /// empty when it has no live access. A backend that also reads a
  /// connection string with no scheme (libpq's key=value form, or none:
  /// the environment) says so with ConnectsWithoutScheme.
  virtual auto Schemes() const -> std::vector<std::string> { return {}; }
  virtual auto ConnectsWithoutScheme() const -> bool { return false; }

  /// Connects to a live database of this target (nullptr and `error` when it
  /// cannot, or when the target has no live access).
  virtual auto Connect(const std::string& url, std::string& error) const -> std::unique_ptr<LiveDatabase> {
    (void)url;
    error = "schemac cannot connect to " + std::string(Name()) + " databases";
    return nullptr;
  }

  /// A catalog of this target as .schema source ("" when not supported).
  /// `outside`, when given, holds the schemas of tables that foreign keys of
  /// `c` reference but `c` does not contain: they are written as `extern table`.
  virtual auto WriteSource(const catalog::Catalog& c, const std::vector<std::string>& unmanaged,
                           const catalog::Catalog* outside = nullptr) const -> std::string {
    (void)c;
    (void)unmanaged;
    (void)outside;
    return "";
  }

  /// A catalog from what the target's own catalog queries return
  /// (docs/backends/<target>.md gives the queries; `schemac import` reads
  /// their CSV or JSON output), so that CI can plan against production
  /// without a connection. nullopt and `error` (naming the line or record)
  /// when `text` is not that output; "" `error` with nullopt: not supported.
  virtual auto ImportCatalog(const std::string& text, std::string& error) const -> std::optional<catalog::Catalog> {
    (void)text;
    error = "";
    return std::nullopt;
  }

  /// The script as a file a user can run (transaction framing, comments).
  virtual auto Render(const plan::Plan& plan, const Script& script) const -> std::string = 0;
};

/// A connection string with its password replaced by ***, for every message
/// that shows one: a URL (user:PASSWORD@, ?password=) or libpq's key=value
/// form (password=secret, password='a b').
auto RedactConnection(const std::string& conn) -> std::string;
/// `text` (e.g. a driver's error message) without the password of `conn`.
auto RedactSecrets(std::string text, const std::string& conn) -> std::string;
/// The scheme of a URL ("mysql" for mysql://...), or "" when `s` is not one.
auto UrlScheme(const std::string& s) -> std::string;
/// libpq's key=value connection string: "host=db dbname=prod ...".
auto IsKeyValueConnection(const std::string& s) -> bool;

/// Parses JSON (an import's input); on a syntax error returns false and sets
/// `error` to "invalid JSON at line L, column C: what".
auto ParseJson(const std::string& text, nlohmann::json& out, std::string& error) -> bool;

/// `text` made safe for a `-- ` comment line of a script: control characters
/// (a newline in a quoted name) are written as \n, \r, \t or \xNN, so that
/// nothing after them can run as SQL.
auto CommentText(std::string_view text) -> std::string;

/// A view's body as a catalog keeps it: without the white space around it
/// and without trailing `;`.
auto TrimmedViewBody(std::string_view body) -> std::string;

/// The statements of a script that runs outside a transaction, each
/// change's under a `-- kind object (reason)` line; with `mark_once`, a
/// statement that fails when run again is preceded by `-- once:`.
auto RenderStatements(const plan::Plan& plan, const Script& script, bool mark_once) -> std::string;

/// The backend for `name`, or nullptr if there is none (yet).
auto FindBackend(std::string_view name) -> std::unique_ptr<Backend>;

/// The backend whose databases `conn` connects to (by its URL scheme, or
/// the one that takes connection strings without one), or nullptr.
auto BackendForConnection(const std::string& conn) -> std::unique_ptr<Backend>;

/// Every scheme a registered backend connects to, for messages.
auto KnownSchemes() -> std::vector<std::string>;

}  // namespace schemac::target
