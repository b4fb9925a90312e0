// Reading Snowflake's own catalog: the JSON output of the INFORMATION_SCHEMA
// queries that docs/backends/snowflake.md gives (snowsql -o
// output_format=json, one array of rows per query, under "tables",
// "columns", "views" and "pipes", and the rows of SHOW PRIMARY KEYS, SHOW
// UNIQUE KEYS and SHOW IMPORTED KEYS under "primary_keys", "unique_keys"
// and "imported_keys"). Types are rebuilt the way Lower spells
// them (DATA_TYPE TEXT with length 16777216 is VARCHAR(16777216), NUMBER
// with precision 38 and scale 0 is NUMBER(38,0)), so that a plan against
// the imported catalog shows only what really differs.
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <nlohmann/json.hpp>

#include "backends/snowflake/snowflake.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::snowflake {
namespace {

using Json = nlohmann::json;

/// A field of a row as text ("" for null or absent); numbers as written.
auto Text(const Json& row, const char* key) -> std::string {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number()) {
    double d = it->get<double>();
    if (d == static_cast<long long>(d)) return std::to_string(static_cast<long long>(d));
  }
  return it->dump();
}

auto Optional(const Json& row, const char* key) -> std::optional<std::string> {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return std::nullopt;
  return Text(row, key);
}

auto Yes(const std::string& v) -> bool {
  std::string u = UpperAscii(v);
  return u == "YES" || u == "Y" || u == "TRUE" || u == "ON" || u == "1";
}

/// The type as Lower spells it, from COLUMNS' DATA_TYPE and its sizes.
auto TypeOf(const Json& row, std::string& error) -> std::string {
  std::string t = UpperAscii(Text(row, "DATA_TYPE"));
  std::string length = Text(row, "CHARACTER_MAXIMUM_LENGTH");
  std::string precision = Text(row, "NUMERIC_PRECISION"), scale = Text(row, "NUMERIC_SCALE");
  std::string fraction = Text(row, "DATETIME_PRECISION");
  if (fraction.empty()) fraction = "9";
  if (t == "NUMBER" || t == "DECIMAL" || t == "NUMERIC")
    return "NUMBER(" + (precision.empty() ? "38" : precision) + "," + (scale.empty() ? "0" : scale) + ")";
  if (t == "TEXT" || t == "VARCHAR" || t == "STRING") return length.empty() ? kVarcharMax : "VARCHAR(" + length + ")";
  if (t == "BINARY" || t == "VARBINARY") return length.empty() ? kBinaryMax : "BINARY(" + length + ")";
  if (t == "FLOAT" || t == "DOUBLE" || t == "REAL" || t == "FLOAT4" || t == "FLOAT8" || t == "DOUBLE PRECISION")
    return "FLOAT";
  if (t == "TIME" || t == "TIMESTAMP_NTZ" || t == "TIMESTAMP_TZ" || t == "TIMESTAMP_LTZ") return t + "(" + fraction + ")";
  if (t == "BOOLEAN" || t == "DATE" || t == "VARIANT" || t == "OBJECT" || t == "ARRAY" || t == "GEOGRAPHY" ||
      t == "GEOMETRY")
    return t;
  error = "unknown DATA_TYPE '" + t + "'";
  return "";
}

/// LINEAR(A, B) as TABLES.CLUSTERING_KEY reports it: its keys.
auto ClusterKeys(std::string key) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::string up = UpperAscii(key);
  if (up.rfind("LINEAR(", 0) == 0 && key.back() == ')') key = key.substr(7, key.size() - 8);
  int depth = 0;
  std::string cur;
  bool quote = false;
  for (char c : key) {
    if (c == '\'' ) quote = !quote;
    if (!quote && c == '(') ++depth;
    if (!quote && c == ')') --depth;
    if (!quote && depth == 0 && c == ',') {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!cur.empty()) out.push_back(cur);
  for (auto& k : out) {
    size_t a = k.find_first_not_of(" \t\n"), b = k.find_last_not_of(" \t\n");
    k = a == std::string::npos ? "" : k.substr(a, b - a + 1);
  }
  return out;
}

