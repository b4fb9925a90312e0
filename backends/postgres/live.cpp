// The Postgres LiveDatabase: inspection, server-side normalisation and
// applying a script, with its transactional part in one transaction (or, when
// asked, in batches committed one by one) under lock_timeout and
// statement_timeout; the lock estimate is in locks.cpp.
#include <chrono>

#include "backends/postgres/backend.h"
#include "backends/postgres/inspect.h"
#include "backends/postgres/locks.h"
#include "backends/postgres/postgres.h"

namespace schemac::backends::postgres {
namespace {

class PostgresDatabase final : public target::LiveDatabase {
 public:
  explicit PostgresDatabase(std::unique_ptr<Connection> c) : db_(std::move(c)) {}

  auto Inspect(const std::vector<std::string>& schemas, std::string& error) -> std::optional<catalog::Catalog> override {
    auto r = postgres::Inspect(*db_, schemas, error);
    if (!r) return std::nullopt;
    unmanaged_ = r->unmanaged;
    fingerprint_ = r->fingerprint;
    return std::move(r->catalog);
  }
  auto Unmanaged() const -> const std::vector<std::string>& override { return unmanaged_; }
  auto Fingerprint() const -> std::string override { return fingerprint_; }
  void Normalize(catalog::Catalog& desired, const catalog::Catalog* current) override {
    NormalizeWithServer(*db_, desired, current);
  }

  auto Apply(const std::vector<std::string>& labels, const target::Script& script, const target::ApplyOptions& options)
      -> target::ApplyResult override {
    target::ApplyResult result;
    size_t total = script.statements.size();
    size_t batch = 0;  // the batch running, 1-based, when batched
    auto run = [&](size_t i) -> bool {
      const auto& s = script.statements[i];
      if (options.on_statement) options.on_statement(i, total, s);
      auto start = std::chrono::steady_clock::now();
      std::string error;
      bool ok = db_->Exec(s.sql, error);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      result.statements.push_back({s.sql, ms, s.transactional ? batch : 0});
      if (!ok) {
        std::string label = s.change < labels.size() ? labels[s.change] : "change " + std::to_string(s.change + 1);
        result.error = error + "\n  in statement " + std::to_string(i + 1) + " (" + label + "): " + s.sql;
        result.failed_statement = i + 1;
      }
      return ok;
    };
    std::string error;
    for (const auto& [name, value] : options.settings)
      if (!db_->Exec("SET " + QuoteIdent(name) + " TO " + QuoteLiteral(value), error)) {
        result.error = error;
        return result;
      }
    // Outside a transaction each statement is safe to re-run (IF NOT
    // EXISTS); a transaction that fails is rolled back, the ones before it
    // (batched) stay committed.
    for (const auto& seg : target::Frame(script, options.batches)) {
      if (seg.where != target::Segment::Where::Transaction) {
        batch = 0;
        for (size_t i = seg.first; i < seg.end; ++i)
          if (!run(i)) return result;
        continue;
      }
      batch = seg.batch;
      auto fail = [&]() {
        db_->Exec("ROLLBACK", error);
        result.rolled_back = true;
        result.failed_batch = batch;
        return result;
      };
      if (!db_->Exec("BEGIN", error)) {
        result.error = error;
        return fail();
      }
      for (size_t i = seg.first; i < seg.end; ++i)
        if (!run(i)) return fail();
      if (!db_->Exec("COMMIT", error)) {
        result.error = error;
        return fail();
      }
      ++result.committed_batches;
    }
    result.success = true;
    return result;
  }

  auto ReadLockTable(std::string& error) -> std::optional<target::LockTable> override {
    return postgres::ReadLockTable(*db_, error);
  }
  auto EstimateLocks(const plan::Plan& plan, const std::vector<size_t>& changes, const catalog::Catalog& from,
                     const catalog::Catalog& to) const -> size_t override {
    return postgres::EstimateLocks(plan, changes, from, to);
  }

 private:
  std::unique_ptr<Connection> db_;
  std::vector<std::string> unmanaged_;
  std::string fingerprint_;
};

}  // namespace

auto ConnectLive(const std::string& url, std::string& error) -> std::unique_ptr<target::LiveDatabase> {
  auto c = Connection::Open(url, error);
  if (!c) return nullptr;
  return std::make_unique<PostgresDatabase>(std::move(c));
}

}  // namespace schemac::backends::postgres
