// Flink's Avro value schema for a table, and Avro schema resolution as a
// compatibility checker. The derivation follows Flink's
// flink-formats/flink-avro .../typeutils/AvroSchemaConverter.java
// (convertToSchema as on apache/flink's master, which has the
// 'avro.timestamp_mapping.legacy' switch that Flink 1.19 added); the checker follows
// the Avro 1.11 specification's "Schema Resolution" as Avro's own
// ReaderWriterCompatibilityChecker applies it (the Python package avro
// 1.12.0, avro/compatibility.py, which tests/lit/avro/oracle.test runs
// against this code).
#include "backends/flink/avro.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

namespace schemac::backends::flink::avro {

using json = nlohmann::json;

namespace {

auto Upper(std::string s) -> std::string {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------------------
// Flink type strings (LogicalType.asSummaryString / asSerializableString).

struct FlinkType {
  std::string root;         // BOOLEAN, INT, ..., TIMESTAMP, TIMESTAMP_LTZ, ARRAY, MAP, MULTISET, ROW
  std::vector<int> params;  // precision, scale, length
  bool nullable = true;
  std::vector<FlinkType> children;       // ARRAY/MULTISET: element; MAP: key, value; ROW: fields
  std::vector<std::string> field_names;  // ROW
};

class TypeParser {
 public:
  explicit TypeParser(const std::string& s) : s_(s) {}

  auto Parse(FlinkType& out) -> bool {
    if (!Type(out)) return false;
    Space();
    if (pos_ != s_.size()) return Fail("unexpected '" + s_.substr(pos_) + "'");
    return true;
  }
  auto error() const -> const std::string& { return error_; }

 private:
  auto Fail(std::string msg) -> bool {
    if (error_.empty()) error_ = std::move(msg);
    return false;
  }
  void Space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  auto Eat(char c) -> bool {
    Space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  auto Word() -> std::string {
    Space();
    size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    return Upper(s_.substr(b, pos_ - b));
  }
  // The next words are `words` (case-insensitive): consumes them, or nothing.
  auto EatWords(const std::vector<std::string>& words) -> bool {
    size_t save = pos_;
    for (const auto& w : words) {
      if (Word() != w) {
        pos_ = save;
        return false;
      }
    }
    return true;
  }
  auto Number(int& n) -> bool {
    Space();
    size_t b = pos_;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    if (b == pos_ || pos_ - b > 9) return Fail("expected a number in '" + s_ + "'");
    n = std::stoi(s_.substr(b, pos_ - b));
    return true;
  }
  auto Name(std::string& out) -> bool {
    Space();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      ++pos_;
      out.clear();
      while (pos_ < s_.size()) {
        if (s_[pos_] == '`') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '`') {
            out += '`';
            pos_ += 2;
            continue;
          }
          ++pos_;
          return true;
        }
        out += s_[pos_++];
      }
      return Fail("unterminated name in '" + s_ + "'");
    }
    size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    if (b == pos_) return Fail("expected a field name in '" + s_ + "'");
    out = s_.substr(b, pos_ - b);
    return true;
  }
  // A field's description: 'text' with '' for a quote.
  auto SkipString() -> bool {
    Space();
    if (pos_ >= s_.size() || s_[pos_] != '\'') return true;
    for (++pos_; pos_ < s_.size(); ++pos_) {
      if (s_[pos_] != '\'') continue;
      if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\'') {
        ++pos_;
        continue;
      }
      ++pos_;
      return true;
    }
    return Fail("unterminated description in '" + s_ + "'");
  }
  auto Params(FlinkType& t) -> bool {
    if (!Eat('(')) return true;
    do {
      int n = 0;
      if (!Number(n)) return false;
      t.params.push_back(n);
    } while (Eat(','));
    return Eat(')') || Fail("expected ')' in '" + s_ + "'");
  }

