// The formatter: canonical layout, comments kept, idempotence, and
// expressions that read back as the same tree.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compiler/diag/diag.h"
#include "compiler/format/format.h"
#include "compiler/source/source.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/parse.h"

using namespace schemac;

namespace {

struct FormatResult {
  std::string text;                   // the formatted file
  size_t errors = 0;                  // syntax errors in the input
  std::vector<std::string> comments;  // the input's comments, sorted, as the formatter prints them
};

/// A comment as the formatter prints it: without CRs and trailing blanks.
auto Normalized(const std::string& comment) -> std::string {
  std::string out, line;
  for (char c : comment) {
    if (c == '\r') continue;
    if (c == '\n') {
      out += line.substr(0, line.find_last_not_of(" \t") + 1) + "\n";
      line.clear();
    } else {
      line += c;
    }
  }
  return out + line.substr(0, line.find_last_not_of(" \t") + 1);
}

auto FormatSource(const std::string& text) -> FormatResult {
  source::SourceManager sm;
  source::FileId id = sm.Add("t.schema", text);
  diag::Engine diags(sm);
  ast::File file = syntax::Parse(id, sm, diags);
  FormatResult r;
  r.errors = diags.errors();
  r.text = format::Format(file, sm);
  for (const auto& c : file.comments) r.comments.push_back(Normalized(c.text));
  std::sort(r.comments.begin(), r.comments.end());
  return r;
}

/// Formats `text`, checks that the result parses, keeps every comment and is
/// a fixed point, and returns it.
auto CheckedFormat(const std::string& text) -> std::string {
  FormatResult once = FormatSource(text);
  REQUIRE(once.errors == 0);
  FormatResult twice = FormatSource(once.text);
  INFO("formatted:\n" << once.text);
  CHECK(twice.errors == 0);
  CHECK(twice.comments == once.comments);
  CHECK(twice.text == once.text);
  return once.text;
}

/// The check expression of the first column of the first table.
auto FirstCheck(const std::string& text) -> ast::Expr {
  source::SourceManager sm;
  source::FileId id = sm.Add("t.schema", text);
  diag::Engine diags(sm);
  ast::File file = syntax::Parse(id, sm, diags);
  REQUIRE_FALSE(diags.has_errors());
  const auto& table = std::get<ast::Table>(file.decls.at(0).node);
  const auto& column = std::get<ast::Column>(table.items.at(0));
  REQUIRE(column.checks.size() == 1);
  return column.checks[0];
}

/// An expression tree as text, without positions or parentheses.
auto Shape(const ast::Expr& e) -> std::string {
  std::string s = std::to_string(static_cast<int>(e.kind)) + ":" + e.op + e.text + (e.negated ? "!" : "") + "(";
  for (const auto& a : e.args) s += Shape(a) + ",";
  return s + ")";
}

auto Leaf(const std::string& name) -> ast::Expr {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Column;
  e.text = name;
  return e;
}

auto Op(ast::Expr::Kind kind, std::string op, std::vector<ast::Expr> args) -> ast::Expr {
  ast::Expr e;
  e.kind = kind;
  e.op = std::move(op);
  e.args = std::move(args);
  return e;
}

/// Formats a file holding `table t { x int check (EXPR) }` built in memory.
auto FormatCheck(const ast::Expr& check) -> std::string {
  ast::Column column;
  column.name.text = "x";
  column.type.name = "int";
  column.checks.push_back(check);
  ast::Table table;
  table.name.name.text = "t";
  table.items.emplace_back(column);
  ast::File file;
  file.decls.push_back({table});
  source::SourceManager sm;
  return format::Format(file, sm);
}

const char* const kMessy = R"(-- Orders service
IMPORT 'common/audit.schema'
import std.timestamps
ENUM status ('new', 'paid') COMMENT 'order state'
SCHEMA sales {
TABLE orders {   -- the orders
id BIGINT PRIMARY KEY IDENTITY
"Customer Name" TEXT NOT NULL -- as printed
total DECIMAL(10,2) CHECK ((total >= 0)) DEFAULT 0
state status DEFAULT 'new' NOT NULL
placed_at TIMESTAMP(3) WITH TIME ZONE DEFAULT now()
payload JSON POSTGRES { TYPE jsonb }

UNIQUE INDEX ref_idx (lower("Customer Name"), placed_at DESC) WHERE (total > 0 AND state <> 'new') OR total IS NULL
CHECK orders_sane (total BETWEEN 0 AND 1000000)
FOREIGN KEY (id) REFERENCES audit.events (id) ON DELETE CASCADE
include timestamps
POSTGRES { partition by range (placed_at) }
SNOWFLAKE { cluster by (placed_at); transient }
/* end of orders */
}
VIEW big AS """
      select * from sales.orders
        where total > 100
    """ DEPENDS ON (orders)
}
let regions = ['eu', 'us']
)";

