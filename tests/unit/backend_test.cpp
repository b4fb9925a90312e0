// The Postgres backend's differ hooks on inputs the fuzzers reach.
#include <catch2/catch.hpp>

#include "compiler/target/target.h"

using namespace schemac;

TEST_CASE("postgres: KeepsValues with type arguments too large for a long", "[postgres]") {
  // fuzz/regressions/snapshot/huge-varchar-length: std::stol threw out_of_range,
  // an internal error for `plan --from` a snapshot with such a type.
  auto pg = target::FindBackend("postgres");
  std::string huge = "99999999999999999999";
  CHECK_FALSE(pg->KeepsValues("character varying(" + huge + ")", "character varying(5)"));
  CHECK(pg->KeepsValues("character varying(5)", "character varying(" + huge + ")"));
  CHECK_FALSE(pg->KeepsValues("numeric(" + huge + ",2)", "numeric(10,2)"));
  CHECK_FALSE(pg->KeepsValues("timestamp(" + huge + ") with time zone", "timestamp(3) with time zone"));
}
