// libpq wrapper.
#include "backends/postgres/connection.h"

#include "compiler/target/target.h"

namespace schemac::backends::postgres {

namespace {
auto Trim(std::string s) -> std::string {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

/// The server's message without its "ERROR:" prefix, with detail and hint.
auto ResultError(const PGresult* r) -> std::string {
  const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
  if (!primary) return Trim(PQresultErrorMessage(r));
  std::string out = primary;
  if (const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) out += "\n  detail: " + std::string(detail);
  if (const char* hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT)) out += "\n  hint: " + std::string(hint);
  return out;
}
}  // namespace

auto Connection::Open(const std::string& url, std::string& error) -> std::unique_ptr<Connection> {
  PGconn* c = PQconnectdb(url.c_str());
  if (!c || PQstatus(c) != CONNECTION_OK) {
    // libpq does not print passwords, but it quotes what it cannot parse
    // in a key=value string (part of a mistyped password): hide it.
    error = target::RedactSecrets(c ? Trim(PQerrorMessage(c)) : "out of memory", url);
    if (c) PQfinish(c);
    return nullptr;
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // notices are not errors
  return std::unique_ptr<Connection>(new Connection(c));
}

Connection::~Connection() { PQfinish(conn_); }

auto Connection::Query(const std::string& sql, const std::vector<std::string>& params, std::string& error)
    -> std::optional<Rows> {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  PGresult* r = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                             nullptr, 0);
  auto status = PQresultStatus(r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    error = ResultError(r);
    PQclear(r);
    return std::nullopt;
  }
  Rows rows;
  int nf = PQnfields(r), nt = PQntuples(r);
  for (int f = 0; f < nf; ++f) rows.columns.push_back(PQfname(r, f));
  rows.rows.reserve(static_cast<size_t>(nt));
  for (int t = 0; t < nt; ++t) {
    std::vector<std::optional<std::string>> row;
    row.reserve(static_cast<size_t>(nf));
    for (int f = 0; f < nf; ++f)
      row.push_back(PQgetisnull(r, t, f) ? std::nullopt
                                         : std::optional<std::string>(std::string(PQgetvalue(r, t, f), PQgetlength(r, t, f))));
    rows.rows.push_back(std::move(row));
  }
  PQclear(r);
  return rows;
}

auto Connection::Exec(const std::string& sql, std::string& error) -> bool {
  PGresult* r = PQexec(conn_, sql.c_str());
  auto status = PQresultStatus(r);
  bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
  if (!ok) error = ResultError(r);
  PQclear(r);
  return ok;
}

auto ColumnIndex::operator()(std::string_view name) -> size_t {
  for (size_t i = 0; i < rows_.columns.size(); ++i)
    if (rows_.columns[i] == name) return i;
  missing_.emplace_back(name);
  return 0;
}

auto ColumnIndex::Ok(std::string& error) const -> bool {
  if (missing_.empty()) return true;
  error = "internal error: the query returns no column";
  for (size_t i = 0; i < missing_.size(); ++i) error += (i ? ", '" : " '") + missing_[i] + "'";
  error += " (its columns: ";
  for (size_t i = 0; i < rows_.columns.size(); ++i) error += (i ? ", " : "") + rows_.columns[i];
  error += ")";
  return false;
}

}  // namespace schemac::backends::postgres