const char* const kCanonical = R"(-- Orders service
import 'common/audit.schema'
import std.timestamps

enum status ('new', 'paid') comment 'order state'

schema sales {
  table orders {  -- the orders
    id              bigint                      primary key identity
    "Customer Name" text                        not null  -- as printed
    total           decimal(10, 2)              default 0 check ((total >= 0))
    state           status                      not null default 'new'
    placed_at       timestamp(3) with time zone default now()
    payload         json                        postgres { type jsonb }

    unique index ref_idx (lower("Customer Name"), placed_at desc) where (total > 0 and state <> 'new') or total is null
    check orders_sane (total between 0 and 1000000)
    foreign key (id) references audit.events (id) on delete cascade
    include timestamps
    postgres { partition by range (placed_at) }
    snowflake {
      cluster by (placed_at)
      transient
    }
    /* end of orders */
  }

  view big as """
    select * from sales.orders
      where total > 100
  """ depends on (orders)
}

let regions = ['eu', 'us']
)";

}  // namespace

TEST_CASE("format: canonical layout of a representative file", "[format]") {
  CHECK(CheckedFormat(kMessy) == kCanonical);
}

TEST_CASE("format: canonical text is left unchanged", "[format]") {
  CHECK(CheckedFormat(kCanonical) == kCanonical);
}

TEST_CASE("format: empty file and comment-only file", "[format]") {
  CHECK(CheckedFormat("") == "");
  CHECK(CheckedFormat("\n\n") == "");
  CHECK(CheckedFormat("-- just a note\n\n\n/* and a block */\n") == "-- just a note\n\n/* and a block */\n");
}

TEST_CASE("format: columns align per run, runs broken by blank lines and other items", "[format]") {
  std::string out = CheckedFormat(
      "table t {\n"
      "  a int not null\n"
      "  longer_name varchar(20)\n"
      "  b text default 'x'\n"
      "\n"
      "  c int\n"
      "  dd bigint unique\n"
      "  index (c)\n"
      "  eee int primary key\n"
      "}\n");
  CHECK(out ==
        "table t {\n"
        "  a           int  not null\n"
        "  longer_name varchar(20)\n"
        "  b           text default 'x'\n"
        "\n"
        "  c  int\n"
        "  dd bigint unique\n"
        "  index (c)\n"
        "  eee int primary key\n"
        "}\n");
}

TEST_CASE("format: column attributes in canonical order", "[format]") {
  std::string out = CheckedFormat(
      "table t {\n"
      "  a text POSTGRES { type citext } renamed from old_a comment 'hi' collate \"C\" check (a <> '') "
      "references u (id) on update cascade on delete set null generated always as (upper(b)) stored "
      "default 'x' unique null identity primary key\n"
      "}\n");
  CHECK(out ==
        "table t {\n"
        "  a text primary key identity null unique default 'x' generated always as (upper(b)) stored "
        "references u (id) on delete set null on update cascade check (a <> '') collate \"C\" comment 'hi' "
        "renamed from old_a postgres { type citext }\n"
        "}\n");
}

TEST_CASE("format: quoted names, strings and types", "[format]") {
  std::string out = CheckedFormat(
      "table \"My Table\" {\n"
      "  \"we\"\"ird\" text default 'it''s'\n"
      "  \"select\" int\n"
      "  plain$1 int[][]\n"
      "  m map<text, array<int>>\n"
      "  r struct<a int, \"B b\" text>\n"
      "  ms MULTISET<varchar(3)>[]\n"
      "  e \"Sales\".status\n"
      "  z decimal(10, -2)\n"
      "  ts timestamp without time zone check (\"My Table\".ts > \"S\".f(1))\n"
      "}\n");
  CHECK(out ==
        "table \"My Table\" {\n"
        "  \"we\"\"ird\" text                        default 'it''s'\n"
        "  \"select\"  int\n"
        "  plain$1   int[][]\n"
        "  m         map<text, array<int>>\n"
        "  r         row<a int, \"B b\" text>\n"
        "  ms        multiset<varchar(3)>[]\n"
        "  e         \"Sales\".status\n"
        "  z         decimal(10, -2)\n"
        "  ts        timestamp without time zone check (\"My Table\".ts > \"S\".f(1))\n"
        "}\n");
}