  auto Type(FlinkType& t) -> bool {
    std::string w = Word();
    if (w.empty()) return Fail("expected a type in '" + s_ + "'");
    if (w == "INTEGER") w = "INT";
    if (w == "REAL") w = "FLOAT";
    if (w == "DEC" || w == "NUMERIC") w = "DECIMAL";
    if (w == "DOUBLE") EatWords({"PRECISION"});
    if (w == "CHARACTER") w = EatWords({"VARYING"}) ? "VARCHAR" : "CHAR";
    t.root = w;
    if (w == "ARRAY" || w == "MULTISET") {
      t.children.resize(1);
      if (!Eat('<') || !Type(t.children[0]) || !Eat('>')) return Fail("expected " + w + "<type> in '" + s_ + "'");
    } else if (w == "MAP") {
      t.children.resize(2);
      if (!Eat('<') || !Type(t.children[0]) || !Eat(',') || !Type(t.children[1]) || !Eat('>'))
        return Fail("expected MAP<key, value> in '" + s_ + "'");
    } else if (w == "ROW") {
      char close = Eat('<') ? '>' : Eat('(') ? ')' : '\0';
      if (!close) return Fail("expected ROW<fields> in '" + s_ + "'");
      if (!Eat(close)) {
        do {
          std::string name;
          FlinkType field;
          if (!Name(name) || !Type(field) || !SkipString()) return false;
          t.field_names.push_back(std::move(name));
          t.children.push_back(std::move(field));
        } while (Eat(','));
        if (!Eat(close)) return Fail(std::string("expected '") + close + "' in '" + s_ + "'");
      }
    } else {
      if (!Params(t)) return false;
      if (w == "TIMESTAMP" || w == "TIME") {
        if (EatWords({"WITH", "LOCAL", "TIME", "ZONE"})) {
          t.root = w == "TIMESTAMP" ? "TIMESTAMP_LTZ" : "TIME_LTZ";
        } else if (EatWords({"WITH", "TIME", "ZONE"})) {
          t.root = w + "_TZ";
        } else {
          EatWords({"WITHOUT", "TIME", "ZONE"});
        }
      }
      // The summary's time attribute markers: TIMESTAMP(3) *ROWTIME*.
      Space();
      if (pos_ < s_.size() && s_[pos_] == '*') {
        size_t save = pos_++;
        std::string marker = Word();
        if (!Eat('*') || (marker != "ROWTIME" && marker != "PROCTIME")) pos_ = save;
      }
    }
    if (EatWords({"NOT", "NULL"})) {
      t.nullable = false;
    } else {
      EatWords({"NULL"});
    }
    return true;
  }

  const std::string& s_;
  size_t pos_ = 0;
  std::string error_;
};

// ---------------------------------------------------------------------------
// Flink type -> Avro schema: AvroSchemaConverter.convertToSchema, case by case.

auto IsNullableSchema(const json& s) -> bool {
  if (s.is_string()) return s == "null";
  if (s.is_array()) return std::any_of(s.begin(), s.end(), [](const json& b) { return b == "null"; });
  return false;
}

// Flink's nullableSchema(): a union with null first, unless already nullable.
auto Nullable(json s, bool nullable) -> json {
  if (!nullable || IsNullableSchema(s)) return s;
  return json::array({"null", std::move(s)});
}

auto Param(const FlinkType& t, size_t i, int fallback) -> int { return i < t.params.size() ? t.params[i] : fallback; }

