// The Flink backend's Avro module: the value schema Flink derives for a table
// (AvroSchemaConverter.convertToSchema), and the compatibility checker, case by
// case from the rule table of docs/backends/flink-avro.md. Its agreement with
// Avro's own checker on random schema pairs is avro_oracle_test.cpp's.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "backends/flink/avro.h"
#include "compiler/catalog/catalog.h"

using namespace schemac;
namespace avro = schemac::backends::flink::avro;
using json = nlohmann::json;

namespace {

auto Col(std::string name, std::string type, bool not_null = false) -> catalog::Column {
  catalog::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  return c;
}

auto Table(std::vector<catalog::Column> cols) -> catalog::Table {
  catalog::Table t;
  t.name = "orders";
  t.columns = std::move(cols);
  return t;
}

// A record of fields, each {name, type} or {name, type, default}.
auto Record(const std::vector<json>& fields) -> json {
  return {{"type", "record"}, {"name", "orders"}, {"fields", fields}};
}
auto Field(const std::string& name, json type) -> json { return {{"name", name}, {"type", std::move(type)}}; }
auto Nullable(const std::string& name, json type) -> json {
  return {{"name", name}, {"type", json::array({"null", std::move(type)})}, {"default", nullptr}};
}

auto Compatible(const json& from, const json& to, avro::Mode mode) -> bool {
  return avro::Check({from}, to, mode).empty();
}

}  // namespace

TEST_CASE("avro: a table's value schema holds its physical columns, nullable ones as unions with default null",
          "[avro]") {
  auto t = Table({Col("id", "BIGINT", true), Col("name", "STRING"), Col("total", "DECIMAL(10, 2)", true)});
  catalog::Column computed = Col("doubled", "BIGINT");
  computed.generated = "id * 2";
  t.columns.push_back(computed);
  catalog::Column meta = Col("ts", "TIMESTAMP_LTZ(3)");
  meta.metadata = catalog::Metadata{"timestamp", true};
  t.columns.push_back(meta);
  json expected = R"({"type": "record", "name": "orders", "fields": [
      {"name": "id", "type": "long"},
      {"name": "name", "type": ["null", "string"], "default": null},
      {"name": "total", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}}]})"_json;
  CHECK(avro::RecordSchema(t, "orders") == expected);
}