TEST_CASE("format: declarations one per paragraph", "[format]") {
  std::string out = CheckedFormat(
      "import 'a.schema'; import 'b.schema'\n"
      "enum e ('x',\n 'y') renamed from old_e\n"
      "view v as 'select 1' comment 'a view'\n"
      "materialized view mv as \"\"\"select 2\"\"\"\n"
      "view u as union all (a, s.b) depends on (c)\n"
      "snowflake pipe p { into t; from '@stage/'; format parquet; auto_ingest }\n"
      "firebolt { }\n"
      "mixin m { a int }\n"
      "table t {}\n");
  CHECK(out ==
        "import 'a.schema'\n"
        "import 'b.schema'\n"
        "\n"
        "enum e ('x', 'y') renamed from old_e\n"
        "\n"
        "view v as 'select 1' comment 'a view'\n"
        "\n"
        "materialized view mv as \"\"\"\n"
        "  select 2\n"
        "\"\"\"\n"
        "\n"
        "view u as union all (a, s.b) depends on (c)\n"
        "\n"
        "snowflake pipe p {\n"
        "  into t\n"
        "  from '@stage/'\n"
        "  format parquet\n"
        "  auto_ingest\n"
        "}\n"
        "\n"
        "firebolt {}\n"
        "\n"
        "mixin m {\n"
        "  a int\n"
        "}\n"
        "\n"
        "table t {}\n");
}

TEST_CASE("format: raw view bodies are indented under their view", "[format]") {
  std::string out = CheckedFormat(
      "schema s {\n"
      "view v as \"\"\"\n"
      "        select a,\n"
      "\n"
      "               b\n"
      "        from t\n"
      "\"\"\" depends on (t) comment 'v'\n"
      "}\n");
  CHECK(out ==
        "schema s {\n"
        "  view v as \"\"\"\n"
        "    select a,\n"
        "\n"
        "           b\n"
        "    from t\n"
        "  \"\"\" depends on (t) comment 'v'\n"
        "}\n");
}

TEST_CASE("format: target blocks", "[format]") {
  std::string out = CheckedFormat(
      "table events {\n"
      "  payload json postgres { type json; storage external } snowflake {type variant}\n"
      "  postgres { partition by range (occurred_at) }\n"
      "  flink {\n"
      "    watermark for occurred_at as occurred_at - interval '5' SECOND\n"
      "    with ('connector' = 'kafka',\n"
      "          'topic' = 'events')\n"
      "  }\n"
      "  firebolt { fact; primary index (a, b); partition by (date_trunc('month', a)) }\n"
      "  snowflake {}\n"
      "}\n");
  CHECK(out ==
        "table events {\n"
        "  payload json postgres { type json; storage external } snowflake { type variant }\n"
        "  postgres { partition by range (occurred_at) }\n"
        "  flink {\n"
        "    watermark for occurred_at as occurred_at - interval '5' second\n"
        "    with ('connector' = 'kafka', 'topic' = 'events')\n"
        "  }\n"
        "  firebolt {\n"
        "    fact\n"
        "    primary index (a, b)\n"
        "    partition by (date_trunc('month', a))\n"
        "  }\n"
        "  snowflake {}\n"
        "}\n");
}

TEST_CASE("format: let and for are formatted as templates, never expanded", "[format]") {
  std::string out = CheckedFormat(
      "let years   = 2021..2024   -- inclusive\n"
      "let names = ['a', 'b']\n"
      "for y in years {\n"
      "    table t_${y} { id int }   /* inside */\n"
      "}\n");
  CHECK(out ==
        "let years = 2021..2024  -- inclusive\n"
        "let names = ['a', 'b']\n"
        "\n"
        "for y in years {\n"
        "  table t_${y} {\n"
        "    id int\n"
        "  }  /* inside */\n"
        "}\n");
}