auto Convert(const FlinkType& t, const std::string& row_name, bool legacy, std::string& error) -> json {
  const std::string& r = t.root;
  json s;
  if (r == "NULL") return "null";
  if (r == "BOOLEAN") {
    s = "boolean";
  } else if (r == "TINYINT" || r == "SMALLINT" || r == "INT") {
    s = "int";
  } else if (r == "BIGINT") {
    s = "long";
  } else if (r == "FLOAT") {
    s = "float";
  } else if (r == "DOUBLE") {
    s = "double";
  } else if (r == "CHAR" || r == "VARCHAR" || r == "STRING") {
    s = "string";
  } else if (r == "BINARY" || r == "VARBINARY" || r == "BYTES") {
    s = "bytes";
  } else if (r == "DECIMAL") {
    // Flink's default DECIMAL is DECIMAL(10, 0).
    s = {{"type", "bytes"}, {"logicalType", "decimal"}, {"precision", Param(t, 0, 10)}, {"scale", Param(t, 1, 0)}};
  } else if (r == "DATE") {
    s = {{"type", "int"}, {"logicalType", "date"}};
  } else if (r == "TIME") {
    int p = Param(t, 0, 0);
    if (p > 3) {
      error = "Avro does not support TIME with precision " + std::to_string(p) + " (at most 3)";
      return nullptr;
    }
    s = {{"type", "int"}, {"logicalType", "time-millis"}};
  } else if (r == "TIMESTAMP") {
    // Flink's default TIMESTAMP precision is 6. The legacy mapping (the
    // default) writes timestamp-millis and refuses more than milliseconds;
    // the corrected one writes local-timestamp-* (a TIMESTAMP has no zone).
    int p = Param(t, 0, 6);
    const char* logical = nullptr;
    if (legacy) {
      if (p <= 3) logical = "timestamp-millis";
    } else {
      logical = p <= 3 ? "local-timestamp-millis" : p <= 6 ? "local-timestamp-micros" : p <= 9 ? "local-timestamp-nanos" : nullptr;
    }
    if (!logical) {
      error = "Avro does not support TIMESTAMP(" + std::to_string(p) + ")" +
              (legacy ? " under the legacy timestamp mapping (at most 3; 'avro.timestamp_mapping.legacy' = 'false' allows 9)"
                      : " (at most 9)");
      return nullptr;
    }
    s = {{"type", "long"}, {"logicalType", logical}};
  } else if (r == "TIMESTAMP_LTZ") {
    // An instant: timestamp-millis/micros/nanos, which is what Flink 1.19+
    // writes under the corrected mapping; the legacy mapping (the default)
    // refuses TIMESTAMP_LTZ ("Unsupported to derive Schema for type").
    int p = Param(t, 0, 6);
    if (legacy) {
      error = "the legacy timestamp mapping cannot write TIMESTAMP_LTZ ('avro.timestamp_mapping.legacy' = 'false' can)";
      return nullptr;
    }
    const char* logical = p <= 3 ? "timestamp-millis" : p <= 6 ? "timestamp-micros" : p <= 9 ? "timestamp-nanos" : nullptr;
    if (!logical) {
      error = "Avro does not support TIMESTAMP_LTZ(" + std::to_string(p) + ") (at most 9)";
      return nullptr;
    }
    s = {{"type", "long"}, {"logicalType", logical}};
  } else if (r == "ROW") {
    // Nested records are named <row name>_<field> so that every name in the
    // schema differs; a nullable field gets "default": null, a NOT NULL one
    // no default.
    json fields = json::array();
    for (size_t i = 0; i < t.children.size(); ++i) {
      const auto& f = t.children[i];
      json fs = Convert(f, row_name + "_" + t.field_names[i], legacy, error);
      if (!error.empty()) return nullptr;
      json field = {{"name", t.field_names[i]}, {"type", std::move(fs)}};
      if (f.nullable) field["default"] = nullptr;
      fields.push_back(std::move(field));
    }
    s = {{"type", "record"}, {"name", row_name}, {"fields", std::move(fields)}};
  } else if (r == "MAP" || r == "MULTISET") {
    // A map's key must be a character string; a MULTISET<T> is a map from T
    // to its count (INT). Flink converts the values with
    // convertToSchema(type, rowName), i.e. always under the legacy
    // timestamp mapping, whatever the table's option says.
    const FlinkType& key = t.children[0];
    if (key.root != "CHAR" && key.root != "VARCHAR" && key.root != "STRING") {
      error = "Avro maps have string keys, not " + key.root;
      return nullptr;
    }
    FlinkType count;
    count.root = "INT";
    const FlinkType& value = r == "MAP" ? t.children[1] : count;
    json values = Convert(value, row_name, /*legacy=*/true, error);
    if (!error.empty()) return nullptr;
    s = {{"type", "map"}, {"values", std::move(values)}};
  } else if (r == "ARRAY") {
    // As for maps: the elements always under the legacy mapping.
    json items = Convert(t.children[0], row_name, /*legacy=*/true, error);
    if (!error.empty()) return nullptr;
    s = {{"type", "array"}, {"items", std::move(items)}};
  } else {
    error = "Flink's Avro format cannot write " + r;
    return nullptr;
  }
  return Nullable(std::move(s), t.nullable);
}