/// A view's body: VIEWS.VIEW_DEFINITION is the whole CREATE statement, as written.
auto ViewBody(const std::string& ddl) -> std::string {
  for (const auto& t : target::ScanSql(ddl))
    if (t.kind == target::SqlToken::Kind::Name && UpperAscii(t.text) == "AS") {
      std::string body = ddl.substr(t.offset + t.length);
      size_t a = body.find_first_not_of(" \t\r\n");
      body = a == std::string::npos ? "" : body.substr(a);
      while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back()))))
        body.pop_back();
      return body;
    }
  return ddl;
}

/// An unquoted name as written in a definition, or a quoted one: the name the catalog stores.
auto Unquote(const target::SqlToken& t) -> std::string {
  return t.kind == target::SqlToken::Kind::QuotedName ? t.text : UpperAscii(t.text);
}

/// What a pipe's COPY statement loads: its table, stage and format.
void ReadCopy(const std::string& definition, catalog::Pipe& p, const std::string& schema) {
  auto tokens = target::ScanSql(definition);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    auto word = [&](size_t j, const char* w) {
      return j < tokens.size() && tokens[j].kind == target::SqlToken::Kind::Name && UpperAscii(tokens[j].text) == w;
    };
    if (word(i, "INTO") && i > 0 && word(i - 1, "COPY") && i + 1 < tokens.size()) {
      std::string a = Unquote(tokens[i + 1]);
      if (i + 3 < tokens.size() && tokens[i + 2].text == ".") p.table = {a, Unquote(tokens[i + 3])};
      else p.table = {schema, a};
    }
    if (t.kind == target::SqlToken::Kind::Symbol && t.text == "@" && p.stage.empty()) {
      size_t end = t.offset;
      while (end < definition.size() && !std::isspace(static_cast<unsigned char>(definition[end])) &&
             definition[end] != ')' && definition[end] != ';')
        ++end;
      p.stage = definition.substr(t.offset, end - t.offset);
    }
    if (word(i, "TYPE") && i + 2 < tokens.size() && tokens[i + 1].text == "=") {
      std::string f = tokens[i + 2].text;
      std::transform(f.begin(), f.end(), f.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      p.format = f;
    }
  }
}

/// The rows of one key, in key order: (key_sequence, row).
using KeyRows = std::vector<std::pair<long, const Json*>>;

auto KeySequence(const Json& row, const char* array, size_t n, std::string& error) -> std::optional<long> {
  try {
    return std::stol(Text(row, "key_sequence"));
  } catch (...) {
    error = std::string(array) + " row " + std::to_string(n) + ": key_sequence is not a number";
    return std::nullopt;
  }
}