TEST_CASE("format: comments stay where they were", "[format]") {
  std::string out = CheckedFormat(
      "/* file\n"
      "   header */\n"
      "\n"
      "-- about t\n"
      "table t { -- opening\n"
      "  -- about a\n"
      "  a int   -- after a\n"
      "  /* before b */ b int /* inside b */ not null\n"
      "  c int check (\n"
      "    c > 0  -- positive\n"
      "  )\n"
      "  d int; e int /* after e */; f int\n"
      "\n"
      "\n"
      "  -- last in t\n"
      "}   -- after t\n"
      "enum e ( -- values\n"
      "  'x',  -- first\n"
      "  'y'\n"
      "  -- no more\n"
      ")\n"
      "-- end of file\n");
  CHECK(out ==
        "/* file\n"
        "   header */\n"
        "\n"
        "-- about t\n"
        "table t {  -- opening\n"
        "  -- about a\n"
        "  a int  -- after a\n"
        "  /* before b */\n"
        "  b int not null  /* inside b */\n"
        "  -- positive\n"
        "  c int check (c > 0)\n"
        "  d int\n"
        "  e int  /* after e */\n"
        "  f int\n"
        "\n"
        "  -- last in t\n"
        "}  -- after t\n"
        "\n"
        "enum e (  -- values\n"
        "  'x',  -- first\n"
        "  'y'\n"
        "  -- no more\n"
        ")\n"
        "-- end of file\n");
}

TEST_CASE("format: trailing blanks inside comments are dropped", "[format]") {
  CHECK(CheckedFormat("table t {   \n  a int -- note   \n  /* one  \n two */\n}\n") ==
        "table t {\n  a int  -- note\n  /* one\n two */\n}\n");
}

TEST_CASE("format: idempotent on varied inputs, every comment kept", "[format]") {
  const std::vector<std::string> inputs = {
      kMessy,
      "table t { a int /* x\n   y */ -- z\n b int }\n",
      "table /* n */ t /* m */ { }\n",
      "table t { /* a\n b */ -- c\n x int }\n",
      "postgres /* p */ { search_path 'app' -- sp\n }\n",
      "enum /* a\n b */ s ( -- c\n 'x' /* d */, /* e */ 'y' ) /* f */ comment 'g' -- h\n",
      "table t {\n  \"a \"\"b\"\" c\" int check ((a > 0) and (b < 0 or c))\n"
      "  index ((a + b) * 2, lower(\"x y\") desc nulls first) using gin\n}\n",
      "view v as \"\"\"\n\tselect 1\n  \"\"\" -- tabbed\n",
      "schema a { schema b { table c { x int } } }\n",
      "import 'x'\n\n\nimport 'y' -- y\n-- z\nimport 'w'\n",
      "table t {\r\n  a int -- crlf\r\n  /* b\r\n  */\r\n}\r\n",
      "table t {\n  x int check (not a is null = b and x between 1 and 2 and y not like 'z%')\n}\n",
      "table t {\n  x int default - -1 check (x between (1 and 5) and (y)) postgres {\n type json -- j\n }\n}\n",
  };
  for (const auto& input : inputs) {
    INFO("input:\n" << input);
    FormatResult once = FormatSource(input);
    REQUIRE(once.errors == 0);
    FormatResult twice = FormatSource(once.text);
    INFO("formatted:\n" << once.text);
    CHECK(twice.errors == 0);
    CHECK(twice.text == once.text);
    // Every comment of the input is in the output, once.
    CHECK(twice.comments == once.comments);
    for (const auto& c : once.comments) CHECK(once.text.find(c) != std::string::npos);
  }
}