TEST_CASE("avro: Flink types map as AvroSchemaConverter maps them", "[avro]") {
  auto type = [](const std::string& s, avro::DeriveOptions o = {}) { return avro::TypeSchema(s + " NOT NULL", "r", o); };
  CHECK(type("BOOLEAN") == "boolean");
  CHECK(type("TINYINT") == "int");
  CHECK(type("SMALLINT") == "int");
  CHECK(type("INT") == "int");
  CHECK(type("BIGINT") == "long");
  CHECK(type("FLOAT") == "float");
  CHECK(type("DOUBLE") == "double");
  CHECK(type("VARCHAR(20)") == "string");
  CHECK(type("CHAR(3)") == "string");
  CHECK(type("BYTES") == "bytes");
  CHECK(type("BINARY(16)") == "bytes");
  CHECK(type("VARBINARY(16)") == "bytes");
  CHECK(type("DATE") == R"({"type": "int", "logicalType": "date"})"_json);
  CHECK(type("TIME(3)") == R"({"type": "int", "logicalType": "time-millis"})"_json);
  CHECK(type("TIMESTAMP(3)") == R"({"type": "long", "logicalType": "timestamp-millis"})"_json);

  SECTION("timestamps: the legacy mapping (Flink's default) refuses sub-millisecond TIMESTAMP and TIMESTAMP_LTZ") {
    CHECK(type("TIMESTAMP(6)").contains("error"));
    CHECK(type("TIMESTAMP_LTZ(3)").contains("error"));
    CHECK(type("TIME(6)").contains("error"));
  }
  SECTION("timestamps: the corrected mapping writes instants for TIMESTAMP_LTZ, local times for TIMESTAMP") {
    avro::DeriveOptions corrected{.legacy_timestamp_mapping = false};
    CHECK(type("TIMESTAMP_LTZ(3)", corrected) == R"({"type": "long", "logicalType": "timestamp-millis"})"_json);
    CHECK(type("TIMESTAMP_LTZ(6)", corrected) == R"({"type": "long", "logicalType": "timestamp-micros"})"_json);
    CHECK(type("TIMESTAMP(3) WITH LOCAL TIME ZONE", corrected) ==
          R"({"type": "long", "logicalType": "timestamp-millis"})"_json);
    CHECK(type("TIMESTAMP(3)", corrected) == R"({"type": "long", "logicalType": "local-timestamp-millis"})"_json);
    CHECK(type("TIMESTAMP(6)", corrected) == R"({"type": "long", "logicalType": "local-timestamp-micros"})"_json);
    // Flink converts array elements and map values under the legacy mapping
    // whatever the option says.
    CHECK(type("ARRAY<TIMESTAMP_LTZ(3)>", corrected).contains("error"));
  }
  SECTION("nested types: elements are nullable unless NOT NULL; rows are records named <record>_<field>") {
    CHECK(type("ARRAY<INT>") == R"({"type": "array", "items": ["null", "int"]})"_json);
    CHECK(type("ARRAY<INT NOT NULL>") == R"({"type": "array", "items": "int"})"_json);
    CHECK(type("MAP<STRING, BIGINT NOT NULL>") == R"({"type": "map", "values": "long"})"_json);
    CHECK(type("MULTISET<STRING>") == R"({"type": "map", "values": ["null", "int"]})"_json);
    CHECK(type("ROW<`a` INT NOT NULL, `b` STRING 'the b'>") == R"({"type": "record", "name": "r", "fields": [
        {"name": "a", "type": "int"},
        {"name": "b", "type": ["null", "string"], "default": null}]})"_json);
    auto t = Table({Col("addr", "ROW<`street` STRING, `geo` ROW<`lat` DOUBLE NOT NULL> NOT NULL>")});
    json s = avro::RecordSchema(t, "orders");
    CHECK(s["fields"][0]["type"][1]["name"] == "orders_addr");
    CHECK(s["fields"][0]["type"][1]["fields"][1]["type"]["name"] == "orders_addr_geo");
    CHECK(s["fields"][0]["default"] == nullptr);
  }
  SECTION("what Flink cannot write is an error, never a crash") {
    CHECK(type("GEOMETRY").contains("error"));
    CHECK(type("MAP<INT, STRING>").contains("error"));
    CHECK(type("ARRAY<").contains("error"));
    CHECK(type("DECIMAL(10,").contains("error"));
    CHECK(type("").contains("error"));
    auto t = Table({Col("id", "BIGINT"), Col("shape", "RAW('x', 'y')")});
    json s = avro::RecordSchema(t, "orders");
    REQUIRE(s.contains("error"));
    CHECK(s["error"].get<std::string>().find("column 'shape'") == 0);
  }
}

TEST_CASE("avro: modes parse in any case", "[avro]") {
  CHECK(avro::ParseMode("BACKWARD") == avro::Mode::Backward);
  CHECK(avro::ParseMode("full_transitive") == avro::Mode::FullTransitive);
  CHECK(avro::ParseMode("Forward_Transitive") == avro::Mode::ForwardTransitive);
  CHECK(avro::ParseMode("none") == avro::Mode::None);
  CHECK(!avro::ParseMode("sideways"));
  CHECK(avro::ModeName(avro::Mode::BackwardTransitive) == "BACKWARD_TRANSITIVE");
}

TEST_CASE("avro: adding a nullable field (default null) is compatible both ways", "[avro]") {
  json v1 = Record({Field("id", "long")});
  json v2 = Record({Field("id", "long"), Nullable("note", "string")});
  CHECK(Compatible(v1, v2, avro::Mode::Backward));
  CHECK(Compatible(v1, v2, avro::Mode::Forward));
  CHECK(Compatible(v1, v2, avro::Mode::Full));
  CHECK(Compatible(v1, v2, avro::Mode::FullTransitive));
}