/// Keys from the SHOW commands' rows: primary and unique keys by
/// (schema_name, table_name, constraint_name), foreign keys by (fk_schema_name,
/// fk_table_name, fk_name); each key's columns in key_sequence order. A key
/// of a table not imported (a view's, another database's) is skipped.
auto ReadKeys(const Json& doc, std::map<catalog::ObjectName, catalog::Table>& tables, std::string& error) -> bool {
  using K = catalog::Constraint::Kind;
  std::map<std::tuple<catalog::ObjectName, std::string>, std::pair<K, KeyRows>> keys;
  for (auto [array, kind] : {std::pair{"primary_keys", K::PrimaryKey}, std::pair{"unique_keys", K::Unique},
                             std::pair{"imported_keys", K::ForeignKey}}) {
    size_t n = 0;
    bool foreign = kind == K::ForeignKey;
    if (!doc.contains(array)) continue;
    for (const auto& row : doc.at(array)) {  // rows are kept by address: not doc.value's copy
      ++n;
      catalog::ObjectName table{Text(row, foreign ? "fk_schema_name" : "schema_name"),
                                Text(row, foreign ? "fk_table_name" : "table_name")};
      std::string name = Text(row, foreign ? "fk_name" : "constraint_name");
      if (name.empty()) {
        error = std::string(array) + " row " + std::to_string(n) + ": no " + (foreign ? "fk_name" : "constraint_name");
        return false;
      }
      if (!tables.count(table)) continue;
      auto seq = KeySequence(row, array, n, error);
      if (!seq) return false;
      auto& [k, rows] = keys[{table, name}];
      k = kind;
      rows.push_back({*seq, &row});
    }
  }
  for (auto& [id, key] : keys) {
    auto& [kind, rows] = key;
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    catalog::Constraint c;
    c.kind = kind;
    c.name = std::get<1>(id);
    const Json& first = *rows.front().second;
    bool foreign = kind == K::ForeignKey;
    for (const auto& [seq, row] : rows) {
      c.columns.push_back(Text(*row, foreign ? "fk_column_name" : "column_name"));
      if (foreign) c.ref_columns.push_back(Text(*row, "pk_column_name"));
    }
    if (foreign) {
      c.ref_table = {Text(first, "pk_schema_name"), Text(first, "pk_table_name")};
      auto rule = [&](const char* field) {
        std::string r = Text(first, field);
        std::transform(r.begin(), r.end(), r.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        return r.empty() ? std::string("no action") : r;
      };
      c.on_update = rule("update_rule");
      c.on_delete = rule("delete_rule");
    }
    tables[std::get<0>(id)].constraints.push_back(std::move(c));
  }
  return true;
}

}  // namespace