auto ErrorResult(std::string message) -> json { return {{"error", std::move(message)}}; }

}  // namespace

namespace {

// `type` as a field of record `row_name`; the column's NOT NULL, when
// `not_null`, whatever the type string says.
auto FieldSchema(const std::string& type, bool not_null, const std::string& row_name, DeriveOptions options,
                 bool& nullable) -> json {
  FlinkType t;
  TypeParser parser(type);
  if (!parser.Parse(t)) return ErrorResult("unknown type '" + type + "': " + parser.error());
  if (not_null) t.nullable = false;
  nullable = t.nullable;
  std::string error;
  json s = Convert(t, row_name, options.legacy_timestamp_mapping, error);
  if (!error.empty()) return ErrorResult(error);
  return s;
}

}  // namespace

auto TypeSchema(const std::string& type, const std::string& record_name, DeriveOptions options) -> json {
  bool nullable = false;
  return FieldSchema(type, false, record_name, options, nullable);
}

auto RecordSchema(const catalog::Table& t, const std::string& record_name, DeriveOptions options) -> json {
  // Flink converts the table's physical row type, a ROW that is NOT NULL, so
  // the record itself is no union; its fields are as a nested ROW's.
  json fields = json::array();
  for (const auto& c : t.columns) {
    if (c.generated || c.metadata) continue;  // not physical: not in the written value
    bool nullable = false;
    json s = FieldSchema(c.type, c.not_null, record_name + "_" + c.name, options, nullable);
    if (s.is_object() && s.contains("error"))
      return ErrorResult("column '" + c.name + "': " + s["error"].get<std::string>());
    json field = {{"name", c.name}, {"type", std::move(s)}};
    if (nullable) field["default"] = nullptr;
    fields.push_back(std::move(field));
  }
  return {{"type", "record"}, {"name", record_name}, {"fields", std::move(fields)}};
}

// ---------------------------------------------------------------------------
// Modes.

auto ParseMode(const std::string& s) -> std::optional<Mode> {
  std::string u = Upper(s);
  std::replace(u.begin(), u.end(), '-', '_');
  if (u == "BACKWARD") return Mode::Backward;
  if (u == "BACKWARD_TRANSITIVE") return Mode::BackwardTransitive;
  if (u == "FORWARD") return Mode::Forward;
  if (u == "FORWARD_TRANSITIVE") return Mode::ForwardTransitive;
  if (u == "FULL") return Mode::Full;
  if (u == "FULL_TRANSITIVE") return Mode::FullTransitive;
  if (u == "NONE") return Mode::None;
  return std::nullopt;
}

auto ModeName(Mode m) -> std::string {
  switch (m) {
    case Mode::Backward: return "BACKWARD";
    case Mode::BackwardTransitive: return "BACKWARD_TRANSITIVE";
    case Mode::Forward: return "FORWARD";
    case Mode::ForwardTransitive: return "FORWARD_TRANSITIVE";
    case Mode::Full: return "FULL";
    case Mode::FullTransitive: return "FULL_TRANSITIVE";
    case Mode::None: return "NONE";
  }
  return "NONE";
}

// ---------------------------------------------------------------------------
// Schema resolution.

namespace {

const std::set<std::string> kPrimitives = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"};

// s[key], or null when s is no object or lacks it: a malformed schema gives
// a finding, not an exception.
auto Get(const json& s, const char* key) -> const json& {
  static const json missing;
  if (!s.is_object()) return missing;
  auto it = s.find(key);
  return it == s.end() ? missing : *it;
}
auto Str(const json& s, const char* key) -> std::string {
  const json& v = Get(s, key);
  return v.is_string() ? v.get<std::string>() : "";
}
auto Int(const json& s, const char* key) -> int64_t {
  const json& v = Get(s, key);
  return v.is_number_integer() ? v.get<int64_t>() : -1;
}

// The named types (records, enums, fixed) a schema defines, by full name and
// by simple name, so that a reference by name resolves.
class Names {
 public:
  explicit Names(const json& root) { Collect(root, ""); }
  auto Find(const std::string& name, const std::string& ns) const -> const json* {
    if (name.find('.') == std::string::npos && !ns.empty())
      if (auto it = by_name_.find(ns + "." + name); it != by_name_.end()) return it->second;
    if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
    return nullptr;
  }
  /// The full name of a named type this schema defines (its namespace, its
  /// own or its enclosing definition's, and its name).
  auto FullName(const json& def) const -> std::string {
    if (auto it = full_.find(&def); it != full_.end()) return it->second;
    return Str(def, "name");
  }

