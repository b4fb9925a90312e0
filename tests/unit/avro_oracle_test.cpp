// Random schema pairs for the Avro checker's oracle: a seeded generator makes
// record schemas (fields of primitive, nullable, union, array, map, logical
// and nested record types, with and without defaults) and evolves each into a
// next version (fields added, dropped, retyped, renamed with or without an
// alias, defaults added or removed). Check decides BACKWARD and FORWARD for
// every pair; with SCHEMAC_AVRO_PAIRS set, the pairs and verdicts go to that
// file as JSON lines, which tests/tools/avro_oracle.py hands to Apache Avro's
// own ReaderWriterCompatibilityChecker (tests/lit/avro/oracle.test). The two
// must agree on every pair.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>

#include "backends/flink/avro.h"

namespace avro = schemac::backends::flink::avro;
using json = nlohmann::json;

namespace {

constexpr int kPairs = 300;
constexpr uint32_t kSeed = 20261201;

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}

  auto Pick(size_t n) -> size_t { return rng_() % n; }
  auto Chance(int percent) -> bool { return static_cast<int>(Pick(100)) < percent; }

  static auto Primitives() -> const std::vector<std::string>& {
    static const std::vector<std::string> p = {"boolean", "int", "long", "float", "double", "bytes", "string"};
    return p;
  }

  // A type for the field at `path` (which names its nested records), at most
  // `depth` levels of arrays, maps and records deep.
  auto Type(const std::string& path, int depth) -> json {
    size_t kind = Pick(depth > 0 ? 12 : 6);
    switch (kind) {
      case 10: return Enum("e_" + path);
      case 11: return {{"type", "fixed"}, {"name", "x_" + path}, {"size", Chance(50) ? 4 : 8}};
      case 0:
      case 1:
      case 2: return Primitive();
      case 3: return json::array({"null", Primitive()});
      case 4: return Union();
      case 5: return Logical();
      case 6: return {{"type", "array"}, {"items", Type(path + "_i", depth - 1)}};
      case 7: return {{"type", "map"}, {"values", Type(path + "_v", depth - 1)}};
      case 8: return json::array({"null", Record("r_" + path, depth - 1)});
      default: return Record("r_" + path, depth - 1);
    }
  }

  // Some of the symbols A to E, maybe with a default among them.
  auto Enum(const std::string& name) -> json {
    json symbols = json::array();
    for (const char* sym : {"A", "B", "C", "D", "E"})
      if (Chance(60)) symbols.push_back(sym);
    if (symbols.empty()) symbols.push_back("A");
    json e = {{"type", "enum"}, {"name", name}, {"symbols", symbols}};
    if (Chance(30)) e["default"] = symbols[Pick(symbols.size())];
    return e;
  }

  auto Primitive() -> json { return Primitives()[Pick(Primitives().size())]; }

  auto Logical() -> json {
    switch (Pick(4)) {
      case 0: return {{"type", "long"}, {"logicalType", "timestamp-millis"}};
      case 1: return {{"type", "long"}, {"logicalType", "timestamp-micros"}};
      case 2: return {{"type", "int"}, {"logicalType", "date"}};
      default: return {{"type", "bytes"}, {"logicalType", "decimal"}, {"precision", 10}, {"scale", 2}};
    }
  }

  // Two or three distinct primitives, null among them or not.
  auto Union() -> json {
    std::vector<std::string> pool = Primitives();
    if (Chance(50)) pool.push_back("null");
    std::shuffle(pool.begin(), pool.end(), rng_);
    json u = json::array();
    size_t n = 2 + Pick(2);
    for (size_t i = 0; i < n; ++i) u.push_back(pool[i]);
    return u;
  }

  auto Record(const std::string& name, int depth) -> json {
    json fields = json::array();
    size_t n = 1 + Pick(depth > 0 ? 5 : 3);
    for (size_t i = 0; i < n; ++i) fields.push_back(Field("f" + std::to_string(next_field_++), name, depth));
    json r = {{"type", "record"}, {"name", name}, {"fields", fields}};
    // Namespaces: a record's own, which its nested names inherit.
    if (Chance(15)) r["namespace"] = Chance(50) ? "com.acme" : "org.other";
    return r;
  }

  auto Field(const std::string& field_name, const std::string& record_name, int depth) -> json {
    json f = {{"name", field_name}, {"type", Type(record_name + "_" + field_name, depth)}};
    if (Chance(40)) SetDefault(f);
    return f;
  }

  // A default of the right type (for a union: of its first branch).
  static auto DefaultFor(const json& t) -> std::optional<json> {
    if (t.is_array()) return DefaultFor(t[0]);
    std::string k = t.is_string() ? t.get<std::string>() : t["type"].get<std::string>();
    if (k == "null") return json(nullptr);
    if (k == "boolean") return json(false);
    if (k == "int" || k == "long") return json(0);
    if (k == "float" || k == "double") return json(0.5);
    if (k == "bytes" || k == "string") return json("");
    if (k == "array") return json::array();
    if (k == "map") return json::object();
    if (k == "enum") return t["symbols"][0];
    return std::nullopt;  // records: no default here
  }
  static void SetDefault(json& f) {
    if (auto d = DefaultFor(f["type"])) f["default"] = *d;
  }

  // The next version of record `r`: a few random changes, nested ones too.
  auto Evolve(json r, int depth) -> json {
    json& fields = r["fields"];
    size_t changes = 1 + Pick(3);
    for (size_t c = 0; c < changes; ++c) {
      size_t op = Pick(8);
      if (fields.empty()) op = 0;
      size_t i = fields.empty() ? 0 : Pick(fields.size());
      switch (op) {
        case 0: fields.push_back(Field("f" + std::to_string(next_field_++), r["name"], depth)); break;
        case 1:
          if (fields.size() > 1) fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        case 2: fields[i]["type"] = Type(r["name"].get<std::string>() + "_" + fields[i]["name"].get<std::string>(), depth);
                fields[i].erase("default");
                if (Chance(40)) SetDefault(fields[i]);
                break;
        case 3: fields[i]["type"] = Near(fields[i]["type"], depth); fields[i].erase("default");
                if (Chance(50)) SetDefault(fields[i]);
                break;
        case 4:
          if (fields[i].contains("default")) {
            fields[i].erase("default");
          } else {
            SetDefault(fields[i]);
          }
          break;
        case 5: {
          std::string old = fields[i]["name"];
          fields[i]["name"] = "f" + std::to_string(next_field_++);
          if (Chance(60)) fields[i]["aliases"] = {old};
          break;
        }
        case 6: fields[i]["type"] = EvolveNested(fields[i]["type"], depth); break;
        default:
          // A nested record, enum or fixed renamed, with an alias for its
          // old (full) name or not.
          if (fields[i]["type"].is_object() && fields[i]["type"].contains("name")) {
            json& t = fields[i]["type"];
            std::string old = t["name"];
            t["name"] = old + "x";
            if (Chance(50)) t["aliases"] = {Chance(70) && r.contains("namespace") ? r["namespace"].get<std::string>() + "." + old : old};
          }
          break;
      }
    }
    return r;
  }

  // A type near `t`: promoted, demoted, wrapped in or taken out of a union.
  auto Near(const json& t, int depth) -> json {
    static const std::vector<std::pair<std::string, std::string>> steps = {
        {"int", "long"}, {"int", "float"}, {"int", "double"}, {"long", "float"}, {"long", "double"},
        {"float", "double"}, {"string", "bytes"}};
    if (t.is_string()) {
      std::string k = t;
      std::vector<std::string> near;
      for (const auto& [a, b] : steps) {
        if (a == k) near.push_back(b);
        if (b == k) near.push_back(a);
      }
      if (!near.empty() && Chance(70)) return near[Pick(near.size())];
      return json::array({"null", t});
    }
    if (t.is_array()) {
      json u = t;
      if (Chance(50) && u.size() > 1) {
        u.erase(u.begin() + static_cast<std::ptrdiff_t>(Pick(u.size())));
        return u.size() == 1 ? u[0] : u;
      }
      for (const auto& p : Primitives())
        if (std::find(u.begin(), u.end(), json(p)) == u.end()) {
          u.push_back(p);
          return u;
        }
      return u;
    }
    return Type("near" + std::to_string(next_field_++), depth);
  }

  auto EvolveNested(const json& t, int depth) -> json {
    if (t.is_object() && t["type"] == "array") return {{"type", "array"}, {"items", Near(t["items"], depth)}};
    if (t.is_object() && t["type"] == "map") return {{"type", "map"}, {"values", Near(t["values"], depth)}};
    if (t.is_object() && t["type"] == "record") return Evolve(t, depth > 0 ? depth - 1 : 0);
    if (t.is_object() && t["type"] == "enum") {
      // A symbol more or less; the default kept among the symbols.
      json e = Enum(t["name"]);
      if (t.contains("default") && Chance(50)) {
        e["default"] = t["default"];
        if (std::find(e["symbols"].begin(), e["symbols"].end(), t["default"]) == e["symbols"].end())
          e["symbols"].push_back(t["default"]);
      }
      return e;
    }
    if (t.is_object() && t["type"] == "fixed") return {{"type", "fixed"}, {"name", t["name"]}, {"size", Chance(50) ? 4 : 8}};
    if (t.is_array() && t.size() == 2 && t[1].is_object() && t[1]["type"] == "record")
      return json::array({"null", Evolve(t[1], depth > 0 ? depth - 1 : 0)});
    return Near(t, depth);
  }

 private:
  std::mt19937 rng_;
  int next_field_ = 0;
};

}  // namespace