auto Import(const std::string& text, std::string& error) -> std::optional<catalog::Catalog> {
  Json doc;
  if (!target::ParseJson(text, doc, error)) return std::nullopt;
  if (!doc.is_object()) {
    error = "not a JSON object with \"tables\", \"columns\", \"views\" and \"pipes\" arrays";
    return std::nullopt;
  }
  for (const char* key : {"tables", "columns", "views", "pipes", "primary_keys", "unique_keys", "imported_keys"})
    if (doc.contains(key) && !doc[key].is_array()) {
      error = std::string("\"") + key + "\" is not an array of rows";
      return std::nullopt;
    }
  catalog::Catalog c;
  c.target = "snowflake";
  std::map<std::string, catalog::Schema> schemas;
  auto schema = [&](const std::string& name) -> catalog::Schema& {
    auto& s = schemas[name];
    s.name = name;
    return s;
  };
  std::map<catalog::ObjectName, catalog::Table> tables;
  size_t n = 0;
  for (const auto& row : doc.value("tables", Json::array())) {
    ++n;
    std::string type = UpperAscii(Text(row, "TABLE_TYPE"));
    if (type == "VIEW" || type == "MATERIALIZED VIEW") continue;
    std::string s = Text(row, "TABLE_SCHEMA"), name = Text(row, "TABLE_NAME");
    if (s.empty() || name.empty()) {
      error = "tables row " + std::to_string(n) + ": no TABLE_SCHEMA or TABLE_NAME";
      return std::nullopt;
    }
    if (s == "INFORMATION_SCHEMA") continue;
    catalog::Table t;
    t.name = name;
    if (Yes(Text(row, "IS_TRANSIENT"))) t.kind = "transient";
    if (auto key = Optional(row, "CLUSTERING_KEY"); key && !key->empty()) t.cluster_by = ClusterKeys(*key);
    std::string retention = Text(row, "RETENTION_TIME");
    if (!retention.empty() && retention != "1") t.options["data_retention_time_in_days"] = retention;
    if (Yes(Text(row, "CHANGE_TRACKING"))) t.options["change_tracking"] = "true";
    if (auto comment = Optional(row, "COMMENT")) t.comment = comment;
    schema(s);
    tables[{s, name}] = std::move(t);
  }
  std::map<catalog::ObjectName, std::vector<std::pair<long, catalog::Column>>> columns;
  n = 0;
  for (const auto& row : doc.value("columns", Json::array())) {
    ++n;
    catalog::ObjectName owner{Text(row, "TABLE_SCHEMA"), Text(row, "TABLE_NAME")};
    if (!tables.count(owner)) continue;  // a view's columns
    catalog::Column col;
    col.name = Text(row, "COLUMN_NAME");
    std::string why;
    col.type = TypeOf(row, why);
    if (col.type.empty()) {
      error = "columns row " + std::to_string(n) + " (" + owner.schema + "." + owner.name + "." + col.name + "): " + why;
      return std::nullopt;
    }
    col.not_null = UpperAscii(Text(row, "IS_NULLABLE")) == "NO";
    if (Yes(Text(row, "IS_IDENTITY"))) col.identity = "by default";
    else if (auto d = Optional(row, "COLUMN_DEFAULT")) col.default_expr = d;
    if (auto comment = Optional(row, "COMMENT")) col.comment = comment;
    long position = 0;
    try {
      position = std::stol(Text(row, "ORDINAL_POSITION"));
    } catch (...) {
      error = "columns row " + std::to_string(n) + ": ORDINAL_POSITION is not a number";
      return std::nullopt;
    }
    columns[owner].push_back({position, std::move(col)});
  }
  for (auto& [name, cols] : columns) {
    std::sort(cols.begin(), cols.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [pos, col] : cols) tables[name].columns.push_back(std::move(col));
  }
  if (!ReadKeys(doc, tables, error)) return std::nullopt;
  for (auto& [name, t] : tables) schema(name.schema).tables.push_back(std::move(t));
  n = 0;
  for (const auto& row : doc.value("views", Json::array())) {
    ++n;
    std::string s = Text(row, "TABLE_SCHEMA");
    if (s == "INFORMATION_SCHEMA") continue;
    catalog::View v;
    v.name = Text(row, "TABLE_NAME");
    std::string ddl = Text(row, "VIEW_DEFINITION");
    v.materialized = UpperAscii(ddl).find("MATERIALIZED VIEW") != std::string::npos &&
                     UpperAscii(ddl).find("MATERIALIZED VIEW") < UpperAscii(ddl).find(" AS");
    v.definition = ViewBody(ddl);
    if (auto comment = Optional(row, "COMMENT")) v.comment = comment;
    schema(s).views.push_back(std::move(v));
  }
  n = 0;
  for (const auto& row : doc.value("pipes", Json::array())) {
    ++n;
    std::string s = Text(row, "PIPE_SCHEMA");
    catalog::Pipe p;
    p.name = Text(row, "PIPE_NAME");
    p.definition = Text(row, "DEFINITION");
    p.auto_ingest = Yes(Text(row, "IS_AUTOINGEST_ENABLED"));
    if (auto pattern = Optional(row, "PATTERN"); pattern && !pattern->empty()) p.pattern = pattern;
    if (auto comment = Optional(row, "COMMENT")) p.comment = comment;
    ReadCopy(p.definition, p, s);
    if (p.table.name.empty()) {
      error = "pipes row " + std::to_string(n) + " (" + s + "." + p.name + "): its DEFINITION is not a COPY INTO statement";
      return std::nullopt;
    }
    schema(s).pipes.push_back(std::move(p));
  }
  for (auto& [name, s] : schemas) c.schemas.push_back(std::move(s));
  catalog::Canonicalize(c);
  // A view depends on the relations its body names.
  for (auto& s : c.schemas)
    for (auto& v : s.views) {
      for (const auto& t : target::ScanSql(v.definition)) {
        if (t.kind != target::SqlToken::Kind::Name && t.kind != target::SqlToken::Kind::QuotedName) continue;
        catalog::ObjectName rel{s.name, Unquote(t)};
        if ((c.FindTable(rel) || c.FindView(rel)) && rel.name != v.name) v.depends_on.push_back(rel);
      }
      std::sort(v.depends_on.begin(), v.depends_on.end());
      v.depends_on.erase(std::unique(v.depends_on.begin(), v.depends_on.end()), v.depends_on.end());
    }
  return c;
}

}  // namespace schemac::backends::snowflake