TEST_CASE("avro: adding a NOT NULL field without a default breaks BACKWARD, not FORWARD", "[avro]") {
  json v1 = Record({Field("id", "long")});
  json v2 = Record({Field("id", "long"), Field("updated_at", "long")});
  auto findings = avro::Check({json::object(), v1}, v2, avro::Mode::Backward);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "updated_at");
  CHECK(findings[0].message ==
        "field 'updated_at' has no default: a reader with the new schema cannot read data written with version 2 "
        "(BACKWARD)");
  CHECK(Compatible(v1, v2, avro::Mode::Forward));
  CHECK(!Compatible(v1, v2, avro::Mode::Full));
  SECTION("with a default it is compatible") {
    json v2d = Record({Field("id", "long"), {{"name", "updated_at"}, {"type", "long"}, {"default", 0}}});
    CHECK(Compatible(v1, v2d, avro::Mode::Full));
  }
}

TEST_CASE("avro: dropping a NOT NULL field breaks FORWARD, not BACKWARD", "[avro]") {
  json v1 = Record({Field("id", "long"), Field("status", "string")});
  json v2 = Record({Field("id", "long")});
  CHECK(Compatible(v1, v2, avro::Mode::Backward));
  auto findings = avro::Check({v1}, v2, avro::Mode::Forward);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "status");
  CHECK(findings[0].message ==
        "field 'status' has no default: a reader with version 1 cannot read data written with the new schema "
        "(FORWARD)");
  SECTION("dropping a nullable field (default null) is compatible both ways") {
    json v1n = Record({Field("id", "long"), Nullable("status", "string")});
    CHECK(Compatible(v1n, v2, avro::Mode::Full));
  }
}

TEST_CASE("avro: promotions widen: int -> long reads old data, not the other way", "[avro]") {
  json v1 = Record({Field("n", "int")});
  json v2 = Record({Field("n", "long")});
  CHECK(Compatible(v1, v2, avro::Mode::Backward));
  auto findings = avro::Check({v1}, v2, avro::Mode::Forward);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "n");
  CHECK(findings[0].message.find("field 'n' is a long in the writer's schema, which an int in the reader's cannot read") ==
        0);
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"int", "float"}, {"int", "double"}, {"long", "float"}, {"long", "double"}, {"float", "double"}}) {
    CHECK(Compatible(Record({Field("n", from)}), Record({Field("n", to)}), avro::Mode::Backward));
    CHECK(!Compatible(Record({Field("n", from)}), Record({Field("n", to)}), avro::Mode::Forward));
  }
  CHECK(!Compatible(Record({Field("n", "int")}), Record({Field("n", "boolean")}), avro::Mode::Backward));
  CHECK(!Compatible(Record({Field("n", "double")}), Record({Field("n", "long")}), avro::Mode::Backward));
}

TEST_CASE("avro: string and bytes read each other", "[avro]") {
  json v1 = Record({Field("b", "string")});
  json v2 = Record({Field("b", "bytes")});
  CHECK(Compatible(v1, v2, avro::Mode::Full));
  CHECK(Compatible(v2, v1, avro::Mode::Full));
  CHECK(!Compatible(v1, Record({Field("b", "int")}), avro::Mode::Backward));
}

TEST_CASE("avro: unions need a reader branch for every writer branch", "[avro]") {
  json plain = Record({Field("x", "int")});
  json nullable = Record({Nullable("x", "int")});
  // int written, ["null", "int"] reads it; the other way the writer may write
  // null, which an int cannot read (Avro's checker asks for every branch).
  CHECK(Compatible(plain, nullable, avro::Mode::Backward));
  CHECK(!Compatible(plain, nullable, avro::Mode::Forward));
  json wide = Record({{{"name", "x"}, {"type", {"null", "int", "string"}}, {"default", nullptr}}});
  CHECK(Compatible(nullable, wide, avro::Mode::Backward));
  auto findings = avro::Check({wide}, nullable, avro::Mode::Backward);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("field 'x' may be a string in the writer's schema, which no branch of the reader's "
                                 "union reads") == 0);
  // A promotion inside a union: ["null", "long"] reads ["null", "int"].
  CHECK(Compatible(nullable, Record({Nullable("x", "long")}), avro::Mode::Backward));
}

