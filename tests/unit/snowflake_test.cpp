// The Snowflake backend: its catalog import reads back what Snowflake's
// INFORMATION_SCHEMA reports for what Lower made, so that a plan against an
// imported catalog has no phantom changes (integers as NUMBER(38,0), text as
// VARCHAR(16777216), CURRENT_TIMESTAMP() defaults, cluster keys, pipes).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "compiler/target/dialect.h"
#include "helpers.h"

namespace {

using namespace schemac;
using Json = nlohmann::json;

auto CompileSnowflake(const std::string& text) -> std::unique_ptr<testing::Compiled> {
  return testing::Compile(text, true, "snowflake");
}

/// One COLUMNS row as Snowflake reports a column of type `type` (the
/// catalog's spelling): DATA_TYPE TEXT with a length for VARCHAR, NUMBER
/// with precision and scale, the fraction digits of times apart.
auto ColumnRow(const std::string& schema, const std::string& table, const catalog::Column& c, int position) -> Json {
  Json row = {{"TABLE_SCHEMA", schema},         {"TABLE_NAME", table},
              {"COLUMN_NAME", c.name},          {"ORDINAL_POSITION", position},
              {"COLUMN_DEFAULT", nullptr},      {"IS_NULLABLE", c.not_null ? "NO" : "YES"},
              {"CHARACTER_MAXIMUM_LENGTH", nullptr}, {"NUMERIC_PRECISION", nullptr},
              {"NUMERIC_SCALE", nullptr},       {"DATETIME_PRECISION", nullptr},
              {"IS_IDENTITY", c.identity.empty() ? "NO" : "YES"},
              {"COMMENT", c.comment ? Json(*c.comment) : Json(nullptr)}};
  if (c.default_expr && c.identity.empty()) row["COLUMN_DEFAULT"] = *c.default_expr;
  std::smatch m;
  if (std::regex_match(c.type, m, std::regex(R"(NUMBER\((\d+),(\d+)\))"))) {
    row["DATA_TYPE"] = "NUMBER";
    row["NUMERIC_PRECISION"] = std::stoi(m[1]);
    row["NUMERIC_SCALE"] = std::stoi(m[2]);
  } else if (std::regex_match(c.type, m, std::regex(R"(VARCHAR\((\d+)\))"))) {
    row["DATA_TYPE"] = "TEXT";
    row["CHARACTER_MAXIMUM_LENGTH"] = std::stol(m[1]);
  } else if (std::regex_match(c.type, m, std::regex(R"(BINARY\((\d+)\))"))) {
    row["DATA_TYPE"] = "BINARY";
    row["CHARACTER_MAXIMUM_LENGTH"] = std::stol(m[1]);
  } else if (std::regex_match(c.type, m, std::regex(R"((TIME|TIMESTAMP_NTZ|TIMESTAMP_TZ|TIMESTAMP_LTZ)\((\d)\))"))) {
    row["DATA_TYPE"] = m[1].str();
    row["DATETIME_PRECISION"] = std::stoi(m[2]);
  } else {
    row["DATA_TYPE"] = c.type;
  }
  return row;
}

/// What the documented queries return for catalog `c`.
auto InformationSchema(const catalog::Catalog& c) -> std::string {
  Json out = {{"tables", Json::array()}, {"columns", Json::array()}, {"views", Json::array()}, {"pipes", Json::array()}};
  for (const auto& s : c.schemas) {
    for (const auto& t : s.tables) {
      std::string keys;
      for (const auto& k : t.cluster_by) keys += (keys.empty() ? "" : ", ") + k;
      auto retention = t.options.count("data_retention_time_in_days") ? t.options.at("data_retention_time_in_days") : "1";
      out["tables"].push_back({{"TABLE_SCHEMA", s.name},
                               {"TABLE_NAME", t.name},
                               {"TABLE_TYPE", "BASE TABLE"},
                               {"IS_TRANSIENT", t.kind == "transient" ? "YES" : "NO"},
                               {"CLUSTERING_KEY", keys.empty() ? Json(nullptr) : Json("LINEAR(" + keys + ")")},
                               {"RETENTION_TIME", std::stoi(retention)},
                               {"CHANGE_TRACKING", t.options.count("change_tracking") ? "ON" : "OFF"},
                               {"COMMENT", t.comment ? Json(*t.comment) : Json(nullptr)}});
      int position = 0;
      for (const auto& col : t.columns) out["columns"].push_back(ColumnRow(s.name, t.name, col, ++position));
      for (const auto& k : t.constraints) {
        using K = catalog::Constraint::Kind;
        // Reported the way SHOW lists them: one row per column, latest key first.
        for (size_t i = k.columns.size(); i-- > 0;) {
          if (k.kind == K::ForeignKey)
            out["imported_keys"].push_back({{"pk_schema_name", k.ref_table.schema}, {"pk_table_name", k.ref_table.name},
                                            {"pk_column_name", k.ref_columns[i]}, {"fk_schema_name", s.name},
                                            {"fk_table_name", t.name}, {"fk_column_name", k.columns[i]},
                                            {"key_sequence", i + 1}, {"update_rule", "NO ACTION"},
                                            {"delete_rule", "NO ACTION"}, {"fk_name", k.name}});
          else
            out[k.kind == K::PrimaryKey ? "primary_keys" : "unique_keys"].push_back(
                {{"schema_name", s.name}, {"table_name", t.name}, {"column_name", k.columns[i]},
                 {"key_sequence", std::to_string(i + 1)}, {"constraint_name", k.name}});
        }
      }
    }
    for (const auto& v : s.views)
      out["views"].push_back({{"TABLE_SCHEMA", s.name},
                              {"TABLE_NAME", v.name},
                              {"VIEW_DEFINITION", "CREATE OR REPLACE VIEW " + s.name + "." + v.name + " AS\n" + v.definition + ";"},
                              {"COMMENT", v.comment ? Json(*v.comment) : Json(nullptr)}});
    for (const auto& p : s.pipes)
      out["pipes"].push_back({{"PIPE_SCHEMA", s.name},
                              {"PIPE_NAME", p.name},
                              {"DEFINITION", p.definition},
                              {"IS_AUTOINGEST_ENABLED", p.auto_ingest ? "YES" : "NO"},
                              {"PATTERN", p.pattern ? Json(*p.pattern) : Json(nullptr)},
                              {"COMMENT", nullptr}});
  }
  return out.dump(2);
}

const char* kProject = R"(
table events {
  id          bigint primary key identity
  small       smallint not null
  medium      int
  amount      decimal(12, 2)
  name        text not null default 'x'
  short       varchar(40)
  code        char(3)
  flag        bool
  happened    timestamptz not null default now()
  local_time  timestamp
  day         date
  payload     json
  tags        array<text>
  raw         bytes
  uid         uuid
  comment 'what happened'
  snowflake { cluster by (happened, id); change_tracking; data_retention_time_in_days 7 }
}

table scratch {
  id bigint
  snowflake { transient }
}

table sightings {
  region   text not null
  event_id bigint not null
  seen     date not null
  primary key (region, event_id)
  unique (event_id, seen)
  foreign key (event_id) references events (id)
}

view recent as """
  select id, name from events
"""

snowflake pipe events_pipe {
  into events
  from '@raw_stage/events/'
  format parquet
  auto_ingest
  pattern '.*[.]parquet'
}
)";

