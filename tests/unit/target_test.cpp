// Unit tests of what live targets share: connection strings and their
// passwords.
#include <catch2/catch.hpp>

#include "compiler/target/target.h"

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