 private:
  void Collect(const json& s, const std::string& ns) {
    if (s.is_array()) {
      for (const auto& b : s) Collect(b, ns);
      return;
    }
    if (!s.is_object() || !s.contains("type")) return;
    const json& type = s["type"];
    if (!type.is_string()) {
      Collect(type, ns);
      return;
    }
    std::string own_ns = ns;
    if (type == "record" || type == "error" || type == "enum" || type == "fixed") {
      std::string name = Str(s, "name");
      if (s.contains("namespace") && s["namespace"].is_string()) own_ns = s["namespace"];
      if (auto dot = name.rfind('.'); dot != std::string::npos) own_ns = name.substr(0, dot);
      std::string simple = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
      std::string full = own_ns.empty() ? simple : own_ns + "." + simple;
      by_name_.emplace(full, &s);
      by_name_.emplace(simple, &s);
      full_.emplace(&s, full);
    }
    if ((type == "record" || type == "error") && s.contains("fields") && s["fields"].is_array()) {
      for (const auto& f : s["fields"])
        if (f.is_object() && f.contains("type")) Collect(f["type"], own_ns);
    } else if (type == "array" && s.contains("items")) {
      Collect(s["items"], own_ns);
    } else if (type == "map" && s.contains("values")) {
      Collect(s["values"], own_ns);
    }
  }
  std::map<std::string, const json*> by_name_;
  std::map<const json*, std::string> full_;
};

// A schema node seen through names and wrappers: its kind ("int", "record",
// "union", ...) and the node that defines it. Logical types count as their
// underlying type, as in Avro's checker.
struct Node {
  std::string kind;
  const json* def = nullptr;
};

class Resolver {
 public:
  Resolver(const json& reader, const json& writer) : reader_names_(reader), writer_names_(writer) {}

  void Read(const json& r, const json& w, const std::string& path, std::vector<Incompatibility>& out) {
    Node rn = Resolve(r, reader_names_), wn = Resolve(w, writer_names_);
    if (rn.kind.empty() || wn.kind.empty()) {
      out.push_back({path, "the schema at " + Where(path) + " is not a valid Avro schema"});
      return;
    }
    // A named type that refers to itself: assume what is being checked
    // holds (Avro's checker memoizes the pair as compatible while in progress).
    auto key = std::make_pair(rn.def, wn.def);
    if (in_progress_.count(key)) return;
    in_progress_.insert(key);
    ReadNode(rn, wn, path, out);
    in_progress_.erase(key);
  }

 private:
  static auto Where(const std::string& path) -> std::string {
    return path.empty() ? "the record" : "field '" + path + "'";
  }
  static auto Article(const std::string& kind) -> std::string {
    return std::string(kind.find_first_of("aeiou") == 0 ? "an " : "a ") + kind;
  }

  auto Resolve(const json& s, const Names& names) -> Node {
    if (s.is_string()) {
      std::string n = s;
      if (kPrimitives.count(n)) return {n, &s};
      if (const json* def = names.Find(n, "")) return Resolve(*def, names);
      return {};
    }
    if (s.is_array()) return {"union", &s};
    if (!s.is_object() || !s.contains("type")) return {};
    const json& type = s["type"];
    if (type.is_string()) {
      std::string k = type;
      if (k == "error") k = "record";
      if (kPrimitives.count(k) || k == "record" || k == "enum" || k == "fixed" || k == "array" || k == "map")
        return {k, &s};
      if (const json* def = names.Find(k, "")) return Resolve(*def, names);
      return {};
    }
    return Resolve(type, names);  // {"type": {"type": "int"}} or {"type": [...]}
  }

