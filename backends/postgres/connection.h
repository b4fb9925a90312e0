// A thin libpq connection: connect by URL (or the standard PG* variables),
// run a query with text parameters, read rows. Errors are values, never
// exceptions; a password never appears in any message.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace schemac::backends::postgres {

/// Rows of a query result as strings; NULL is nullopt.
struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  auto Get(size_t row, size_t col) const -> const std::optional<std::string>& { return rows[row][col]; }
  auto Text(size_t row, size_t col) const -> std::string { return rows[row][col].value_or(""); }
};

class Connection {
 public:
  /// Connects to `url` ("" = the PG* environment variables).
  static auto Open(const std::string& url, std::string& error) -> std::unique_ptr<Connection>;
  ~Connection();
  Connection(const Connection&) = delete;
  auto operator=(const Connection&) -> Connection& = delete;

  /// Runs `sql` with text parameters $1, $2, ...; nullopt and `error` on failure.
  auto Query(const std::string& sql, const std::vector<std::string>& params, std::string& error)
      -> std::optional<Rows>;
  /// Runs one or more statements without parameters.
  auto Exec(const std::string& sql, std::string& error) -> bool;
  auto ServerVersion() const -> int { return PQserverVersion(conn_); }

 private:
  explicit Connection(PGconn* c) : conn_(c) {}
  PGconn* conn_;
};

}  // namespace schemac::backends::postgres