TEST_CASE("avro: arrays, maps and nested records resolve element by element", "[avro]") {
  json v1 = Record({Field("xs", {{"type", "array"}, {"items", "int"}}), Field("m", {{"type", "map"}, {"values", "int"}})});
  json v2 = Record({Field("xs", {{"type", "array"}, {"items", "long"}}),
                    Field("m", {{"type", "map"}, {"values", "string"}})});
  auto findings = avro::Check({v1}, v2, avro::Mode::Backward);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "m{}");
  auto forward = avro::Check({v1}, v2, avro::Mode::Forward);
  REQUIRE(forward.size() == 2);
  CHECK(forward[0].field == "xs[]");

  json inner1 = {{"type", "record"}, {"name", "orders_addr"}, {"fields", {Field("city", "string")}}};
  json inner2 = {{"type", "record"}, {"name", "orders_addr"}, {"fields", {Field("city", "string"), Field("zip", "string")}}};
  auto nested = avro::Check({Record({Field("addr", inner1)})}, Record({Field("addr", inner2)}), avro::Mode::Backward);
  REQUIRE(nested.size() == 1);
  CHECK(nested[0].field == "addr.zip");
  // A renamed record needs an alias.
  json renamed = inner1;
  renamed["name"] = "address";
  CHECK(!Compatible(Record({Field("addr", inner1)}), Record({Field("addr", renamed)}), avro::Mode::Backward));
  renamed["aliases"] = {"orders_addr"};
  CHECK(Compatible(Record({Field("addr", inner1)}), Record({Field("addr", renamed)}), avro::Mode::Backward));
}

TEST_CASE("avro: a renamed field reads its old name through an alias", "[avro]") {
  json v1 = Record({Field("qty", "int")});
  json v2 = Record({{{"name", "quantity"}, {"type", "int"}, {"aliases", {"qty"}}}});
  CHECK(Compatible(v1, v2, avro::Mode::Backward));
  CHECK(!Compatible(v1, Record({Field("quantity", "int")}), avro::Mode::Backward));
}

TEST_CASE("avro: logical types are their underlying type for compatibility", "[avro]") {
  json millis = Record({Field("t", {{"type", "long"}, {"logicalType", "timestamp-millis"}})});
  json micros = Record({Field("t", {{"type", "long"}, {"logicalType", "timestamp-micros"}})});
  CHECK(Compatible(millis, micros, avro::Mode::Full));
  json dec = Record({Field("d", {{"type", "bytes"}, {"logicalType", "decimal"}, {"precision", 10}, {"scale", 2}})});
  CHECK(Compatible(dec, Record({Field("d", "string")}), avro::Mode::Full));
}

TEST_CASE("avro: transitive modes check every earlier version, the others only the last", "[avro]") {
  // Version 1 had `legacy` NOT NULL, version 2 made it nullable (default
  // null), version 3 drops it: only version 1's readers cannot do without it.
  json v1 = Record({Field("id", "long"), Field("legacy", "string")});
  json v2 = Record({Field("id", "long"), Nullable("legacy", "string")});
  json v3 = Record({Field("id", "long")});
  CHECK(avro::Check({v1, v2}, v3, avro::Mode::Forward).empty());
  auto findings = avro::Check({v1, v2}, v3, avro::Mode::ForwardTransitive);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "field 'legacy' has no default: a reader with version 1 cannot read data written with the new schema "
        "(FORWARD_TRANSITIVE)");
  CHECK(avro::Check({v1, v2}, v3, avro::Mode::Full).empty());
  CHECK(avro::Check({v1, v2}, v3, avro::Mode::FullTransitive).size() == 1);

  // BACKWARD: version 1 wrote `code` as a string, version 2 as an int; the
  // new schema's long reads version 2's int but not version 1's string.
  json b1 = Record({Field("code", "string")});
  json b2 = Record({Field("code", "int")});
  json b3 = Record({Field("code", "long")});
  CHECK(avro::Check({b1, b2}, b3, avro::Mode::Backward).empty());
  auto back = avro::Check({b1, b2}, b3, avro::Mode::BackwardTransitive);
  REQUIRE(back.size() == 1);
  CHECK(back[0].message.find("a reader with the new schema cannot read data written with version 1 "
                             "(BACKWARD_TRANSITIVE)") != std::string::npos);
}