  // Nodes of the reader's schema, or of the writer's.
  auto Describe(const Node& n, const Names& names) -> std::string {
    if (n.kind == "record" || n.kind == "enum" || n.kind == "fixed") return n.kind + " '" + names.FullName(*n.def) + "'";
    return n.kind;
  }

  void Mismatch(const Node& r, const Node& w, const std::string& path, std::vector<Incompatibility>& out) {
    out.push_back({path, Where(path) + " is " + Article(Describe(w, writer_names_)) + " in the writer's schema, which " +
                             Article(Describe(r, reader_names_)) + " in the reader's cannot read"});
  }

  void CheckName(const Node& r, const Node& w, const std::string& path, std::vector<Incompatibility>& out) {
    // Avro's checker compares the unqualified names, or the writer's full
    // name with the reader's aliases.
    auto simple = [](const json& d) {
      std::string n = Str(d, "name");
      return n.substr(n.rfind('.') == std::string::npos ? 0 : n.rfind('.') + 1);
    };
    const json& rd = *r.def;
    const json& wd = *w.def;
    if (simple(rd) == simple(wd)) return;
    if (rd.contains("aliases") && rd["aliases"].is_array())
      for (const auto& a : rd["aliases"])
        if (a.is_string() && a == writer_names_.FullName(wd)) return;
    out.push_back({path, Where(path) + " is " + Describe(w, writer_names_) + " in the writer's schema but " +
                             Describe(r, reader_names_) + " in the reader's (no alias)"});
  }

  void ReadNode(const Node& r, const Node& w, const std::string& path, std::vector<Incompatibility>& out) {
    const json& rd = *r.def;
    const json& wd = *w.def;
    if (r.kind == w.kind) {
      if (kPrimitives.count(r.kind)) return;
      if (r.kind == "array") return Read(Get(rd, "items"), Get(wd, "items"), path + "[]", out);
      if (r.kind == "map") return Read(Get(rd, "values"), Get(wd, "values"), path + "{}", out);
      if (r.kind == "fixed") {
        CheckName(r, w, path, out);
        if (Int(rd, "size") != Int(wd, "size"))
          out.push_back({path, Where(path) + " is a fixed of size " + std::to_string(Int(wd, "size")) +
                                   " in the writer's schema but of size " + std::to_string(Int(rd, "size")) +
                                   " in the reader's"});
        return;
      }
      if (r.kind == "enum") {
        CheckName(r, w, path, out);
        std::set<std::string> reader_symbols;
        for (const auto& sym : Get(rd, "symbols"))
          if (sym.is_string()) reader_symbols.insert(sym.get<std::string>());
        std::vector<std::string> extra;
        for (const auto& sym : Get(wd, "symbols"))
          if (sym.is_string() && !reader_symbols.count(sym.get<std::string>())) extra.push_back(sym.get<std::string>());
        bool has_default = rd.contains("default") && rd["default"].is_string() &&
                           reader_symbols.count(rd["default"].get<std::string>());
        if (!extra.empty() && !has_default) {
          std::string list;
          for (const auto& e : extra) list += (list.empty() ? "'" : ", '") + e + "'";
          out.push_back({path, Where(path) + ": the reader's enum has no symbol " + list + " and no default"});
        }
        return;
      }
      if (r.kind == "record") {
        CheckName(r, w, path, out);
        return ReadFields(rd, wd, path, out);
      }
      // Two unions: every branch the writer may write needs a reader branch.
      for (const auto& branch : wd) {
        std::vector<Incompatibility> sub;
        Read(rd, branch, path, sub);
        if (!sub.empty()) {
          Node bn = Resolve(branch, writer_names_);
          out.push_back({path, Where(path) + " may be " + Article(Describe(bn, writer_names_)) +
                                   " in the writer's schema, which no branch of the reader's union reads"});
        }
      }
      return;
    }
    if (w.kind == "union") {
      // A writer union read by a non-union: every branch must be readable.
      // The spec lets the data decide (an error only when a datum takes a
      // branch the reader cannot read); Avro's checker, followed here,
      // requires every branch, so ["null", "int"] -> "int" is incompatible.
      for (const auto& branch : wd) Read(rd, branch, path, out);
      return;
    }
    if (r.kind == "union") {
      for (const auto& branch : rd) {
        std::vector<Incompatibility> sub;
        Read(branch, wd, path, sub);
        if (sub.empty()) return;
      }
      out.push_back({path, Where(path) + " is " + Article(Describe(w, writer_names_)) +
                               " in the writer's schema, which no branch of the reader's union reads"});
      return;
    }
    // Promotions: int -> long, float, double; long -> float, double;
    // float -> double; string <-> bytes.
    static const std::map<std::string, std::set<std::string>> promotions = {
        {"long", {"int"}},          {"float", {"int", "long"}}, {"double", {"int", "long", "float"}},
        {"bytes", {"string"}},      {"string", {"bytes"}},
    };
    if (auto it = promotions.find(r.kind); it != promotions.end() && it->second.count(w.kind)) return;
    Mismatch(r, w, path, out);
  }

