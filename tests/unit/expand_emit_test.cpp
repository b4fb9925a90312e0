// Unit tests for loading and expansion (imports, mixins) and for the
// Postgres emitter's framing of a script.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "compiler/driver/driver.h"
#include "helpers.h"

using namespace schemac;
namespace fs = std::filesystem;

namespace {
/// A folder of .schema files that is removed at the end of the test.
struct TempTree {
  fs::path root = fs::temp_directory_path() / ("schemac-unit-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(reinterpret_cast<uintptr_t>(this)));
  TempTree() { fs::create_directories(root); }
  ~TempTree() { fs::remove_all(root); }
  auto Write(const std::string& rel, const std::string& text) -> std::string {
    fs::path p = root / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};
}  // namespace

TEST_CASE("expand: imports are loaded once, relative to the importing file", "[expand]") {
  TempTree t;
  std::string main = t.Write("app/main.schema", "import \"../common/a.schema\"\nimport \"../common/a.schema\"\ntable m { id int }\n");
  t.Write("common/a.schema", "import \"b.schema\"\ntable a { id int }\n");
  t.Write("common/b.schema", "table b { id int }\n");
  source::SourceManager sm;
  diag::Engine diags(sm);
  auto disk = source::MakeDiskProvider();
  ast::Unit unit = expand::Load({main}, *disk, sm, diags);
  INFO(diag::RenderText(diags, false));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(unit.files.size() == 3);
}

TEST_CASE("expand: an import cycle is an error that shows the cycle", "[expand]") {
  TempTree t;
  std::string a = t.Write("a.schema", "import \"b.schema\"\n");
  t.Write("b.schema", "import \"a.schema\"\n");
  source::SourceManager sm;
  diag::Engine diags(sm);
  auto disk = source::MakeDiskProvider();
  expand::Load({a}, *disk, sm, diags);
  REQUIRE(diags.errors() == 1);
  CHECK(diag::KindName(diags.all()[0].kind) == "import-cycle");
  CHECK(diags.all()[0].message.find("a.schema -> ") != std::string::npos);
}

TEST_CASE("expand: include copies a mixin's items in place, nested mixins too", "[expand]") {
  auto c = testing::Compile(
      "mixin audit { created_at timestamptz not null\n include who }\nmixin who { by text }\n"
      "table t {\n id int primary key\n include audit\n name text\n}\n");
  REQUIRE_FALSE(c->diags.has_errors());
  std::vector<std::string> cols;
  for (const auto& col : c->catalog->FindTable({"public", "t"})->columns) cols.push_back(col.name);
  CHECK(cols == std::vector<std::string>{"id", "created_at", "by", "name"});
}

TEST_CASE("expand: a mixin cycle is reported once, even when unused", "[expand]") {
  auto c = testing::Compile("mixin a { include b }\nmixin b { include a }\n");
  REQUIRE(c->diags.errors() == 1);
  CHECK(diag::KindName(c->diags.all()[0].kind) == "mixin-cycle");
}

TEST_CASE("emit: the transactional part is framed by one BEGIN/COMMIT, enum values go before it", "[emit]") {
  auto a = testing::Compile("enum e ('a', 'c')\ntable t { id int primary key }\n");
  auto b = testing::Compile("enum e ('a', 'b', 'c')\ntable t { id int primary key\n x e }\n");
  diag::Engine d(b->sm);
  auto p = testing::PlanBetween(*a->catalog, *b->catalog, d);
  auto backend = target::FindBackend("postgres");
  auto script = backend->Emit(p, d);
  REQUIRE(script);
  std::string sql = backend->Render(p, *script);
  auto add_value = sql.find("ALTER TYPE public.e ADD VALUE IF NOT EXISTS 'b' BEFORE 'c';");
  auto begin = sql.find("BEGIN;");
  auto add_column = sql.find("ALTER TABLE public.t ADD COLUMN x e;");
  auto commit = sql.find("COMMIT;");
  REQUIRE(add_value != std::string::npos);
  REQUIRE(add_column != std::string::npos);
  CHECK(add_value < begin);
  CHECK(begin < add_column);
  CHECK(add_column < commit);
  CHECK(sql.find("BEGIN;", begin + 1) == std::string::npos);
  REQUIRE(script->statements.size() == 2);
  CHECK_FALSE(script->statements[0].transactional);
  CHECK(script->statements[1].transactional);
}

TEST_CASE("plan JSON: kinds, statements, source and summary", "[emit]") {
  auto a = testing::Compile("table t { id int primary key\n old int }\n");
  auto b = testing::Compile("table t {\n id bigint primary key\n n text\n}\ntable u { id int }\n");
  diag::Engine d(b->sm);
  auto p = testing::PlanBetween(*a->catalog, *b->catalog, d);
  auto backend = target::FindBackend("postgres");
  auto script = backend->Emit(p, d);
  std::string json = driver::PlanJson(p, *script, b->sm);
  CHECK(json.find("\"format\": \"schemac.plan/1\"") != std::string::npos);
  CHECK(json.find("\"new_tables\": 1") != std::string::npos);
  CHECK(json.find("\"new_columns\": 1") != std::string::npos);
  CHECK(json.find("\"removed_columns\": 1") != std::string::npos);
  CHECK(json.find("\"type_changes\": 1") != std::string::npos);
  CHECK(json.find("\"file\": \"test.schema\"") != std::string::npos);
}
