// Reading query results by column name (backends/postgres/connection.h):
// the inspector looks each column up once per result and fails with the
// names of the columns a query does not return.
#include <catch2/catch.hpp>

#include "backends/postgres/connection.h"

using namespace schemac::backends::postgres;

TEST_CASE("connection: result columns are found by name", "[postgres]") {
  Rows rows;
  rows.columns = {"oid", "name", "comment"};
  rows.rows = {{"1", "t", std::nullopt}};
  ColumnIndex col(rows);
  const size_t name = col("name"), comment = col("comment"), oid = col("oid");
  std::string error;
  REQUIRE(col.Ok(error));
  CHECK(error.empty());
  CHECK(rows.Text(0, name) == "t");
  CHECK(rows.Text(0, oid) == "1");
  CHECK_FALSE(rows.Get(0, comment).has_value());
}

TEST_CASE("connection: a column the query does not return is an error naming it", "[postgres]") {
  Rows rows;
  rows.columns = {"oid", "name"};
  ColumnIndex col(rows);
  col("name");
  col("kind");
  col("schema");
  std::string error;
  CHECK_FALSE(col.Ok(error));
  CHECK(error == "internal error: the query returns no column 'kind', 'schema' (its columns: oid, name)");
}