TEST_CASE("snowflake: lowering spells types as the catalog reports them", "[snowflake]") {
  auto c = CompileSnowflake(kProject);
  INFO(c->Messages());
  REQUIRE(c->catalog);
  const auto* t = c->catalog->FindTable({"PUBLIC", "EVENTS"});
  REQUIRE(t);
  CHECK(t->FindColumn("ID")->type == "NUMBER(38,0)");
  CHECK(t->FindColumn("SMALL")->type == "NUMBER(38,0)");
  CHECK(t->FindColumn("SMALL")->lossy);
  CHECK(t->FindColumn("NAME")->type == "VARCHAR(16777216)");
  CHECK(t->FindColumn("CODE")->type == "VARCHAR(3)");
  CHECK(t->FindColumn("HAPPENED")->type == "TIMESTAMP_TZ(9)");
  CHECK(*t->FindColumn("HAPPENED")->default_expr == "CURRENT_TIMESTAMP()");
  CHECK(t->FindColumn("PAYLOAD")->type == "VARIANT");
  CHECK(t->FindColumn("UID")->type == "VARCHAR(36)");
  CHECK(t->cluster_by == std::vector<std::string>{"HAPPENED", "ID"});
  CHECK(c->catalog->FindTable({"PUBLIC", "SCRATCH"})->kind == "transient");
  const auto* s = c->catalog->FindSchema("PUBLIC");
  REQUIRE(s->FindPipe("EVENTS_PIPE"));
  CHECK(s->FindPipe("EVENTS_PIPE")->definition.find("$1:HAPPENED::TIMESTAMP_TZ(9)") != std::string::npos);
}

