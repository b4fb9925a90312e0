// Reading a Firebolt catalog from the output of the information_schema
// queries docs/backends/firebolt.md lists: one JSON object
// {"tables": [...], "columns": [...], "views": [...]}, each an array of rows,
// a row an object keyed by the query's column names (as the firebolt CLI
// and the Python SDK return them). Values may be strings, numbers, booleans
// or null; YES/NO and true/false both read as booleans.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "backends/firebolt/firebolt.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::firebolt {
namespace {

using json = nlohmann::json;

auto LowerAscii(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

auto Trim(std::string s) -> std::string {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ';')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

/// One row of a section, its keys lower-cased.
class Row {
 public:
  Row(const json& row, std::string where) : where_(std::move(where)) {
    for (auto it = row.begin(); it != row.end(); ++it) fields_[LowerAscii(it.key())] = it.value();
  }
  auto Has(const std::string& key) const -> bool {
    auto it = fields_.find(key);
    return it != fields_.end() && !it->second.is_null();
  }
  /// The text of a field; absent or null: "" (and `error` when required).
  auto Text(const std::string& key, std::string& error, bool required = true) const -> std::string {
    auto it = fields_.find(key);
    if (it == fields_.end() || it->second.is_null()) {
      if (required && error.empty()) error = where_ + ": no " + key;
      return "";
    }
    const json& v = it->second;
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "YES" : "NO";
    if (v.is_number()) return v.dump();
    if (error.empty()) error = where_ + ": " + key + " is not a string";
    return "";
  }
  auto Flag(const std::string& key, std::string& error) const -> bool {
    std::string v = LowerAscii(Text(key, error));
    if (v == "yes" || v == "true" || v == "1") return true;
    if (v == "no" || v == "false" || v == "0" || v.empty()) return false;
    if (error.empty()) error = where_ + ": " + key + " is '" + v + "', not YES or NO";
    return false;
  }
  auto Json(const std::string& key) const -> const json* {
    auto it = fields_.find(key);
    return it == fields_.end() ? nullptr : &it->second;
  }

 private:
  std::string where_;
  std::map<std::string, json> fields_;
};

/// The names of a comma-separated list ("a, \"B\"") or a JSON array of them.
auto NameList(const json* v) -> std::vector<std::string> {
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  if (v->is_array()) {
    for (const auto& n : *v)
      if (n.is_string()) out.push_back(n.get<std::string>());
    return out;
  }
  if (!v->is_string()) return out;
  for (const auto& t : target::ScanSql(v->get<std::string>())) {
    if (t.kind == target::SqlToken::Kind::Name) out.push_back(LowerAscii(t.text));
    else if (t.kind == target::SqlToken::Kind::QuotedName) out.push_back(t.text);
  }
  return out;
}

/// The text after PARTITION BY in a table's DDL, or "".
auto PartitionFromDdl(const std::string& ddl) -> std::string {
  std::string lower = LowerAscii(ddl);
  size_t at = lower.rfind("partition by");
  if (at == std::string::npos) return "";
  return Trim(ddl.substr(at + 12));
}

/// A view's body: view_definition may hold the whole CREATE VIEW statement.
auto ViewBody(const std::string& definition) -> std::string {
  std::string body = Trim(definition);
  std::string lower = LowerAscii(body);
  if (lower.rfind("create", 0) == 0) {
    // CREATE [OR REPLACE] VIEW name AS body: the body starts after the first AS token.
    for (const auto& t : target::ScanSql(body))
      if (t.kind == target::SqlToken::Kind::Name && LowerAscii(t.text) == "as") return Trim(body.substr(t.offset + 2));
  }
  return body;
}

auto Section(const json& doc, const char* name, std::string& error) -> const json* {
  auto it = doc.find(name);
  if (it == doc.end()) return nullptr;  // a database without views has no rows to give
  if (!it->is_array()) {
    error = std::string("\"") + name + "\" is not an array of rows";
    return nullptr;
  }
  return &*it;
}

}  // namespace

auto ImportCatalog(const std::string& text, std::string& error) -> std::optional<catalog::Catalog> {
  error.clear();
  json doc;
  if (!target::ParseJson(text, doc, error)) return std::nullopt;
  if (!doc.is_object()) {
    error = "not a JSON object with \"tables\" and \"columns\" (and \"views\") arrays";
    return std::nullopt;
  }
  if (!doc.contains("tables") || !doc.contains("columns")) {
    error = "the JSON object has no \"tables\" or no \"columns\" (docs/backends/firebolt.md)";
    return std::nullopt;
  }
  catalog::Catalog c;
  c.target = "firebolt";
  std::map<std::string, catalog::Schema> schemas;
  std::map<catalog::ObjectName, catalog::Table> tables;
  std::map<catalog::ObjectName, std::vector<std::pair<long, catalog::Column>>> columns;
  std::map<catalog::ObjectName, std::vector<std::pair<long, std::string>>> in_partition, in_index;
  std::map<catalog::ObjectName, bool> index_listed;

  if (const json* rows = Section(doc, "tables", error)) {
    for (size_t i = 0; i < rows->size(); ++i) {
      Row r((*rows)[i], "tables[" + std::to_string(i) + "]");
      catalog::Table t;
      std::string schema = r.Text("table_schema", error);
      t.name = r.Text("table_name", error);
      std::string type = LowerAscii(r.Text("table_type", error, false));
      if (type == "view") continue;
      t.kind = type == "dimension" ? "dimension" : "fact";
      if (r.Has("primary_index")) {
        t.cluster_by = NameList(r.Json("primary_index"));
        index_listed[{schema, t.name}] = true;
      }
      if (r.Has("ddl"))
        if (std::string p = PartitionFromDdl(r.Text("ddl", error)); !p.empty()) t.options["partition_by"] = p;
      if (!error.empty()) return std::nullopt;
      schemas[schema].name = schema;
      tables[{schema, t.name}] = std::move(t);
    }
  }
  if (!error.empty()) return std::nullopt;
  if (const json* rows = Section(doc, "columns", error)) {
    for (size_t i = 0; i < rows->size(); ++i) {
      std::string where = "columns[" + std::to_string(i) + "]";
      Row r((*rows)[i], where);
      catalog::ObjectName table{r.Text("table_schema", error), r.Text("table_name", error)};
      catalog::Column col;
      col.name = r.Text("column_name", error);
      std::string position = r.Text("ordinal_position", error);
      col.type = CanonicalType(r.Text("data_type", error));
      col.not_null = !r.Flag("is_nullable", error);
      std::string def = r.Text("column_default", error, false);
      if (!def.empty() && LowerAscii(def) != "null") col.default_expr = def;
      bool pi = r.Has("is_in_primary_index") && r.Flag("is_in_primary_index", error);
      bool part = r.Has("is_in_partition_expr") && r.Flag("is_in_partition_expr", error);
      if (!error.empty()) return std::nullopt;
      long pos = 0;
      try {
        pos = std::stol(position);
      } catch (...) {
        error = where + ": ordinal_position '" + position + "' is not a number";
        return std::nullopt;
      }
      if (!tables.count(table)) continue;  // a view's column
      if (pi) in_index[table].push_back({pos, col.name});
      if (part) in_partition[table].push_back({pos, col.name});
      columns[table].push_back({pos, std::move(col)});
    }
  }
  if (!error.empty()) return std::nullopt;
  // A rebuild that stopped between its two renames leaves t__old and t__new
  // and no t: a plan from that state would create an empty t and drop both
  // copies. Refuse it, naming the way to finish the rebuild.
  for (const auto& [name, t] : tables) {
    const std::string suffix = kOldSuffix;
    if (name.name.size() <= suffix.size() || name.name.compare(name.name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    std::string base = name.name.substr(0, name.name.size() - suffix.size());
    if (!tables.count({name.schema, base}) && tables.count({name.schema, base + kNewSuffix})) {
      error = "table " + name.schema + "." + base + " is missing while " + base + kOldSuffix + " and " + base +
              kNewSuffix + " exist: a rebuild stopped between its renames; finish it (ALTER TABLE " + QuoteIdent(base + kNewSuffix) +
              " RENAME TO " + QuoteIdent(base) + "; DROP TABLE " + QuoteIdent(base + kOldSuffix) +
              ";) or undo it (ALTER TABLE " + QuoteIdent(base + kOldSuffix) + " RENAME TO " + QuoteIdent(base) +
              ";), then import again";
      return std::nullopt;
    }
  }
  for (auto& [name, t] : tables) {
    auto& cols = columns[name];
    std::stable_sort(cols.begin(), cols.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [pos, col] : cols) t.columns.push_back(std::move(col));
    // Without primary_index (older versions), the columns flagged for it, in order.
    if (!index_listed.count(name))
      for (auto& [pos, n] : in_index[name]) t.cluster_by.push_back(n);
    // Without the DDL, a partition by plain columns is the columns flagged for it.
    if (!t.options.count("partition_by") && !in_partition[name].empty()) {
      std::string keys;
      for (auto& [pos, n] : in_partition[name]) keys += (keys.empty() ? "" : ", ") + QuoteIdent(n);
      t.options["partition_by"] = keys;
    }
    schemas[name.schema].tables.push_back(std::move(t));
  }
  if (const json* rows = Section(doc, "views", error)) {
    for (size_t i = 0; i < rows->size(); ++i) {
      Row r((*rows)[i], "views[" + std::to_string(i) + "]");
      std::string schema = r.Text("table_schema", error);
      catalog::View v;
      v.name = r.Text("table_name", error);
      v.definition = ViewBody(r.Text("view_definition", error));
      if (!error.empty()) return std::nullopt;
      schemas[schema].name = schema;
      schemas[schema].views.push_back(std::move(v));
    }
  }
  if (!error.empty()) return std::nullopt;
  // What a view reads: the relations of its schema its body names.
  for (auto& [sname, s] : schemas) {
    for (auto& v : s.views) {
      for (const auto& t : target::ScanSql(v.definition)) {
        std::string n = t.kind == target::SqlToken::Kind::Name ? LowerAscii(t.text)
                        : t.kind == target::SqlToken::Kind::QuotedName ? t.text
                                                                        : "";
        if (n.empty() || n == v.name) continue;
        bool relation = tables.count({sname, n}) ||
                        std::any_of(s.views.begin(), s.views.end(), [&](const catalog::View& w) { return w.name == n; });
        catalog::ObjectName dep{sname, n};
        if (relation && std::find(v.depends_on.begin(), v.depends_on.end(), dep) == v.depends_on.end())
          v.depends_on.push_back(dep);
      }
      std::sort(v.depends_on.begin(), v.depends_on.end());
    }
    c.schemas.push_back(std::move(s));
  }
  catalog::Canonicalize(c);
  if (!catalog::Validate(c, error)) return std::nullopt;
  return c;
}

}  // namespace schemac::backends::firebolt