  void ReadFields(const json& rd, const json& wd, const std::string& path, std::vector<Incompatibility>& out) {
    const json& rfields = Get(rd, "fields");
    const json& wfields = Get(wd, "fields");
    auto find = [&](const std::string& name) -> const json* {
      for (const auto& f : wfields)
        if (f.is_object() && Str(f, "name") == name) return &f;
      return nullptr;
    };
    for (const auto& rf : rfields) {
      if (!rf.is_object()) continue;
      std::string name = Str(rf, "name");
      std::string sub = path.empty() ? name : path + "." + name;
      const json* wf = find(name);
      if (!wf && rf.contains("aliases") && rf["aliases"].is_array())
        for (const auto& a : rf["aliases"])
          if (a.is_string() && (wf = find(a.get<std::string>()))) break;
      if (!wf) {
        // A reader field the writer does not have takes its default. (Avro's
        // checker only looks at whether there is one, not at whether it
        // fits the field's type.)
        if (!rf.contains("default")) out.push_back({sub, "field '" + sub + "' has no default"});
        continue;
      }
      Read(Get(rf, "type"), Get(*wf, "type"), sub, out);
    }
    // A writer field the reader does not have is skipped.
  }

  Names reader_names_, writer_names_;
  std::set<std::pair<const json*, const json*>> in_progress_;
};

}  // namespace

auto CanRead(const json& reader, const json& writer) -> std::vector<Incompatibility> {
  std::vector<Incompatibility> out;
  Resolver(reader, writer).Read(reader, writer, "", out);
  return out;
}

auto Check(const std::vector<json>& earlier, const json& next, Mode mode) -> std::vector<Finding> {
  std::vector<Finding> findings;
  if (earlier.empty() || mode == Mode::None) return findings;
  bool backward = mode == Mode::Backward || mode == Mode::BackwardTransitive || mode == Mode::Full ||
                  mode == Mode::FullTransitive;
  bool forward = mode == Mode::Forward || mode == Mode::ForwardTransitive || mode == Mode::Full ||
                 mode == Mode::FullTransitive;
  bool transitive = mode == Mode::BackwardTransitive || mode == Mode::ForwardTransitive ||
                    mode == Mode::FullTransitive;
  std::string name = ModeName(mode);
  size_t first = transitive ? 0 : earlier.size() - 1;
  for (size_t i = first; i < earlier.size(); ++i) {
    std::string version = "version " + std::to_string(i + 1);
    if (backward)
      for (auto& inc : CanRead(next, earlier[i]))
        findings.push_back({inc.field, inc.reason + ": a reader with the new schema cannot read data written with " +
                                           version + " (" + name + ")"});
    if (forward)
      for (auto& inc : CanRead(earlier[i], next))
        findings.push_back({inc.field, inc.reason + ": a reader with " + version +
                                           " cannot read data written with the new schema (" + name + ")"});
  }
  return findings;
}

}  // namespace schemac::backends::flink::avro
