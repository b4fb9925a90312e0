// Units of template expansion (compiler/expand/template.cpp): what loops
// stamp out, where it points, and which iteration it records.
#include <catch2/catch.hpp>

#include "helpers.h"

using namespace schemac;
using testing::Compile;

namespace {
auto TableNames(const catalog::Catalog& c) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& s : c.schemas)
    for (const auto& t : s.tables) out.push_back(s.name + "." + t.name);
  return out;
}
}  // namespace

TEST_CASE("templates: nested loops stamp out every combination, in order", "[templates]") {
  auto c = Compile(
      "let tenants = ['a', 'b']\n"
      "for t in tenants {\n"
      "  schema ${t} { for y in 2020..2022 { table f_${y} { id int } } }\n"
      "}\n");
  REQUIRE_FALSE(c->diags.has_errors());
  CHECK(TableNames(*c->catalog) == std::vector<std::string>{"a.f_2020", "a.f_2021", "a.f_2022", "b.f_2020",
                                                            "b.f_2021", "b.f_2022"});
}

TEST_CASE("templates: an empty list stamps out nothing", "[templates]") {
  auto c = Compile("let none = []\nfor t in none { table x_${t} { id int } }\ntable kept { id int }\n");
  REQUIRE_FALSE(c->diags.has_errors());
  CHECK(TableNames(*c->catalog) == std::vector<std::string>{"public.kept"});
}

TEST_CASE("templates: constants may be used before they are written, and from each other", "[templates]") {
  auto c = Compile("table t_${last} { id int }\nlet last = first + 2\nlet first = 2020\n");
  REQUIRE_FALSE(c->diags.has_errors());
  CHECK(TableNames(*c->catalog) == std::vector<std::string>{"public.t_2022"});
}

TEST_CASE("templates: stamped-out ranges keep the template's place and name the iteration", "[templates]") {
  auto c = Compile(
      "for t in [{name: 'acme'}, {name: 'globex'}] {\n"
      "  for y in [2024] { table ${t.name}_${y} { id intt } }\n"
      "}\n",
      false);
  REQUIRE(c->diags.has_errors());
  const auto sorted = c->diags.Sorted();
  REQUIRE(sorted.size() == 1);  // the same mistake in every iteration is one diagnostic
  const auto& d = sorted[0];
  CHECK(d.range.line == 2);
  CHECK(d.other_iterations == 1);
  REQUIRE_FALSE(d.notes.empty());
  CHECK(d.notes[0].message == "in iteration t = {name: 'acme'}, y = 2024 (and 1 other iteration)");
  CHECK(d.notes[0].range.line == 2);  // the inner loop
  CHECK(c->sm.DescribeIteration(d.range.expansion) == "t = {name: 'acme'}, y = 2024");
}

TEST_CASE("templates: a name made by interpolation starts at its first ${", "[templates]") {
  auto c = Compile("for y in [1] { table events_${y} { id int } }\n", false);
  REQUIRE_FALSE(c->diags.has_errors());
  REQUIRE(c->realm);
  const auto& t = c->realm->schemas.at(0).tables.at(0);
  CHECK(t.name.text == "events_1");
  CHECK(t.range.col == 29);  // `${y}`, not `events_`
}

TEST_CASE("templates: an unknown variable suggests the closest one in scope", "[templates]") {
  auto c = Compile("let tenants = ['a']\nfor tenant in tenants { table t_${tenat} { id int } }\n", false);
  REQUIRE(c->diags.has_errors());
  const auto d = c->diags.Sorted().at(0);
  CHECK(d.kind == diag::Kind::UnknownVariable);
  CHECK(d.hint == "did you mean 'tenant'?");
  CHECK(d.range.col == 33);
}

TEST_CASE("templates: going over the copy budget is an error, never a silently shorter expansion", "[templates]") {
  // 999 x 999 tables and iterations reach the budget exactly on a table: it
  // stopped there without a word.
  auto c = Compile("for a in 1..999 { for b in 1..999 { table t_${a}_${b} { id int } } }\n", false);
  REQUIRE(c->diags.has_errors());
  CHECK(c->diags.Sorted().at(0).kind == diag::Kind::BadTemplate);
}

TEST_CASE("templates: a range up to the largest integer ends", "[templates]") {
  auto c = Compile("let edge = 9223372036854775806..9223372036854775807\nfor e in edge { table t_${e} { id int } }\n");
  REQUIRE_FALSE(c->diags.has_errors());
  CHECK(TableNames(*c->catalog) == std::vector<std::string>{"public.t_9223372036854775806", "public.t_9223372036854775807"});
}

TEST_CASE("templates: what a mixin brings to a stamped-out table names the iteration", "[templates]") {
  auto c = Compile("mixin m { bad intt }\nfor t in ['a', 'b'] { table x_${t} { include m } }\n", false);
  REQUIRE(c->diags.has_errors());
  const auto sorted = c->diags.Sorted();
  REQUIRE(sorted.size() == 1);
  CHECK(sorted[0].range.line == 1);  // the mixin's line
  REQUIRE_FALSE(sorted[0].notes.empty());
  CHECK(sorted[0].notes[0].message == "in iteration t = 'a' (and 1 other iteration)");
}
