// How many locks a migration takes, and how many the server can hold: a plan
// that needs more than the shared lock table has room for fails midway with
// "out of shared memory", so apply checks before BEGIN (docs/postgres.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backends/postgres/connection.h"
#include "compiler/catalog/catalog.h"
#include "compiler/plan/plan.h"
#include "compiler/target/target.h"

namespace schemac::backends::postgres {

/// max_locks_per_transaction and the number of slots the lock table is sized
/// for: MaxBackends (max_connections + autovacuum_max_workers + 1 +
/// max_worker_processes + max_wal_senders) + max_prepared_transactions.
auto ReadLockTable(Connection& db, std::string& error) -> std::optional<target::LockTable>;

/// The distinct objects one transaction running `changes` of `plan` locks:
/// every table it touches with its TOAST table and index, its indexes and
/// sequences (a table is locked with all of them when it is altered, dropped
/// or referenced by a new foreign key), the objects a drop removes (row and
/// array types, constraints, defaults, foreign-key triggers), views, types,
/// schemas, plus a few entries for the transaction itself.
auto EstimateLocks(const plan::Plan& plan, const std::vector<size_t>& changes, const catalog::Catalog& from,
                   const catalog::Catalog& to) -> size_t;

}  // namespace schemac::backends::postgres
