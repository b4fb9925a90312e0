// Expressions and view bodies read with Postgres's parser
// (backends/postgres/expr.h): comparison by meaning, the columns an
// expression names, renaming a column in it, what a view reads.
#include <catch2/catch.hpp>

#include "backends/postgres/expr.h"
#include "helpers.h"

namespace pg = schemac::backends::postgres;
using schemac::catalog::ObjectName;

namespace {

auto Same(const std::string& a, const std::string& b) -> bool { return pg::SameExpressionText(a, b); }

/// The reads of view `name` of the catalog compiled from `source`, as
/// "schema.rel: col col" lines.
auto Reads(const std::string& source, const std::string& name) -> std::vector<std::string> {
  auto c = schemac::testing::Compile(source);
  REQUIRE(c->catalog);
  auto a = pg::AnalyzeView(*c->catalog, {"public", name});
  REQUIRE(a.parsed);
  std::vector<std::string> out;
  for (const auto& [rel, cols] : a.reads) {
    std::string line = rel.schema + "." + rel.name + ":";
    for (const auto& col : cols) line += " " + col;
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("expr: the server's spelling of an expression means what the source says", "[expr]") {
  CHECK(Same("s IN ('a', 'b')", "((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"));
  CHECK(Same("s NOT IN ('a', 'b')", "((s)::text <> ALL ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"));
  CHECK(Same("s IN ('a')", "((s)::text = 'a'::text)"));
  CHECK(Same("lower(email)", "lower((email)::text)"));
  CHECK(Same("'active'", "'active'::character varying"));
  CHECK(Same("-1", "'-1'::integer"));
  CHECK(Same("-1.5", "'-1.5'::numeric"));
  CHECK(Same("0", "(0)::numeric"));
  CHECK(Same("total >= 0", "(total >= (0)::numeric)"));
  CHECK(Same("qty * price", "((qty)::numeric * price)"));
  CHECK(Same("x BETWEEN 0 AND 10", "((x >= 0) AND (x <= 10))"));
  CHECK(Same("email LIKE '%@%'", "((email)::text ~~ '%@%'::text)"));
  CHECK(Same("a AND (b AND c)", "((a AND b) AND c)"));
  CHECK(Same("NOW()", "pg_catalog.now()"));
  CHECK(Same("status <> 'cancelled'", "(status <> 'cancelled'::order_status)"));
  CHECK(Same("x::int", "(x)::integer"));
  CHECK(Same("nextval('t_id_seq'::regclass)", "nextval('t_id_seq')"));
}

TEST_CASE("expr: different meanings stay different", "[expr]") {
  CHECK_FALSE(Same("now()", "CURRENT_TIMESTAMP"));
  CHECK_FALSE(Same("now()", "transaction_timestamp()"));
  CHECK_FALSE(Same("s IN ('a', 'b')", "s IN ('a', 'b', 'c')"));
  CHECK_FALSE(Same("-1", "1"));
  CHECK_FALSE(Same("a - b", "b - a"));
  CHECK_FALSE(Same("x > 0", "x >= 0"));
  CHECK_FALSE(Same("'A'", "'a'"));
  CHECK_FALSE(Same("x::date", "x"));
  CHECK_FALSE(Same("a AND b", "a OR b"));
  CHECK_FALSE(Same("x IS NULL", "x IS NOT NULL"));
}

TEST_CASE("expr: text that does not parse never crashes and is compared as text", "[expr]") {
  CHECK_FALSE(pg::ExpressionKey("a +"));
  CHECK_FALSE(pg::ExpressionKey("1) FROM t WHERE (true"));
  CHECK_FALSE(pg::ExpressionKey("1; DROP TABLE t"));
  CHECK_FALSE(pg::ExpressionKey("a, b"));
  CHECK_FALSE(pg::ExpressionKey(std::string("a\0b", 3)));
  CHECK(pg::ExpressionError("a +") != "");
  CHECK(pg::ExpressionError("a + 1") == "");
  CHECK(Same("A  +", "a +"));
  CHECK_FALSE(Same("a +", "b +"));
  std::string deep(5000, '(');
  deep += "1" + std::string(5000, ')');
  CHECK_FALSE(Same(deep, "2"));
}

TEST_CASE("expr: the columns an expression names, and renaming one", "[expr]") {
  CHECK(pg::ExpressionColumns("lower(email) || t.name || \"Mixed\"") ==
        std::vector<std::string>{"email", "name", "Mixed"});
  CHECK(pg::ExpressionColumns("CURRENT_TIMESTAMP > created_at AND 'email' <> ''") ==
        std::vector<std::string>{"created_at"});
  CHECK(pg::RenameColumnIn("lower(email) = 'email' AND t.email IS NOT NULL", "email", "mail") ==
        "lower(mail) = 'email' AND t.mail IS NOT NULL");
  CHECK(pg::RenameColumnIn("\"Email\" <> email", "Email", "select") == "\"select\" <> email");
  CHECK(pg::RenameColumnIn("emails + email", "email", "e") == "emails + e");
}

TEST_CASE("expr: an expression Postgres cannot parse is read by the shared SQL scanner", "[expr]") {
  // A comment names no column (the scanner of its own read `b` here).
  CHECK(pg::ExpressionColumns("a + + -- b") == std::vector<std::string>{"a"});
  CHECK(pg::ExpressionColumns("a + + /* b */ c::int + f(d)") == std::vector<std::string>{"a", "c", "d"});
  // An unterminated quoted name ends with the text (it was one byte past
  // it, and renaming it threw std::out_of_range).
  CHECK(pg::RenameColumnIn("a + \"a", "a", "x") == "x + x");
}

TEST_CASE("expr: the columns a view reads, per relation", "[expr][view]") {
  std::string tables = R"(
    table users { id int primary key; email text; status text; org_id int }
    table orders { id int primary key; user_id int; total int; note text }
    table orgs { id int primary key; name text }
  )";
  CHECK(Reads(tables + "view v as 'select * from users'", "v") ==
        std::vector<std::string>{"public.users: email id org_id status"});
  CHECK(Reads(tables + "view v as 'select u.email, o.total from users u join orders o on o.user_id = u.id where status = 1'", "v") ==
        std::vector<std::string>{"public.orders: total user_id", "public.users: email id status"});
  CHECK(Reads(tables + R"(view v as """
      with t as (select user_id, sum(total) s from orders group by 1)
      select x.name, t.s from (select id, name from orgs) x, t where x.id = t.user_id
    """)",
              "v") == std::vector<std::string>{"public.orders: total user_id", "public.orgs: id name"});
  CHECK(Reads(tables + "view v as 'select id from users where org_id in (select id from orgs where name = email)'", "v") ==
        std::vector<std::string>{"public.orgs: id name", "public.users: email id org_id"});
  // A view over a view: its output columns.
  CHECK(Reads(tables + "view a as 'select id, email as mail from users'\nview b as 'select * from a'", "b") ==
        std::vector<std::string>{"public.a: id mail"});
}

TEST_CASE("expr: a view body as pg_get_viewdef prints it means what the source says", "[expr][view]") {
  auto source = schemac::testing::Compile(R"(
    table users { id int primary key; email varchar(100); n int }
    view v as """
      select id, lower(email), count(*) c from users where email like '%x' and n in (1, 2) group by 1, 2 order by c desc
    """
  )");
  REQUIRE(source->catalog);
  schemac::catalog::Catalog server = *source->catalog;
  server.schemas[0].views[0].definition =
      " SELECT users.id,\n    lower(users.email::text) AS lower,\n    count(*) AS c\n   FROM public.users\n"
      "  WHERE users.email::text ~~ '%x'::text AND (users.n = ANY (ARRAY[1, 2]))\n  GROUP BY users.id, (lower(users.email::text))\n"
      "  ORDER BY (count(*)) DESC";
  auto backend = schemac::target::FindBackend("postgres");
  CHECK(backend->SameView(*source->catalog, server, {"public", "v"}));
  server.schemas[0].views[0].definition = "SELECT users.id, users.email AS lower, count(*) AS c FROM public.users GROUP BY users.id, users.email";
  CHECK_FALSE(backend->SameView(*source->catalog, server, {"public", "v"}));
  auto reads = backend->ViewColumns(*source->catalog, {"public", "v"});
  REQUIRE(reads);
  REQUIRE(reads->size() == 1);
  CHECK((*reads)[0].relation == ObjectName{"public", "users"});
  CHECK((*reads)[0].columns == std::vector<std::string>{"email", "id", "n"});
}
