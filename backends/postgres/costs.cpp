// What a change costs on Postgres 15 (see costs.h). The facts come from the
// Postgres documentation of ALTER TABLE, CREATE INDEX and the lock levels
// each form takes; docs/rules/ cites them rule by rule.
#include "backends/postgres/costs.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <regex>

#include "backends/postgres/expr.h"
#include "backends/postgres/postgres.h"

namespace schemac::backends::postgres {
namespace {

/// A number in a type's arguments; LONG_MAX when too large (in effect unbounded).
auto Number(const std::string& digits) -> long {
  long v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return ec == std::errc() ? v : LONG_MAX;
}

const std::regex kVarchar(R"(character varying(\((\d+)\))?)"), kChar(R"(character(\((\d+)\))?)"),
    kNumeric(R"(numeric(\((\d+),(\d+)\))?)"), kStamp(R"(timestamp(\((\d+)\))? (with|without) time zone)");

auto Limit(const std::smatch& m, int group) -> long { return m[group].matched ? Number(m[group]) : LONG_MAX; }

/// smallint 1, integer 2, bigint 3; 0 for any other type.
auto IntegerRank(const std::string& t) -> int {
  if (t == "smallint") return 1;
  if (t == "integer") return 2;
  if (t == "bigint") return 3;
  return 0;
}

/// The decimal digits an integer type needs.
auto IntegerDigits(int rank) -> long { return rank == 1 ? 5 : rank == 2 ? 10 : 19; }

/// Functions whose result does not change within a statement (immutable or
/// stable in pg_proc): a default calling only these is evaluated once by
/// ADD COLUMN, not per row.
auto NonVolatile(const std::string& f) -> bool {
  static const char* const kKnown[] = {
      "now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower", "upper", "length",
      "abs", "round", "trunc", "floor", "ceil", "date_trunc", "make_date", "make_timestamp", "make_timestamptz",
      "make_interval", "to_char", "to_date", "to_timestamp", "to_number", "jsonb_build_object", "json_build_object",
      "jsonb_build_array", "json_build_array", "array_length", "concat", "concat_ws", "btrim", "ltrim", "rtrim",
      "substr", "substring", "replace", "md5", "timezone", "date_part", "extract", "greatest", "least",
      "uuid_nil", "int4", "int8", "float8", "numrange", "tstzrange", "daterange", "int4range", "int8range"};
  return std::find(std::begin(kKnown), std::end(kKnown), f) != std::end(kKnown);
}

auto Quoted(const std::string& s) -> std::string { return "'" + s + "'"; }

/// A change that holds `lock`, blocking what `blocks` says, and does nothing more.
auto Locked(target::Cost::Blocks blocks, std::string lock) -> target::Cost {
  target::Cost cost;
  cost.blocks = blocks;
  cost.lock = std::move(lock);
  return cost;
}

auto AddColumnCost(const catalog::Column& c) -> target::Cost {
  target::Cost cost = Locked(target::Cost::Blocks::ReadsAndWrites, "ACCESS EXCLUSIVE");
  if (!c.identity.empty()) {
    cost.rewrites = true;
    cost.why = "an identity column is filled row by row";
  } else if (c.generated && !c.generated_virtual) {
    cost.rewrites = true;
    cost.why = "a stored generated column is computed for every row";
  } else if (c.default_expr && VolatileDefault(*c.default_expr)) {
    cost.rewrites = true;
    cost.why = "its default " + *c.default_expr + " is volatile: evaluated for every row";
  }
  return cost;
}

/// Whether `table` of `from` has a valid check that proves `column` is not
/// null: then SET NOT NULL skips its scan (Postgres 12+).
auto ProvenNotNull(const catalog::Catalog& from, const diff::AlterColumn& a) -> bool {
  const catalog::Table* t = from.FindTable(catalog::ObjectName{a.schema, a.table});
  if (!t) return false;
  auto want = ExpressionKey(QuoteIdent(a.from.name) + " IS NOT NULL");
  for (const auto& k : t->constraints)
    if (k.kind == catalog::Constraint::Kind::Check && !k.not_valid && want && ExpressionKey(k.check) == want)
      return true;
  return false;
}

/// Whether an index or a key of the table in `from` uses the column.
auto Indexed(const catalog::Catalog& from, const diff::AlterColumn& a) -> bool {
  const catalog::Table* t = from.FindTable(catalog::ObjectName{a.schema, a.table});
  if (!t) return false;
  const std::string& name = a.from.name;
  auto uses = [&](const catalog::Index& ix) {
    for (const auto& k : ix.keys)
      if (k.column == name || (!k.expression.empty() && k.expression.find(name) != std::string::npos)) return true;
    return false;
  };
  for (const auto& ix : t->indexes)
    if (uses(ix)) return true;
  for (const auto& k : t->constraints)
    if ((k.kind != catalog::Constraint::Kind::Check && k.kind != catalog::Constraint::Kind::ForeignKey &&
         std::find(k.columns.begin(), k.columns.end(), name) != k.columns.end()) ||
        (k.kind == catalog::Constraint::Kind::Exclusion && uses(k.exclusion)))
      return true;
  return false;
}

auto AlterColumnCost(const diff::AlterColumn& a, const catalog::Catalog& from) -> target::Cost {
  target::Cost cost = Locked(target::Cost::Blocks::ReadsAndWrites, "ACCESS EXCLUSIVE");
  if (diff::Is(a.kind, diff::ChangeKind::Type) && a.from.type != a.to.type && !BinaryCoercible(a.from.type, a.to.type)) {
    cost.rewrites = true;
    cost.why = a.from.type + " to " + a.to.type + " is not binary-coercible";
  }
  if (!cost.rewrites && diff::Is(a.kind, diff::ChangeKind::Collation) && Indexed(from, a)) {
    cost.builds_index = true;
    cost.why = "an index sorted by the old collation cannot be kept";
  }
  if (diff::Is(a.kind, diff::ChangeKind::Null) && a.to.not_null && !ProvenNotNull(from, a)) {
    cost.scans = true;
    if (cost.why.empty()) cost.why = "SET NOT NULL reads every row to prove none is null";
  }
  return cost;
}

auto AddConstraintCost(const catalog::Constraint& k) -> target::Cost {
  using Kind = catalog::Constraint::Kind;
  target::Cost cost;
  switch (k.kind) {
    case Kind::PrimaryKey:
    case Kind::Unique:
    case Kind::Exclusion:
      cost = {.blocks = target::Cost::Blocks::ReadsAndWrites, .lock = "ACCESS EXCLUSIVE", .scans = true,
              .builds_index = true, .why = "its index is built while the table is locked", .hint = {}, .incompatible = {}};
      break;
    case Kind::Check:
      cost = {.blocks = target::Cost::Blocks::ReadsAndWrites, .lock = "ACCESS EXCLUSIVE", .scans = !k.not_valid,
              .why = "every row is checked while the table is locked", .hint = {}, .incompatible = {}};
      break;
    case Kind::ForeignKey:
      cost = {.blocks = target::Cost::Blocks::Writes, .lock = "SHARE ROW EXCLUSIVE", .scans = !k.not_valid,
              .why = "every row is looked up in " + k.ref_table.schema + "." + k.ref_table.name +
                     " while both tables refuse writes", .hint = {}, .incompatible = {}};
      break;
  }
  return cost;
}

}  // namespace

auto BinaryCoercible(const std::string& from, const std::string& to) -> bool {
  std::smatch a, b;
  if (std::regex_match(from, a, kVarchar) && (to == "text" || (std::regex_match(to, b, kVarchar) && Limit(b, 2) >= Limit(a, 2))))
    return true;
  if (from == "text" && to == "character varying") return true;
  if (std::regex_match(from, a, kNumeric) && std::regex_match(to, b, kNumeric))
    return !b[1].matched || (a[1].matched && a[3] == b[3] && Number(b[2]) >= Number(a[2]));
  if (std::regex_match(from, a, kStamp) && std::regex_match(to, b, kStamp) && a[3] == b[3])
    return !b[1].matched || (a[1].matched && Number(b[2]) >= Number(a[2]));
  return false;
}

auto NarrowingType(const std::string& from, const std::string& to) -> bool {
  if (from == to || BinaryCoercible(from, to)) return false;
  auto array = [](const std::string& t) { return t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0; };
  if (array(from) && array(to)) return NarrowingType(from.substr(0, from.size() - 2), to.substr(0, to.size() - 2));
  if (array(from) != array(to)) return to != "text";
  std::smatch a, b;
  // Anything can be written as text; varchar and char keep their length.
  if (to == "text" || to == "character varying") return false;
  if (std::regex_match(to, b, kVarchar) && std::regex_match(from, a, kChar)) return Limit(a, 2) > Limit(b, 2);
  int rf = IntegerRank(from), rt = IntegerRank(to);
  if (rf && rt) return rt < rf;
  if (rf && std::regex_match(to, b, kNumeric)) return b[1].matched && Number(b[2]) - Number(b[3]) < IntegerDigits(rf);
  // Exact in a double up to 2^53, in a real up to 2^24.
  if (rf && ((to == "double precision" && rf <= 2) || (to == "real" && rf == 1))) return false;
  if (std::regex_match(from, a, kNumeric) && std::regex_match(to, b, kNumeric)) {
    if (!b[1].matched) return false;
    if (!a[1].matched) return true;
    long p = Number(a[2]), s = Number(a[3]), q = Number(b[2]), t = Number(b[3]);
    return q - t < p - s || t < s;
  }
  if (from == "real" && to == "double precision") return false;
  if (from == "date" && std::regex_match(to, b, kStamp)) return false;
  if (std::regex_match(from, a, kStamp) && std::regex_match(to, b, kStamp)) return Limit(b, 2) < Limit(a, 2);
  if ((from == "json" && to == "jsonb") || (from == "jsonb" && to == "json")) return false;
  return true;
}

auto VolatileDefault(const std::string& expr) -> bool {
  auto functions = ExpressionFunctions(expr);
  if (!functions) return true;  // not understood: assume the worst
  return std::any_of(functions->begin(), functions->end(), [](const std::string& f) { return !NonVolatile(f); });
}

namespace {

auto CreatedBy(const plan::Plan& plan, const std::string& schema, const std::string& table) -> bool {
  for (const auto& c : plan.changes)
    if (const auto* t = std::get_if<diff::CreateTable>(&c.op); t && t->schema == schema && t->table.name == table)
      return true;
  return false;
}

/// Whether a foreign key added by `plan` references key `columns` of
/// `schema.table`: it needs that key inside the transaction.
auto Referenced(const plan::Plan& plan, const std::string& schema, const std::string& table,
                const std::vector<std::string>& columns) -> bool {
  auto refers = [&](const catalog::Constraint& k) {
    return k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table == catalog::ObjectName{schema, table} &&
           k.ref_columns == columns;
  };
  for (const auto& c : plan.changes) {
    if (const auto* a = std::get_if<diff::AddConstraint>(&c.op); a && refers(a->constraint)) return true;
    if (const auto* t = std::get_if<diff::CreateTable>(&c.op))
      for (const auto& k : t->table.constraints)
        if (refers(k)) return true;
  }
  return false;
}

/// Whether the transaction of `plan` makes a constraint named `name` on
/// `schema.table` (dropping an index of that name must come before it).
auto NamedInTransaction(const plan::Plan& plan, const std::string& schema, const std::string& table,
                        const std::string& name) -> bool {
  for (const auto& c : plan.changes)
    if (const auto* a = std::get_if<diff::AddConstraint>(&c.op);
        a && a->schema == schema && a->table == table && a->constraint.name == name && !MadeOnline(plan, c))
      return true;
  return false;
}

}  // namespace

auto MadeOnline(const plan::Plan& plan, const diff::Change& c) -> bool {
  using Kind = catalog::Constraint::Kind;
  if (!plan.online) return false;
  if (const auto* i = std::get_if<diff::CreateIndex>(&c.op)) return !CreatedBy(plan, i->schema, i->table);
  if (const auto* i = std::get_if<diff::DropIndex>(&c.op))
    return !NamedInTransaction(plan, i->schema, i->table, i->index.name);
  if (const auto* a = std::get_if<diff::AddConstraint>(&c.op)) {
    if (CreatedBy(plan, a->schema, a->table)) return false;
    switch (a->constraint.kind) {
      case Kind::Check:
      case Kind::ForeignKey: return !a->constraint.not_valid;
      case Kind::PrimaryKey:
      case Kind::Unique: return !Referenced(plan, a->schema, a->table, a->constraint.columns);
      case Kind::Exclusion: return false;  // no ADD ... USING INDEX for it
    }
  }
  if (const auto* a = std::get_if<diff::AlterColumn>(&c.op))
    return diff::Is(a->kind, diff::ChangeKind::Null) && a->to.not_null && !a->from.not_null;
  return false;
}

auto CostOf(const diff::Change& change, const plan::Plan& plan, const catalog::Catalog& from) -> target::Cost {
  target::Cost cost = CostOf(change, from);
  if (MadeOnline(plan, change)) {
    using Kind = catalog::Constraint::Kind;
    cost.online = true;
    if (std::holds_alternative<diff::CreateIndex>(change.op))
      cost.why = "CONCURRENTLY after the transaction: writes go on while it is built";
    else if (std::holds_alternative<diff::DropIndex>(change.op))
      cost.why = "CONCURRENTLY after the transaction: queries go on";
    else if (const auto* a = std::get_if<diff::AddConstraint>(&change.op))
      cost.why = a->constraint.kind == Kind::Check || a->constraint.kind == Kind::ForeignKey
                     ? "NOT VALID, then validated after the transaction under SHARE UPDATE EXCLUSIVE: writes go on"
                     : "over a unique index built CONCURRENTLY after the transaction, then attached (USING INDEX)";
    else
      cost.why = "after a CHECK (... IS NOT NULL) is validated under SHARE UPDATE EXCLUSIVE: SET NOT NULL then skips "
                 "the scan";
  }
  return cost;
}

auto CostOf(const diff::Change& change, const catalog::Catalog& from) -> target::Cost {
  using Blocks = target::Cost::Blocks;
  return std::visit(
      [&](const auto& op) -> target::Cost {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, diff::CreateIndex>)
          return {.blocks = Blocks::Writes, .lock = "SHARE", .builds_index = true,
                  .why = "CREATE INDEX without CONCURRENTLY blocks writes until the index is built", .hint = {}, .incompatible = {}};
        else if constexpr (std::is_same_v<T, diff::DropIndex>)
          return {.blocks = Blocks::ReadsAndWrites, .lock = "ACCESS EXCLUSIVE",
                  .why = "DROP INDEX without CONCURRENTLY waits for every query on the table", .hint = {}, .incompatible = {}};
        else if constexpr (std::is_same_v<T, diff::AddColumn>)
          return AddColumnCost(op.column);
        else if constexpr (std::is_same_v<T, diff::AlterColumn>)
          return AlterColumnCost(op, from);
        else if constexpr (std::is_same_v<T, diff::AddConstraint>)
          return AddConstraintCost(op.constraint);
        else if constexpr (std::is_same_v<T, diff::RebuildTable>)
          return {.blocks = Blocks::ReadsAndWrites, .lock = "ACCESS EXCLUSIVE", .rewrites = true,
                  .why = "the table is created anew and its rows copied", .hint = {}, .incompatible = {}};
        else if constexpr (std::is_same_v<T, diff::AttachPartition>)
          return {.blocks = Blocks::ReadsAndWrites, .lock = "ACCESS EXCLUSIVE", .scans = true,
                  .why = "attaching reads every row of " + Quoted(op.table) + " to check it fits the bound",
                  .hint = "give the partition a CHECK constraint that matches the new bound first: ATTACH then "
                          "skips the scan",
                  .incompatible = {}};
        else
          return {};
      },
      change.op);
}

}  // namespace schemac::backends::postgres