TEST_CASE("format: expressions keep the user's parentheses and read back the same", "[format]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"(a + b) * c", "(a + b) * c"},
      {"a + (b * c)", "a + (b * c)"},
      {"a+b*c-d/e%f", "a + b * c - d / e % f"},
      {"a - (b - c)", "a - (b - c)"},
      {"NOT a IS NULL AND b IS NOT TRUE", "not a is null and b is not true"},
      {"a NOT IN (1,2) OR b NOT BETWEEN 1 AND 2", "a not in (1, 2) or b not between 1 and 2"},
      {"a ILIKE 'x%' and b like 'y'", "a ilike 'x%' and b like 'y'"},
      {"CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END = 1", "case when a then 1 when b then 2 else 3 end = 1"},
      {"case a when 1 then 'x' end is null", "case a when 1 then 'x' end is null"},
      {"CAST(a AS varchar(10)) || a::text", "cast(a as varchar(10)) || a::text"},
      {"-(a + b) * -c", "-(a + b) * -c"},
      {"- -a > 0", "- -a > 0"},
      {"a != b", "a <> b"},
      {"now() - interval '5' SECOND < ts", "now() - interval '5' second < ts"},
      {"count(*) > 0 and x in (array[1, 2])", "count(*) > 0 and x in (array[1, 2])"},
      {"((a))", "(a)"},
      // SQL reads this as (x between 1 and 5) and y; so does the parser.
      {"x between 1 and 5 and y", "(x between 1 and 5) and y"},
      {"not (a = b)", "not (a = b)"},
  };
  for (const auto& [input, expected] : cases) {
    INFO("expression: " << input);
    std::string src = "table t {\n  x int check (" + input + ")\n}\n";
    std::string out = CheckedFormat(src);
    CHECK(out == "table t {\n  x int check (" + expected + ")\n}\n");
    CHECK(Shape(FirstCheck(out)) == Shape(FirstCheck(src)));
  }
}

TEST_CASE("format: parentheses are added where a tree needs them", "[format]") {
  using K = ast::Expr::Kind;
  auto a = Leaf("a"), b = Leaf("b"), c = Leaf("c");
  ast::Expr interval;  // interval '5', no unit
  interval.kind = K::Interval;
  interval.text = "5";
  auto not_in = Op(K::In, "", {interval, a});
  not_in.negated = true;
  const std::vector<std::pair<ast::Expr, std::string>> cases = {
      {Op(K::Binary, "*", {Op(K::Binary, "+", {a, b}), c}), "(a + b) * c"},
      {Op(K::Binary, "-", {a, Op(K::Binary, "-", {b, c})}), "a - (b - c)"},
      {Op(K::Binary, "-", {Op(K::Binary, "-", {a, b}), c}), "a - b - c"},
      {Op(K::Binary, "and", {Op(K::Binary, "or", {a, b}), c}), "(a or b) and c"},
      {Op(K::Binary, "or", {a, Op(K::Binary, "and", {b, c})}), "a or b and c"},
      {Op(K::Unary, "-", {Op(K::Binary, "*", {a, b})}), "-(a * b)"},
      {Op(K::Unary, "-", {Op(K::Unary, "-", {a})}), "- -a"},
      {Op(K::IsNull, "", {Op(K::Binary, "and", {a, b})}), "(a and b) is null"},
      {Op(K::Unary, "not", {Op(K::Binary, "=", {a, b})}), "not a = b"},
      {Op(K::Binary, "=", {Op(K::IsNull, "", {a}), b}), "a is null = b"},
      {Op(K::Binary, "+", {a, Op(K::IsNull, "", {b})}), "a + (b is null)"},
      {Op(K::Binary, "and", {Op(K::Between, "", {a, b, c}), a}), "(a between b and c) and a"},
      {Op(K::Between, "", {a, Op(K::Binary, "and", {b, c}), a}), "a between (b and c) and a"},
      {Op(K::Like, "like", {a, Op(K::Binary, "||", {b, c})}), "a like b || c"},
      // `not -a` would read as a column `not` minus a.
      {Op(K::Unary, "not", {Op(K::Unary, "-", {a})}), "not (-a)"},
      // `interval '5' not in (a)` would read `not` as the interval's unit.
      {not_in, "(interval '5') not in (a)"},
      {Op(K::Binary, "and", {interval, Op(K::Unary, "-", {a})}), "(interval '5') and -a"},
      {Op(K::Binary, "and", {interval, a}), "interval '5' and a"},
  };
  for (const auto& [tree, expected] : cases) {
    INFO("expected: " << expected);
    std::string out = FormatCheck(tree);
    CHECK(out == "table t {\n  x int check (" + expected + ")\n}\n");
    CHECK(Shape(FirstCheck(out)) == Shape(tree));
  }
}
