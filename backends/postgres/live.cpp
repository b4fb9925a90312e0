// The Postgres LiveDatabase: inspection, server-side normalisation and
// applying a script, with its transactional part in one transaction under
// lock_timeout and statement_timeout.
#include <chrono>

#include "backends/postgres/backend.h"
#include "backends/postgres/inspect.h"
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
    auto run = [&](size_t i) -> bool {
      const auto& s = script.statements[i];
      if (options.on_statement) options.on_statement(i, total, s);
      auto start = std::chrono::steady_clock::now();
      std::string error;
      bool ok = db_->Exec(s.sql, error);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      result.statements.push_back({s.sql, ms});
      if (!ok) {
        std::string label = s.change < labels.size() ? labels[s.change] : "change " + std::to_string(s.change + 1);
        result.error = error + "\n  in statement " + std::to_string(i + 1) + " (" + label + "): " + s.sql;
        result.failed_statement = i + 1;
      }
      return ok;
    };
    std::string error;
    if (!db_->Exec("SET lock_timeout TO " + QuoteLiteral(options.lock_timeout) + "; SET statement_timeout TO " +
                       QuoteLiteral(options.statement_timeout),
                   error)) {
      result.error = error;
      return result;
    }
    size_t i = 0;
    // Before the transaction: each statement is safe to re-run (IF NOT EXISTS).
    for (; i < total && !script.statements[i].transactional; ++i)
      if (!run(i)) return result;
    if (i < total && script.statements[i].transactional) {
      if (!db_->Exec("BEGIN", error)) {
        result.error = error;
        return result;
      }
      for (; i < total && script.statements[i].transactional; ++i)
        if (!run(i)) {
          db_->Exec("ROLLBACK", error);
          result.rolled_back = true;
          return result;
        }
      if (!db_->Exec("COMMIT", error)) {
        result.error = error;
        db_->Exec("ROLLBACK", error);
        result.rolled_back = true;
        return result;
      }
    }
    for (; i < total; ++i)
      if (!run(i)) return result;
    result.success = true;
    return result;
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
