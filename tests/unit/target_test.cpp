// Unit tests of what live targets share: connection strings and their
// passwords, batches of a script, and the Postgres lock estimate.
#include <catch2/catch.hpp>

#include "backends/postgres/locks.h"
#include "compiler/target/sql_scan.h"
#include "compiler/target/target.h"
#include "helpers.h"

using namespace schemac;

TEST_CASE("target: a password in a URL is hidden", "[target]") {
  CHECK(target::RedactConnection("postgres://app:hunter2@db:5432/prod") == "postgres://app:***@db:5432/prod");
  CHECK(target::RedactConnection("postgresql://app:p@ss/w@db/prod?sslmode=require") ==
        "postgresql://app:***@db/prod?sslmode=require");
  CHECK(target::RedactConnection("postgres://db/prod?user=app&password=hunter2&sslmode=require") ==
        "postgres://db/prod?user=app&password=***&sslmode=require");
  CHECK(target::RedactConnection("postgres://app@db/prod?options=a@b") == "postgres://app@db/prod?options=a@b");
  CHECK(target::RedactConnection("mysql://root:hunter2@db/x") == "mysql://root:***@db/x");
}

TEST_CASE("target: a password in a key=value connection string is hidden", "[target]") {
  CHECK(target::RedactConnection("host=db password=hunter2 dbname=prod") == "host=db password=*** dbname=prod");
  CHECK(target::RedactConnection("host=db password='hunter 2' dbname=prod") == "host=db password=*** dbname=prod");
  CHECK(target::RedactConnection("host=db password = 'it\\'s' user=app") == "host=db password = *** user=app");
  CHECK(target::RedactConnection("password=hunter two host=db") == "password=*** host=db");
  CHECK(target::RedactConnection("host=db  PASSWORD=x") == "host=db  PASSWORD=***");
  CHECK(target::RedactConnection("host=db passfile=/p dbname=x") == "host=db passfile=/p dbname=x");
}

TEST_CASE("target: a password is removed from messages that quote it", "[target]") {
  CHECK(target::RedactSecrets("bad password hunter2 here", "postgres://u:hunter2@h/d") == "bad password *** here");
  CHECK(target::RedactSecrets("missing \"=\" after \"two\" in connection info string",
                              "host=h password=hunter two") == "missing \"=\" after \"***\" in connection info string");
  CHECK(target::RedactSecrets("network is down", "host=h password=two") == "network is down");
  CHECK(target::RedactSecrets("the password two, or two.", "host=h password=two") == "the password ***, or ***.");
  CHECK(target::RedactSecrets("no password here", "host=h") == "no password here");
}

TEST_CASE("target: URL schemes and key=value connection strings are told apart from paths", "[target]") {
  CHECK(target::UrlScheme("postgres://db/x") == "postgres");
  CHECK(target::UrlScheme("snowflake://acct/db") == "snowflake");
  CHECK(target::UrlScheme("db/schema") == "");
  CHECK(target::UrlScheme("git:HEAD") == "");
  CHECK(target::IsKeyValueConnection("host=db dbname=prod"));
  CHECK(target::IsKeyValueConnection(" dbname = prod"));
  CHECK_FALSE(target::IsKeyValueConnection("schema/a=b.schema"));
  CHECK_FALSE(target::IsKeyValueConnection("prod.json"));
}

TEST_CASE("target: batches never split a change and hold at most N changes", "[target]") {
  target::Script s;
  s.statements = {{"ALTER TYPE e ADD VALUE 'x'", 0, false}, {"a1", 1, true}, {"a2", 1, true}, {"b", 2, true},
                  {"c", 3, true},                           {"d1", 4, true}, {"d2", 4, true}};
  auto one = target::SplitBatches(s, 0);
  REQUIRE(one.size() == 1);
  CHECK(one[0].first == 1);
  CHECK(one[0].end == 7);
  CHECK(one[0].first_change == 1);
  CHECK(one[0].last_change == 4);
  auto two = target::SplitBatches(s, 2);
  REQUIRE(two.size() == 2);
  CHECK((two[0].first == 1 && two[0].end == 4 && two[0].first_change == 1 && two[0].last_change == 2));
  CHECK((two[1].first == 4 && two[1].end == 7 && two[1].first_change == 3 && two[1].last_change == 4));
  CHECK(target::SplitBatches(s, 1).size() == 4);
  CHECK(target::SplitBatches(target::Script{}, 3).empty());
}

TEST_CASE("postgres: the lock estimate counts what Postgres locks", "[target][postgres]") {
  // Measured on Postgres 15: a new table with an identity key and a unique
  // text column holds 6 relation locks, plus one on its schema.
  auto c = testing::Compile(
      "table a {\n  id bigint primary key identity\n  email text unique\n}\n"
      "table b {\n  id bigint primary key identity\n  email text unique\n}\n");
  REQUIRE(c->catalog);
  const catalog::Catalog& to = *c->catalog;
  catalog::Catalog from;
  from.target = "postgres";
  plan::Plan p = testing::PlanBetween(from, to, c->diags);
  REQUIRE(p.changes.size() == 2);
  CHECK(backends::postgres::EstimateLocks(p, {0}, from, to) == 6 + 1 + 10);
  CHECK(backends::postgres::EstimateLocks(p, {0, 1}, from, to) == 12 + 1 + 10);
  CHECK(backends::postgres::EstimateLocks(p, {}, from, to) == 10);
  // Dropping one also counts its row and array types and its two constraints.
  plan::Plan drop = testing::PlanBetween(to, from, c->diags);
  REQUIRE(drop.changes.size() == 2);
  CHECK(backends::postgres::EstimateLocks(drop, {0}, to, from) == 6 + 2 + 2 + 10);
}

TEST_CASE("target: the one SQL scanner", "[target][scan]") {
  using K = target::SqlToken::Kind;
  auto kinds = [](std::string_view sql) {
    std::string out;
    for (const auto& t : target::ScanSql(sql)) {
      const char* k = t.kind == K::Name         ? "name"
                      : t.kind == K::QuotedName ? "quoted"
                      : t.kind == K::String     ? "string"
                      : t.kind == K::Number     ? "number"
                                                : "symbol";
      out += std::string(out.empty() ? "" : " ") + k + ":" + t.text + "@" + std::to_string(t.offset) + "+" +
             std::to_string(t.length);
    }
    return out;
  };
  CHECK(kinds("SELECT s.\"T\"\"x\" FROM a$1") ==
        "name:SELECT@0+6 name:s@7+1 symbol:.@8+1 quoted:T\"x@9+6 name:FROM@16+4 name:a$1@21+3");
  CHECK(kinds("'it''s' -- b\n1.5e3 /* c */ x") == "string:'it''s'@0+7 number:1.5e3@13+5 name:x@27+1");
  CHECK(kinds("caf\xC3\xA9 + 1") == "name:caf\xC3\xA9@0+5 symbol:+@6+1 number:1@8+1");
  // Unterminated: the token ends with the text.
  CHECK(kinds("a \"b") == "name:a@0+1 quoted:b@2+2");
  CHECK(kinds("'b") == "string:'b@0+2");
  CHECK(kinds("a /* b") == "name:a@0+1");
}