TEST_CASE("avro: NONE finds nothing, and no earlier version means nothing to check", "[avro]") {
  json v1 = Record({Field("id", "long")});
  json v2 = Record({Field("id", "string"), Field("x", "int")});
  CHECK(avro::Check({v1}, v2, avro::Mode::None).empty());
  CHECK(avro::Check({}, v2, avro::Mode::FullTransitive).empty());
}

TEST_CASE("avro: the derived schemas of two table versions check as the table changed", "[avro]") {
  auto t1 = Table({Col("id", "BIGINT", true), Col("qty", "INT", true)});
  auto t2 = Table({Col("id", "BIGINT", true), Col("qty", "BIGINT", true), Col("note", "STRING")});
  json s1 = avro::RecordSchema(t1, "orders"), s2 = avro::RecordSchema(t2, "orders");
  CHECK(avro::Check({s1}, s2, avro::Mode::Backward).empty());
  auto forward = avro::Check({s1}, s2, avro::Mode::Forward);
  REQUIRE(forward.size() == 1);
  CHECK(forward[0].field == "qty");
  // Making a column NOT NULL: the new reader cannot read the old nulls.
  auto t3 = Table({Col("id", "BIGINT", true), Col("qty", "BIGINT", true), Col("note", "STRING", true)});
  auto backward = avro::Check({s2}, avro::RecordSchema(t3, "orders"), avro::Mode::Backward);
  REQUIRE(backward.size() == 1);
  CHECK(backward[0].field == "note");
}

TEST_CASE("avro: malformed schemas and type strings give findings or errors, never exceptions", "[avro]") {
  json good = Record({Field("xs", {{"type", "array"}, {"items", "int"}}), Field("e", {{"type", "enum"}, {"name", "E"}, {"symbols", {"A"}}})});
  std::vector<json> bad = {
      json(nullptr), json(42), json("nosuchtype"), json::object(), R"({"type": "record", "name": 7, "fields": 3})"_json,
      Record({Field("xs", {{"type", "array"}})}), Record({Field("e", {{"type", "enum"}, {"name", "E"}, {"symbols", {1, 2}}})}),
      Record({{{"name", "xs"}}}), R"({"type": "fixed", "name": "F", "size": "big"})"_json};
  for (const auto& b : bad) {
    CHECK_NOTHROW(avro::Check({good}, b, avro::Mode::FullTransitive));
    CHECK_NOTHROW(avro::Check({b}, good, avro::Mode::FullTransitive));
    CHECK_NOTHROW(avro::Check({b}, b, avro::Mode::Full));
  }
  CHECK(!avro::Check({good}, Record({Field("xs", {{"type", "array"}})}), avro::Mode::Backward).empty());
  // Type strings cut at every length: an error or a schema, nothing thrown.
  for (std::string full : {"ROW<`a` ARRAY<MAP<STRING, DECIMAL(10, 2) NOT NULL>>, `b` TIMESTAMP(3) *ROWTIME*>",
                           "MULTISET<VARCHAR(3)> NOT NULL", "ROW(a INT 'the ''a''', `b``c` BYTES)"}) {
    for (size_t n = 0; n <= full.size(); ++n) CHECK_NOTHROW(avro::TypeSchema(full.substr(0, n), "r"));
    CHECK(!avro::TypeSchema(full, "r").contains("error"));
  }
}
