// Pipes in the core (Snowflake's Snowpipe): the differ pauses a pipe before
// its table changes and makes it again after, and the in-memory applier
// refuses a plan that changes a table under a running pipe. The pipes are
// put into the catalogs by hand: the differ and the applier are
// target-neutral, and these rules hold whichever backend lowered them.
#include <catch2/catch.hpp>

#include "compiler/plan/simulate.h"
#include "helpers.h"

using namespace schemac;

namespace {

auto Pipe(const std::string& table, const std::string& definition) -> catalog::Pipe {
  catalog::Pipe p;
  p.name = "load_" + table;
  p.table = {"public", table};
  p.stage = "@raw/" + table + "/";
  p.format = "parquet";
  p.definition = definition;
  return p;
}

auto WithPipe(const std::string& text, const std::vector<catalog::Pipe>& pipes) -> catalog::Catalog {
  auto c = testing::Compile(text);
  REQUIRE(c->catalog);
  catalog::Catalog out = *c->catalog;
  for (auto& s : out.schemas)
    if (s.name == "public") s.pipes = pipes;
  catalog::ForgetSource(out);
  return out;
}

/// The plan's changes as "kind object", in order.
auto Kinds(const plan::Plan& p) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& c : p.changes) out.push_back(diff::KindName(c.op) + " " + diff::ObjectName(c.op));
  return out;
}

auto Position(const std::vector<std::string>& kinds, const std::string& k) -> size_t {
  auto it = std::find(kinds.begin(), kinds.end(), k);
  REQUIRE(it != kinds.end());
  return static_cast<size_t>(it - kinds.begin());
}

auto SimulatesTo(const catalog::Catalog& from, const plan::Plan& p, const catalog::Catalog& to) -> bool {
  std::string error;
  auto result = plan::Simulate(from, p, error);
  INFO(error);
  REQUIRE(result);
  return catalog::ToJson(*result) == catalog::ToJson(to);
}

}  // namespace

TEST_CASE("pipes: a table change is made between pausing its pipe and making the pipe again", "[pipe]") {
  auto from = WithPipe("table t {\n  id bigint primary key\n}\n", {Pipe("t", "COPY v1")});
  auto to = WithPipe("table t {\n  id bigint primary key\n  x text\n}\n", {Pipe("t", "COPY v2")});
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = testing::PlanBetween(from, to, diags);
  auto kinds = Kinds(p);
  REQUIRE(kinds.size() == 3);
  CHECK(Position(kinds, "pause_pipe public.load_t") < Position(kinds, "add_column public.t.x"));
  CHECK(Position(kinds, "add_column public.t.x") < Position(kinds, "replace_pipe public.load_t"));
  CHECK(SimulatesTo(from, p, to));
}

TEST_CASE("pipes: a pipe whose definition stays is still made again when its table changes", "[pipe]") {
  auto from = WithPipe("table t {\n  id bigint primary key\n  x text\n}\n", {Pipe("t", "COPY")});
  auto to = WithPipe("table t {\n  id bigint primary key\n}\n", {Pipe("t", "COPY")});
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = testing::PlanBetween(from, to, diags);
  auto kinds = Kinds(p);
  CHECK(Position(kinds, "pause_pipe public.load_t") < Position(kinds, "drop_column public.t.x"));
  CHECK(Position(kinds, "drop_column public.t.x") < Position(kinds, "replace_pipe public.load_t"));
  CHECK(p.changes[Position(kinds, "replace_pipe public.load_t")].reason == "its table public.t changes");
  CHECK(SimulatesTo(from, p, to));
}

TEST_CASE("pipes: nothing happens to a pipe whose table and definition stay", "[pipe]") {
  auto from = WithPipe("table t {\n  id bigint primary key\n}\ntable u {\n  id bigint\n}\n", {Pipe("t", "COPY")});
  auto to = WithPipe("table t {\n  id bigint primary key\n}\ntable u {\n  id bigint\n  y text\n}\n", {Pipe("t", "COPY")});
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = testing::PlanBetween(from, to, diags);
  CHECK(Kinds(p) == std::vector<std::string>{"add_column public.u.y"});
}

TEST_CASE("pipes: a new pipe follows its new table; a dropped one goes before its table", "[pipe]") {
  auto none = WithPipe("table keep {\n  id bigint\n}\n", {});
  auto with = WithPipe("table keep {\n  id bigint\n}\ntable t {\n  id bigint primary key\n}\n", {Pipe("t", "COPY")});
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan up = testing::PlanBetween(none, with, diags);
  auto kinds = Kinds(up);
  CHECK(Position(kinds, "create_table public.t") < Position(kinds, "create_pipe public.load_t"));
  CHECK(SimulatesTo(none, up, with));
  plan::Plan down = testing::PlanBetween(with, none, diags);
  kinds = Kinds(down);
  CHECK(Position(kinds, "drop_pipe public.load_t") < Position(kinds, "drop_table public.t"));
  CHECK(SimulatesTo(with, down, none));
}

TEST_CASE("pipes: the applier refuses a table change under a running pipe", "[pipe]") {
  auto from = WithPipe("table t {\n  id bigint primary key\n}\n", {Pipe("t", "COPY v1")});
  auto to = WithPipe("table t {\n  id bigint primary key\n  x text\n}\n", {Pipe("t", "COPY v2")});
  source::SourceManager sm;
  diag::Engine diags(sm);
  plan::Plan p = testing::PlanBetween(from, to, diags);
  // Move the pause after the table change, as a hand-written script might.
  auto kinds = Kinds(p);
  std::swap(p.changes[Position(kinds, "pause_pipe public.load_t")], p.changes[Position(kinds, "add_column public.t.x")]);
  std::string error;
  CHECK_FALSE(plan::Simulate(from, p, error));
  CHECK(error.find("changes while pipe public.load_t loads it") != std::string::npos);
  // And one that makes the pipe again without pausing it.
  plan::Plan q = testing::PlanBetween(from, to, diags);
  kinds = Kinds(q);
  q.changes.erase(q.changes.begin() + static_cast<long>(Position(kinds, "pause_pipe public.load_t")));
  error.clear();
  CHECK_FALSE(plan::Simulate(from, q, error));
}

TEST_CASE("pipes: the snapshot keeps every part of a pipe", "[pipe]") {
  catalog::Pipe p = Pipe("t", "COPY INTO t FROM @raw/t/");
  p.auto_ingest = true;
  p.pattern = ".*[.]parquet";
  p.comment = "loads t";
  auto c = WithPipe("table t {\n  id bigint primary key\n}\n", {p});
  std::string error;
  auto back = catalog::FromJson(catalog::ToJson(c), error);
  INFO(error);
  REQUIRE(back);
  CHECK(catalog::ToJson(*back) == catalog::ToJson(c));
  REQUIRE(back->schemas[0].pipes.size() == 1);
  CHECK(back->schemas[0].pipes[0].SameDefinition(p));
}
