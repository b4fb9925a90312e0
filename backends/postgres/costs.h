// What a change costs on Postgres 15: the lock it holds, whether it rewrites
// or scans the table, whether a type change keeps or may lose values. The
// facts behind the lint phase's lock and data rules (docs/rules/).
#pragma once

#include <string>

#include "compiler/catalog/catalog.h"
#include "compiler/diff/change.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::backends::postgres {

/// Whether ALTER COLUMN TYPE from `from` to `to` keeps the stored values as
/// they are (binary-coercible: no rewrite, no re-check): varchar(n) to
/// varchar(m >= n) or text, text to varchar, numeric(p, s) to numeric(q >= p, s),
/// timestamp(p) to timestamp(q >= p) of the same zone kind.
auto BinaryCoercible(const std::string& from, const std::string& to) -> bool;

/// Whether a type change can cut a value or fail on an existing row: not a
/// known widening (smallint -> integer -> bigint, to numeric of enough
/// digits, to text, date to timestamp, ...).
auto NarrowingType(const std::string& from, const std::string& to) -> bool;

/// Whether a column default calls a volatile function (random(),
/// clock_timestamp(), gen_random_uuid(), nextval(), any function schemac
/// does not know): ADD COLUMN with it writes every row.
auto VolatileDefault(const std::string& expr) -> bool;

/// Whether change `c` of `plan` is made the lock-friendly way (plan.online,
/// and the change has such a form here): an index built or dropped
/// CONCURRENTLY after the transaction; a check or foreign key added NOT
/// VALID and validated after it; NOT NULL proven by a validated check first;
/// a unique or primary key over an index built concurrently. Tables created
/// by the same plan are made the plain way: nothing reads them yet.
auto MadeOnline(const plan::Plan& plan, const diff::Change& c) -> bool;

/// The plain form's cost (as if not online).
auto CostOf(const diff::Change& change, const catalog::Catalog& from) -> target::Cost;
/// `from`: the catalog the plan starts from (what already proves a column not null).
auto CostOf(const diff::Change& change, const plan::Plan& plan, const catalog::Catalog& from) -> target::Cost;

}  // namespace schemac::backends::postgres
