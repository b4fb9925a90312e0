// A thin libpq connection: connect by URL (or the standard PG* variables),
// run a query with text parameters, read rows. Errors are values, never
// exceptions; a password never appears in any message.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schemac::backends::postgres {

/// Rows of a query result as strings; NULL is nullopt.
struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  auto Get(size_t row, size_t col) const -> const std::optional<std::string>& { return rows[row][col]; }
  auto Text(size_t row, size_t col) const -> std::string { return rows[row][col].value_or(""); }
};

/// The positions of a result's columns, looked up by name once per result,
/// so that rows are read by name (`rows.Text(i, col("name"))`, with the
/// position kept in a variable) rather than by a position that must follow
/// the query's select list. A name the result lacks is a mistake in the
/// query: the lookup gives 0 and Ok() fails, naming every missing column.
class ColumnIndex {
 public:
  explicit ColumnIndex(const Rows& rows) : rows_(rows) {}
  auto operator()(std::string_view name) -> size_t;
  /// False, with `error` naming the missing columns, when a lookup failed.
  auto Ok(std::string& error) const -> bool;

 private:
  const Rows& rows_;
  std::vector<std::string> missing_;
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