TEST_CASE("avro oracle: random schema pairs, BACKWARD and FORWARD (Avro's checker must agree)", "[avro][avro-oracle]") {
  Gen gen(kSeed);
  const char* out_path = std::getenv("SCHEMAC_AVRO_PAIRS");
  std::ofstream out;
  if (out_path) {
    out.open(out_path);
    REQUIRE(out);
  }
  int backward_ok = 0, forward_ok = 0;
  for (int i = 0; i < kPairs; ++i) {
    json old_schema = gen.Record("t", 2);
    json new_schema = gen.Evolve(old_schema, 2);
    bool backward = avro::Check({old_schema}, new_schema, avro::Mode::Backward).empty();
    bool forward = avro::Check({old_schema}, new_schema, avro::Mode::Forward).empty();
    bool full = avro::Check({old_schema}, new_schema, avro::Mode::Full).empty();
    CHECK(full == (backward && forward));
    // Every schema reads its own data.
    CHECK(avro::CanRead(old_schema, old_schema).empty());
    backward_ok += backward;
    forward_ok += forward;
    if (out_path)
      out << json{{"old", old_schema}, {"new", new_schema}, {"backward", backward}, {"forward", forward}}.dump()
          << "\n";
  }
  // The pairs exercise both verdicts in both directions.
  CHECK(backward_ok > kPairs / 10);
  CHECK(backward_ok < kPairs - kPairs / 10);
  CHECK(forward_ok > kPairs / 10);
  CHECK(forward_ok < kPairs - kPairs / 10);
}
