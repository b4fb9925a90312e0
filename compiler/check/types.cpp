// The portable type table of docs/language.md section "Types" and the native
// type names of each target.
#include "compiler/check/types.h"

#include <map>

namespace schemac::check {
namespace {

using K = model::Type::Kind;

struct Portable {
  K kind;
  int min_args, max_args;
};

const std::map<std::string, Portable>& PortableTypes() {
  static const std::map<std::string, Portable> table = {
      {"bool", {K::Bool, 0, 0}},          {"boolean", {K::Bool, 0, 0}},
      {"int16", {K::Int16, 0, 0}},        {"smallint", {K::Int16, 0, 0}},    {"int2", {K::Int16, 0, 0}},
      {"int32", {K::Int32, 0, 0}},        {"int", {K::Int32, 0, 0}},         {"integer", {K::Int32, 0, 0}},
      {"int4", {K::Int32, 0, 0}},         {"int64", {K::Int64, 0, 0}},       {"bigint", {K::Int64, 0, 0}},
      {"int8", {K::Int64, 0, 0}},         {"decimal", {K::Decimal, 0, 2}},   {"numeric", {K::Decimal, 0, 2}},
      {"number", {K::Decimal, 0, 2}},     {"float32", {K::Float32, 0, 0}},   {"real", {K::Float32, 0, 0}},
      {"float4", {K::Float32, 0, 0}},     {"float64", {K::Float64, 0, 0}},   {"double", {K::Float64, 0, 0}},
      {"double precision", {K::Float64, 0, 0}}, {"float8", {K::Float64, 0, 0}},
      {"text", {K::Text, 0, 0}},          {"string", {K::Text, 0, 0}},
      {"varchar", {K::Varchar, 0, 1}},    {"character varying", {K::Varchar, 0, 1}},
      {"char", {K::Char, 0, 1}},          {"character", {K::Char, 0, 1}},
      {"bytes", {K::Bytes, 0, 0}},        {"bytea", {K::Bytes, 0, 0}},       {"binary", {K::Bytes, 0, 0}},
      {"date", {K::Date, 0, 0}},          {"time", {K::Time, 0, 1}},
      {"timestamp", {K::Timestamp, 0, 1}}, {"timestamptz", {K::TimestampTz, 0, 1}},
      {"timestamp_ltz", {K::TimestampTz, 0, 1}},
      {"uuid", {K::Uuid, 0, 0}},          {"json", {K::Json, 0, 0}},         {"jsonb", {K::Json, 0, 0}},
      {"variant", {K::Json, 0, 0}},
  };
  return table;
}

struct Native {
  std::vector<std::string> targets;
  int max_args;
};

const std::map<std::string, Native>& NativeTypes() {
  static const std::vector<std::string> pg = {"postgres"}, sf = {"snowflake"}, fl = {"flink"}, fb = {"firebolt"};
  static const std::map<std::string, Native> table = {
      // Postgres
      {"inet", {pg, 0}}, {"cidr", {pg, 0}}, {"macaddr", {pg, 0}}, {"macaddr8", {pg, 0}}, {"money", {pg, 0}},
      {"interval", {pg, 1}}, {"tsvector", {pg, 0}}, {"tsquery", {pg, 0}}, {"xml", {pg, 0}}, {"bit", {pg, 1}},
      {"bit varying", {pg, 1}}, {"varbit", {pg, 1}}, {"int4range", {pg, 0}}, {"int8range", {pg, 0}},
      {"numrange", {pg, 0}}, {"tsrange", {pg, 0}}, {"tstzrange", {pg, 0}}, {"daterange", {pg, 0}},
      {"int4multirange", {pg, 0}}, {"int8multirange", {pg, 0}}, {"nummultirange", {pg, 0}},
      {"tsmultirange", {pg, 0}}, {"tstzmultirange", {pg, 0}}, {"datemultirange", {pg, 0}},
      {"point", {pg, 0}}, {"line", {pg, 0}}, {"lseg", {pg, 0}}, {"box", {pg, 0}}, {"path", {pg, 0}},
      {"polygon", {pg, 0}}, {"circle", {pg, 0}}, {"jsonpath", {pg, 0}}, {"pg_lsn", {pg, 0}}, {"oid", {pg, 0}},
      {"timetz", {pg, 1}}, {"citext", {pg, 0}}, {"hstore", {pg, 0}}, {"ltree", {pg, 0}},
      // Snowflake
      {"object", {sf, 0}}, {"geography", {{"snowflake", "firebolt"}, 0}}, {"geometry", {sf, 0}},
      {"timestamp_ntz", {sf, 1}}, {"timestamp_tz", {sf, 1}}, {"vector", {sf, 0}},
      // Flink
      {"tinyint", {fl, 0}},
      // Firebolt
      {"pgdate", {fb, 0}}, {"timestampntz", {fb, 0}},
  };
  return table;
}

}  // namespace

auto ResolveBuiltinType(const ast::TypeRef& ref, std::string& error) -> std::optional<model::Type> {
  model::Type t;
  if (ref.kind == ast::TypeRef::Kind::Array || ref.kind == ast::TypeRef::Kind::Map ||
      ref.kind == ast::TypeRef::Kind::Row) {
    t.kind = ref.kind == ast::TypeRef::Kind::Array ? K::Array : ref.kind == ast::TypeRef::Kind::Map ? K::Map : K::Row;
    return t;  // element types are resolved by the caller
  }
  if (ref.kind == ast::TypeRef::Kind::Generic) {
    // Parameterised native types: multiset<T> (Flink).
    if (ref.name != "multiset" || ref.elems.size() != 1) {
      if (ref.name == "multiset") error = "multiset takes one element type";
      return std::nullopt;
    }
    t.kind = K::Native;
    t.native = "multiset";
    t.native_targets = {"flink"};
    t.array_dims = ref.array_dims;
    return t;  // the element type is resolved by the caller
  }
  if (ref.quoted || ref.schema) return std::nullopt;
  std::string name = ref.name;
  if (name == "timestamp" && ref.with_time_zone.value_or(false)) name = "timestamptz";
  if (name == "time" && ref.with_time_zone.value_or(false)) name = "timetz";
  if (ref.with_time_zone && name != "timestamp" && name != "timestamptz" && name != "time" && name != "timetz") {
    error = "'with time zone' applies only to time and timestamp";
    return model::Type{};
  }
  auto check_args = [&](int max) -> bool {
    if (static_cast<int>(ref.args.size()) > max) {
      error = max == 0 ? "type '" + ref.name + "' takes no arguments"
                       : "type '" + ref.name + "' takes at most " + std::to_string(max) + " argument" + (max > 1 ? "s" : "");
      return false;
    }
    for (auto a : ref.args)
      if (a < 0) {
        error = "type arguments must not be negative";
        return false;
      }
    return true;
  };
  if (auto it = PortableTypes().find(name); it != PortableTypes().end()) {
    t.kind = it->second.kind;
    if (!check_args(it->second.max_args)) return t;
    t.args = ref.args;
    t.array_dims = ref.array_dims;
    if (t.kind == K::Decimal && !t.args.empty()) {
      if (t.args[0] < 1 || t.args[0] > 1000) error = "decimal precision must be between 1 and 1000";
      else if (t.args.size() == 2 && t.args[1] > t.args[0]) error = "decimal scale must not exceed its precision";
      if (t.args.size() == 1) t.args.push_back(0);
    }
    if ((t.kind == K::Varchar || t.kind == K::Char) && !t.args.empty() && t.args[0] < 1)
      error = "length of '" + ref.name + "' must be at least 1";
    if ((t.kind == K::Timestamp || t.kind == K::TimestampTz || t.kind == K::Time) && !t.args.empty() && t.args[0] > 6)
      error = "fractional seconds precision must be between 0 and 6";
    return t;
  }
  if (auto it = NativeTypes().find(name); it != NativeTypes().end()) {
    t.kind = K::Native;
    t.native = name == "varbit" ? "bit varying" : name;
    t.native_targets = it->second.targets;
    if (!check_args(it->second.max_args)) return t;
    t.args = ref.args;
    t.array_dims = ref.array_dims;
    return t;
  }
  return std::nullopt;
}

auto KnownTypeNames() -> std::vector<std::string> {
  std::vector<std::string> out;
  for (auto& [n, _] : PortableTypes()) out.push_back(n);
  for (auto& [n, _] : NativeTypes()) out.push_back(n);
  out.push_back("array");
  out.push_back("map");
  out.push_back("row");
  return out;
}

}  // namespace schemac::check