TEST_CASE("snowflake: import reads back the catalog Lower made", "[snowflake]") {
  auto c = CompileSnowflake(kProject);
  INFO(c->Messages());
  REQUIRE(c->catalog);
  catalog::Catalog desired = *c->catalog;
  catalog::ForgetSource(desired);
  auto backend = target::FindBackend("snowflake");
  std::string error;
  auto imported = backend->ImportCatalog(InformationSchema(desired), error);
  INFO(error);
  REQUIRE(imported);
  catalog::Catalog want = desired;
  REQUIRE(want.FindTable({"PUBLIC", "SIGHTINGS"})->constraints.size() == 3);
  for (auto& s : want.schemas)
    for (auto& v : s.views) v.source.clear();
  CHECK(catalog::ToJson(*imported) == catalog::ToJson(want));

  // And no change is planned against it: no phantom int retypes, no VARCHAR lengths, no defaults, no keys.
  diag::Engine diags(c->sm);
  auto plan = testing::PlanBetween(*imported, *c->catalog, *backend, diags);
  INFO(diag::RenderText(diags, false));
  CHECK(plan.changes.empty());
}

TEST_CASE("snowflake: import reports what it cannot read", "[snowflake]") {
  auto backend = target::FindBackend("snowflake");
  std::string error;
  CHECK_FALSE(backend->ImportCatalog("[]", error));
  CHECK(error.find("JSON object") != std::string::npos);
  Json bad = {{"tables", {{{"TABLE_SCHEMA", "PUBLIC"}, {"TABLE_NAME", "T"}, {"TABLE_TYPE", "BASE TABLE"}}}},
              {"columns",
               {{{"TABLE_SCHEMA", "PUBLIC"}, {"TABLE_NAME", "T"}, {"COLUMN_NAME", "C"}, {"ORDINAL_POSITION", 1},
                 {"DATA_TYPE", "WIDGET"}, {"IS_NULLABLE", "YES"}}}}};
  CHECK_FALSE(backend->ImportCatalog(bad.dump(), error));
  CHECK(error.find("columns row 1 (PUBLIC.T.C): unknown DATA_TYPE 'WIDGET'") != std::string::npos);
  Json keys = {{"tables", {{{"TABLE_SCHEMA", "PUBLIC"}, {"TABLE_NAME", "T"}, {"TABLE_TYPE", "BASE TABLE"}}}},
               {"primary_keys", {{{"schema_name", "PUBLIC"}, {"table_name", "T"}, {"column_name", "C"},
                                  {"key_sequence", "first"}, {"constraint_name", "T_PKEY"}}}}};
  CHECK_FALSE(backend->ImportCatalog(keys.dump(), error));
  CHECK(error == "primary_keys row 1: key_sequence is not a number");
  keys["primary_keys"][0].erase("constraint_name");
  CHECK_FALSE(backend->ImportCatalog(keys.dump(), error));
  CHECK(error == "primary_keys row 1: no constraint_name");
}

TEST_CASE("snowflake: widening in place, other retypes rebuild", "[snowflake]") {
  auto backend = target::FindBackend("snowflake");
  catalog::Table t;
  catalog::Column a, b;
  a.name = b.name = "A";
  auto decide = [&](const std::string& from, const std::string& to) {
    a.type = from;
    b.type = to;
    return backend->DecideColumn({t, t, a, b, diff::ChangeKind::Type}).strategy;
  };
  CHECK(decide("VARCHAR(10)", "VARCHAR(20)") == target::Strategy::InPlace);
  CHECK(decide("VARCHAR(20)", "VARCHAR(10)") == target::Strategy::RebuildTable);
  CHECK(decide("NUMBER(10,2)", "NUMBER(12,2)") == target::Strategy::InPlace);
  CHECK(decide("NUMBER(10,2)", "NUMBER(12,3)") == target::Strategy::RebuildTable);
  CHECK(decide("NUMBER(38,0)", "VARCHAR(10)") == target::Strategy::RebuildTable);
}

}  // namespace
