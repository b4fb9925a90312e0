// Catalog lookups, canonical order and the snapshot JSON format.
#include "compiler/catalog/catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace schemac::catalog {

using Json = nlohmann::ordered_json;

auto Column::operator==(const Column& o) const -> bool {
  return name == o.name && type == o.type && type_ref == o.type_ref && not_null == o.not_null &&
         default_expr == o.default_expr && identity == o.identity && identity_options == o.identity_options &&
         generated == o.generated && generated_virtual == o.generated_virtual && metadata == o.metadata &&
         collation == o.collation && comment == o.comment;
}

auto Table::FindColumn(const std::string& n) const -> const Column* {
  for (const auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

template <typename T>
static auto FindByName(const std::vector<T>& v, const std::string& n) -> const T* {
  auto it = std::lower_bound(v.begin(), v.end(), n, [](const T& a, const std::string& b) { return a.name < b; });
  return it != v.end() && it->name == n ? &*it : nullptr;
}

auto Schema::FindTable(const std::string& n) const -> const Table* { return FindByName(tables, n); }
auto Schema::FindView(const std::string& n) const -> const View* { return FindByName(views, n); }
auto Schema::FindEnum(const std::string& n) const -> const Enum* { return FindByName(enums, n); }
auto Catalog::FindSchema(const std::string& n) const -> const Schema* { return FindByName(schemas, n); }
auto Catalog::FindTable(const ObjectName& n) const -> const Table* {
  const Schema* s = FindSchema(n.schema);
  return s ? s->FindTable(n.name) : nullptr;
}
auto Catalog::FindView(const ObjectName& n) const -> const View* {
  const Schema* s = FindSchema(n.schema);
  return s ? s->FindView(n.name) : nullptr;
}

void Canonicalize(Catalog& c) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(c.schemas.begin(), c.schemas.end(), by_name);
  for (auto& s : c.schemas) {
    std::sort(s.tables.begin(), s.tables.end(), by_name);
    std::sort(s.views.begin(), s.views.end(), by_name);
    std::sort(s.enums.begin(), s.enums.end(), by_name);
    std::sort(s.sequences.begin(), s.sequences.end(), by_name);
    std::sort(s.collations.begin(), s.collations.end(), by_name);
    std::sort(s.pipes.begin(), s.pipes.end(), by_name);
    for (auto& t : s.tables) {
      std::sort(t.constraints.begin(), t.constraints.end(), by_name);
      std::sort(t.indexes.begin(), t.indexes.end(), by_name);
    }
    for (auto& v : s.views) {
      std::sort(v.depends_on.begin(), v.depends_on.end());
      v.depends_on.erase(std::unique(v.depends_on.begin(), v.depends_on.end()), v.depends_on.end());
      std::sort(v.indexes.begin(), v.indexes.end(), by_name);
    }
  }
}

void ForgetSource(Catalog& c) {
  for (auto& sch : c.schemas) {
    sch.src = {};
    for (auto& t : sch.tables) {
      t.src = {};
      t.renamed_from.reset();
      for (auto& col : t.columns) {
        col.src = {};
        col.renamed_from.reset();
        col.lossy.reset();
      }
      for (auto& k : t.constraints) k.src = {};
      for (auto& ix : t.indexes) ix.src = {};
    }
    for (auto& v : sch.views) {
      v.src = {};
      for (auto& ix : v.indexes) ix.src = {};
    }
    for (auto& q : sch.sequences) q.src = {};
    for (auto& k : sch.collations) k.src = {};
    for (auto& p : sch.pipes) p.src = {};
    for (auto& e : sch.enums) {
      e.src = {};
      e.renamed_from.reset();
      e.value_renamed_from.clear();
    }
  }
}

namespace {

auto KindName(Constraint::Kind k) -> const char* {
  switch (k) {
    case Constraint::Kind::PrimaryKey: return "primary_key";
    case Constraint::Kind::Unique: return "unique";
    case Constraint::Kind::ForeignKey: return "foreign_key";
    case Constraint::Kind::Check: return "check";
    case Constraint::Kind::Exclusion: return "exclusion";
  }
  return "check";
}

auto ObjectJson(const ObjectName& n) -> Json { return Json::array({n.schema, n.name}); }

template <typename T>
void PutOpt(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
template <typename T>
void PutOpt(Json& j, const char* key, const Box<T>& v) {
  if (v) j[key] = *v;
}

auto IdentityJson(const IdentityOptions& o) -> Json {
  Json oj = Json::object();
  PutOpt(oj, "start", o.start);
  PutOpt(oj, "increment", o.increment);
  PutOpt(oj, "min", o.min);
  PutOpt(oj, "max", o.max);
  PutOpt(oj, "cache", o.cache);
  if (o.cycle) oj["cycle"] = true;
  return oj;
}

}  // namespace

auto ToJson(const Column& c) -> Json {
  Json j;
  j["name"] = c.name;
  j["type"] = c.type;
  if (c.type_ref) j["type_ref"] = ObjectJson(*c.type_ref);
  j["not_null"] = c.not_null;
  PutOpt(j, "default", c.default_expr);
  if (!c.identity.empty()) j["identity"] = c.identity;
  if (!c.identity_options.empty()) j["identity_options"] = IdentityJson(c.identity_options);
  PutOpt(j, "generated", c.generated);
  if (c.generated_virtual) j["generated_virtual"] = true;
  if (c.metadata) {
    Json mj = Json::object();
    if (!c.metadata->key.empty()) mj["key"] = c.metadata->key;
    if (c.metadata->is_virtual) mj["virtual"] = true;
    j["metadata"] = std::move(mj);
  }
  PutOpt(j, "collation", c.collation);
  PutOpt(j, "comment", c.comment);
  return j;
}

auto ToJson(const Table::Watermark& w) -> Json { return Json{{"column", w.column}, {"expression", w.expression}}; }

namespace {

auto KeyJson(const IndexKey& k) -> Json {
  Json kj;
  if (!k.column.empty()) kj["column"] = k.column;
  else kj["expression"] = k.expression;
  PutOpt(kj, "collation", k.collation);
  PutOpt(kj, "opclass", k.opclass);
  if (k.desc) kj["desc"] = true;
  PutOpt(kj, "nulls_first", k.nulls_first);
  return kj;
}

auto ConstraintJson(const Constraint& k) -> Json {
  Json j;
  j["name"] = k.name;
  j["kind"] = KindName(k.kind);
  if (k.kind != Constraint::Kind::Check && k.kind != Constraint::Kind::Exclusion) j["columns"] = k.columns;
  if (k.kind == Constraint::Kind::Exclusion) {
    const Index& x = k.exclusion;
    j["method"] = x.method;
    Json elements = Json::array();
    for (size_t i = 0; i < x.keys.size(); ++i) {
      Json ej = KeyJson(x.keys[i]);
      ej["operator"] = i < k.operators.size() ? k.operators[i] : "";
      elements.push_back(std::move(ej));
    }
    j["elements"] = std::move(elements);
    PutOpt(j, "where", x.where);
    if (!x.include.empty()) j["include"] = x.include;
    if (!x.storage.empty()) j["storage"] = x.storage;
  }
  if (k.kind == Constraint::Kind::ForeignKey) {
    j["ref_table"] = ObjectJson(k.ref_table);
    j["ref_columns"] = k.ref_columns;
    j["on_delete"] = k.on_delete;
    j["on_update"] = k.on_update;
    if (k.match_full) j["match"] = "full";
  }
  if (k.kind == Constraint::Kind::Check) j["check"] = k.check;
  if (k.nulls_not_distinct) j["nulls_not_distinct"] = true;
  if (k.deferrable) j["deferrable"] = true;
  if (k.initially_deferred) j["initially_deferred"] = true;
  if (k.no_inherit) j["no_inherit"] = true;
  if (k.not_valid) j["not_valid"] = true;
  return j;
}

auto IndexJson(const Index& ix) -> Json {
  Json j;
  j["name"] = ix.name;
  j["unique"] = ix.unique;
  j["method"] = ix.method;
  Json keys = Json::array();
  for (const auto& k : ix.keys) keys.push_back(KeyJson(k));
  j["keys"] = std::move(keys);
  PutOpt(j, "where", ix.where);
  if (ix.nulls_not_distinct) j["nulls_not_distinct"] = true;
  if (!ix.include.empty()) j["include"] = ix.include;
  if (!ix.storage.empty()) j["storage"] = ix.storage;
  if (ix.invalid) j["invalid"] = true;
  return j;
}

// ---- reading ----

struct Reader {
  std::string& error;
  std::string path;

  auto Fail(const std::string& what) -> bool {
    if (error.empty()) error = (path.empty() ? "" : path + ": ") + what;
    return false;
  }
  auto Str(const Json& j, const char* key, std::string& out, bool required = true) -> bool {
    if (!j.contains(key)) return required ? Fail(std::string("missing \"") + key + "\"") : true;
    if (!j[key].is_string()) return Fail(std::string("\"") + key + "\" must be a string");
    out = j[key].get<std::string>();
    return true;
  }
  template <typename Optional>  // std::optional<std::string> or Box<std::string>
  auto OptStr(const Json& j, const char* key, Optional& out) -> bool {
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) return Fail(std::string("\"") + key + "\" must be a string");
    out = j[key].get<std::string>();
    return true;
  }
  auto OptInt(const Json& j, const char* key, std::optional<int64_t>& out) -> bool {
    if (!j.contains(key)) return true;
    if (!j[key].is_number_integer()) return Fail(std::string("\"") + key + "\" must be an integer");
    out = j[key].get<int64_t>();
    return true;
  }
  auto Bool(const Json& j, const char* key, bool& out) -> bool {
    if (!j.contains(key)) return true;
    if (!j[key].is_boolean()) return Fail(std::string("\"") + key + "\" must be true or false");
    out = j[key].get<bool>();
    return true;
  }
  auto Strings(const Json& j, const char* key, std::vector<std::string>& out) -> bool {
    if (!j.contains(key)) return true;
    if (!j[key].is_array()) return Fail(std::string("\"") + key + "\" must be an array");
    for (const auto& s : j[key]) {
      if (!s.is_string()) return Fail(std::string("\"") + key + "\" must hold strings");
      out.push_back(s.get<std::string>());
    }
    return true;
  }
  auto Object(const Json& j, ObjectName& out) -> bool {
    if (!j.is_array() || j.size() != 2 || !j[0].is_string() || !j[1].is_string())
      return Fail("an object reference must be [\"schema\", \"name\"]");
    out = {j[0].get<std::string>(), j[1].get<std::string>()};
    return true;
  }
  auto Array(const Json& j, const char* key) -> const Json* {
    static const Json empty = Json::array();
    if (!j.contains(key)) return &empty;
    if (!j[key].is_array()) {
      Fail(std::string("\"") + key + "\" must be an array");
      return nullptr;
    }
    return &j[key];
  }
  auto Within(const std::string& p) -> Reader { return Reader{error, path.empty() ? p : path + "." + p}; }
};

auto ReadIdentity(Reader& r, const Json& oj, IdentityOptions& o) -> bool {
  if (!oj.is_object()) return r.Fail("identity or sequence options must be an object");
  return r.OptInt(oj, "start", o.start) && r.OptInt(oj, "increment", o.increment) && r.OptInt(oj, "min", o.min) &&
         r.OptInt(oj, "max", o.max) && r.OptInt(oj, "cache", o.cache) && r.Bool(oj, "cycle", o.cycle);
}

auto ReadColumn(Reader r, const Json& j, Column& c) -> bool {
  if (!j.is_object()) return r.Fail("a column must be an object");
  if (!r.Str(j, "name", c.name) || !r.Str(j, "type", c.type) || !r.Bool(j, "not_null", c.not_null) ||
      !r.OptStr(j, "default", c.default_expr) || !r.Str(j, "identity", c.identity, false) ||
      !r.OptStr(j, "generated", c.generated) || !r.OptStr(j, "collation", c.collation) ||
      !r.OptStr(j, "comment", c.comment))
    return false;
  if (!c.identity.empty() && c.identity != "always" && c.identity != "by default")
    return r.Fail("\"identity\" must be \"always\" or \"by default\"");
  if (j.contains("identity_options")) {
    if (!ReadIdentity(r, j["identity_options"], c.identity_options)) return false;
  }
  if (j.contains("type_ref")) {
    ObjectName n;
    if (!r.Object(j["type_ref"], n)) return false;
    c.type_ref = n;
  }
  if (!r.Bool(j, "generated_virtual", c.generated_virtual)) return false;
  if (c.generated_virtual && !c.generated) return r.Fail("\"generated_virtual\" needs \"generated\"");
  if (j.contains("metadata")) {
    const Json& mj = j["metadata"];
    Metadata m;
    std::optional<std::string> key;
    if (!mj.is_object()) return r.Fail("\"metadata\" must be an object");
    if (!r.OptStr(mj, "key", key) || !r.Bool(mj, "virtual", m.is_virtual)) return false;
    m.key = key.value_or("");
    c.metadata = m;
  }
  return true;
}

auto ReadCollation(Reader r, const Json& j, Collation& k) -> bool {
  if (!j.is_object() || !r.Str(j, "name", k.name) || !r.Str(j, "provider", k.provider) || !r.OptStr(j, "comment", k.comment))
    return r.Fail("invalid collation");
  if (k.provider != "icu" && k.provider != "libc") return r.Fail("\"provider\" must be \"icu\" or \"libc\"");
  std::optional<std::string> locale, lc_collate, lc_ctype;
  if (!r.OptStr(j, "locale", locale) || !r.OptStr(j, "lc_collate", lc_collate) || !r.OptStr(j, "lc_ctype", lc_ctype)) return false;
  k.locale = locale.value_or("");
  k.lc_collate = lc_collate.value_or("");
  k.lc_ctype = lc_ctype.value_or("");
  k.deterministic = true;
  if (j.contains("deterministic") && !r.Bool(j, "deterministic", k.deterministic)) return false;
  return true;
}

auto ReadSequence(Reader r, const Json& j, Sequence& q) -> bool {
  if (!j.is_object() || !r.Str(j, "name", q.name) || !r.Str(j, "type", q.type) || !r.OptStr(j, "comment", q.comment))
    return r.Fail("invalid sequence");
  if (j.contains("options") && !ReadIdentity(r, j["options"], q.options)) return false;
  if (j.contains("owned_by")) {
    ObjectName t;
    if (!r.Object(j["owned_by"], t) || !r.Str(j, "owned_column", q.owned_column)) return false;
    q.owned_table = t;
  }
  return true;
}

auto ReadPipe(Reader r, const Json& j, Pipe& p) -> bool {
  if (!j.is_object() || !r.Str(j, "name", p.name) || !j.contains("table") || !r.Object(j["table"], p.table) ||
      !r.Str(j, "stage", p.stage) || !r.Str(j, "format", p.format) || !r.OptStr(j, "pattern", p.pattern) ||
      !r.Str(j, "definition", p.definition) || !r.OptStr(j, "comment", p.comment))
    return r.Fail("invalid pipe");
  if (j.contains("auto_ingest") && !r.Bool(j, "auto_ingest", p.auto_ingest)) return false;
  return true;
}

auto ReadStorage(Reader& r, const Json& j, Index& ix) -> bool {
  if (!j.contains("storage")) return true;
  if (!j["storage"].is_object()) return r.Fail("\"storage\" must be an object of strings");
  for (const auto& [k, v] : j["storage"].items()) {
    if (!v.is_string()) return r.Fail("\"storage\" must be an object of strings");
    ix.storage[k] = v.get<std::string>();
  }
  return true;
}

/// An index key, or an exclusion constraint's element (less its operator).
auto ReadKey(Reader& r, const Json& kj, IndexKey& k) -> bool {
  if (!kj.is_object()) return r.Fail("an index key must be an object");
  if (!r.Str(kj, "column", k.column, false) || !r.Str(kj, "expression", k.expression, false) ||
      !r.OptStr(kj, "collation", k.collation) || !r.OptStr(kj, "opclass", k.opclass) || !r.Bool(kj, "desc", k.desc))
    return false;
  if (k.column.empty() == k.expression.empty()) return r.Fail("an index key has a \"column\" or an \"expression\"");
  if (kj.contains("nulls_first")) {
    bool nf = false;
    if (!r.Bool(kj, "nulls_first", nf)) return false;
    k.nulls_first = nf;
  }
  return true;
}

auto ReadConstraint(Reader r, const Json& j, Constraint& k) -> bool {
  if (!j.is_object()) return r.Fail("a constraint must be an object");
  std::string kind;
  if (!r.Str(j, "name", k.name) || !r.Str(j, "kind", kind)) return false;
  if (kind == "primary_key") k.kind = Constraint::Kind::PrimaryKey;
  else if (kind == "unique") k.kind = Constraint::Kind::Unique;
  else if (kind == "foreign_key") k.kind = Constraint::Kind::ForeignKey;
  else if (kind == "check") k.kind = Constraint::Kind::Check;
  else if (kind == "exclusion") k.kind = Constraint::Kind::Exclusion;
  else return r.Fail("unknown constraint kind \"" + kind + "\"");
  if (!r.Strings(j, "columns", k.columns) || !r.Bool(j, "not_valid", k.not_valid) ||
      !r.Bool(j, "deferrable", k.deferrable) || !r.Bool(j, "initially_deferred", k.initially_deferred) ||
      !r.Bool(j, "no_inherit", k.no_inherit) || !r.Bool(j, "nulls_not_distinct", k.nulls_not_distinct))
    return false;
  if (k.initially_deferred && !k.deferrable) return r.Fail("\"initially_deferred\" needs \"deferrable\"");
  if (k.kind == Constraint::Kind::ForeignKey) {
    if (!j.contains("ref_table")) return r.Fail("missing \"ref_table\"");
    if (!r.Object(j["ref_table"], k.ref_table) || !r.Strings(j, "ref_columns", k.ref_columns) ||
        !r.Str(j, "on_delete", k.on_delete, false) || !r.Str(j, "on_update", k.on_update, false))
      return false;
    std::string match = "simple";
    if (!r.Str(j, "match", match, false)) return false;
    if (match != "simple" && match != "full") return r.Fail("\"match\" must be \"simple\" or \"full\"");
    k.match_full = match == "full";
  }
  if (k.kind == Constraint::Kind::Check && !r.Str(j, "check", k.check)) return false;
  if (k.kind == Constraint::Kind::Exclusion) {
    Index& x = k.exclusion;
    if (!r.Str(j, "method", x.method, false) || !r.OptStr(j, "where", x.where) || !r.Strings(j, "include", x.include) ||
        !ReadStorage(r, j, x))
      return false;
    const Json* elements = r.Array(j, "elements");
    if (!elements) return false;
    if (elements->empty()) return r.Fail("an exclusion constraint needs \"elements\"");
    for (const auto& ej : *elements) {
      IndexKey key;
      std::string op;
      if (!ReadKey(r, ej, key) || !r.Str(ej, "operator", op)) return false;
      if (op.empty()) return r.Fail("an exclusion element needs an \"operator\"");
      x.keys.push_back(std::move(key));
      k.operators.push_back(std::move(op));
    }
  }
  return true;
}

auto ReadIndex(Reader r, const Json& j, Index& ix) -> bool {
  if (!j.is_object()) return r.Fail("an index must be an object");
  if (!r.Str(j, "name", ix.name) || !r.Bool(j, "unique", ix.unique) || !r.Str(j, "method", ix.method, false) ||
      !r.OptStr(j, "where", ix.where) || !r.Bool(j, "invalid", ix.invalid) ||
      !r.Bool(j, "nulls_not_distinct", ix.nulls_not_distinct) || !r.Strings(j, "include", ix.include) ||
      !ReadStorage(r, j, ix))
    return false;
  const Json* keys = r.Array(j, "keys");
  if (!keys) return false;
  for (const auto& kj : *keys) {
    IndexKey k;
    if (!ReadKey(r, kj, k)) return false;
    ix.keys.push_back(std::move(k));
  }
  return true;
}

auto ReadTable(Reader tr, const Json& tj, Table& t) -> bool {
  if (!tj.is_object() || !tr.Str(tj, "name", t.name) || !tr.OptStr(tj, "comment", t.comment))
    return tr.Fail("invalid table");
  const Json* cols = tr.Array(tj, "columns");
  const Json* cons = tr.Array(tj, "constraints");
  const Json* idx = tr.Array(tj, "indexes");
  if (!cols || !cons || !idx) return false;
  for (const auto& cj : *cols) {
    Column col;
    if (!ReadColumn(tr.Within(t.name), cj, col)) return false;
    t.columns.push_back(std::move(col));
  }
  for (const auto& kj : *cons) {
    Constraint k;
    if (!ReadConstraint(tr.Within(t.name), kj, k)) return false;
    t.constraints.push_back(std::move(k));
  }
  for (const auto& ij : *idx) {
    Index ix;
    if (!ReadIndex(tr.Within(t.name), ij, ix)) return false;
    t.indexes.push_back(std::move(ix));
  }
  if (tj.contains("options")) {
    if (!tj["options"].is_object()) return tr.Fail("\"options\" must be an object");
    for (auto it = tj["options"].begin(); it != tj["options"].end(); ++it) {
      if (!it.value().is_string()) return tr.Fail("option values must be strings");
      t.options[it.key()] = it.value().get<std::string>();
    }
  }
  if (!tr.Str(tj, "kind", t.kind, false) || !tr.Strings(tj, "cluster_by", t.cluster_by)) return false;
  if (tj.contains("watermark")) {
    Table::Watermark w;
    const Json& wj = tj["watermark"];
    if (!wj.is_object() || !tr.Str(wj, "column", w.column) || !tr.Str(wj, "expression", w.expression))
      return tr.Fail("\"watermark\" must be {\"column\", \"expression\"}");
    t.watermark = std::move(w);
  }
  if (tj.contains("partition_of")) {
    ObjectName parent;
    if (!tr.Object(tj["partition_of"], parent) || !tr.Str(tj, "partition_bound", t.partition_bound)) return false;
    t.partition_of = parent;
  }
  return true;
}

}  // namespace

auto ToJson(const Catalog& in) -> std::string {
  Catalog c = in;
  Canonicalize(c);
  Json root;
  root["format"] = kSnapshotFormat;
  root["target"] = c.target;
  Json schemas = Json::array();
  for (const auto& s : c.schemas) {
    Json sj;
    sj["name"] = s.name;
    Json enums = Json::array();
    for (const auto& e : s.enums) {
      Json ej;
      ej["name"] = e.name;
      ej["values"] = e.values;
      PutOpt(ej, "comment", e.comment);
      enums.push_back(std::move(ej));
    }
    sj["enums"] = std::move(enums);
    Json tables = Json::array();
    for (const auto& t : s.tables) {
      Json tj;
      tj["name"] = t.name;
      Json cols = Json::array();
      for (const auto& col : t.columns) cols.push_back(ToJson(col));
      tj["columns"] = std::move(cols);
      Json cons = Json::array();
      for (const auto& k : t.constraints) cons.push_back(ConstraintJson(k));
      tj["constraints"] = std::move(cons);
      Json idx = Json::array();
      for (const auto& ix : t.indexes) idx.push_back(IndexJson(ix));
      tj["indexes"] = std::move(idx);
      PutOpt(tj, "comment", t.comment);
      if (!t.options.empty()) {
        Json oj = Json::object();
        for (const auto& [k, v] : t.options) oj[k] = v;
        tj["options"] = std::move(oj);
      }
      if (!t.kind.empty()) tj["kind"] = t.kind;
      if (!t.cluster_by.empty()) tj["cluster_by"] = t.cluster_by;
      if (t.watermark) tj["watermark"] = ToJson(*t.watermark);
      if (t.partition_of) {
        tj["partition_of"] = ObjectJson(*t.partition_of);
        tj["partition_bound"] = t.partition_bound;
      }
      tables.push_back(std::move(tj));
    }
    sj["tables"] = std::move(tables);
    Json views = Json::array();
    for (const auto& v : s.views) {
      Json vj;
      vj["name"] = v.name;
      vj["materialized"] = v.materialized;
      vj["definition"] = v.definition;
      Json deps = Json::array();
      for (const auto& d : v.depends_on) deps.push_back(ObjectJson(d));
      vj["depends_on"] = std::move(deps);
      PutOpt(vj, "comment", v.comment);
      if (!v.indexes.empty()) {
        Json idx = Json::array();
        for (const auto& ix : v.indexes) idx.push_back(IndexJson(ix));
        vj["indexes"] = std::move(idx);
      }
      views.push_back(std::move(vj));
    }
    sj["views"] = std::move(views);
    if (!s.collations.empty()) {
      Json colls = Json::array();
      for (const auto& k : s.collations) {
        Json kj;
        kj["name"] = k.name;
        kj["provider"] = k.provider;
        if (!k.locale.empty()) kj["locale"] = k.locale;
        if (!k.lc_collate.empty()) kj["lc_collate"] = k.lc_collate;
        if (!k.lc_ctype.empty()) kj["lc_ctype"] = k.lc_ctype;
        kj["deterministic"] = k.deterministic;
        PutOpt(kj, "comment", k.comment);
        colls.push_back(std::move(kj));
      }
      sj["collations"] = std::move(colls);
    }
    if (!s.sequences.empty()) {
      Json seqs = Json::array();
      for (const auto& q : s.sequences) {
        Json qj;
        qj["name"] = q.name;
        qj["type"] = q.type;
        if (!q.options.empty()) qj["options"] = IdentityJson(q.options);
        if (q.owned_table) {
          qj["owned_by"] = ObjectJson(*q.owned_table);
          qj["owned_column"] = q.owned_column;
        }
        PutOpt(qj, "comment", q.comment);
        seqs.push_back(std::move(qj));
      }
      sj["sequences"] = std::move(seqs);
    }
    if (!s.pipes.empty()) {
      Json pipes = Json::array();
      for (const auto& p : s.pipes) {
        Json pj;
        pj["name"] = p.name;
        pj["table"] = ObjectJson(p.table);
        pj["stage"] = p.stage;
        pj["format"] = p.format;
        pj["auto_ingest"] = p.auto_ingest;
        PutOpt(pj, "pattern", p.pattern);
        pj["definition"] = p.definition;
        PutOpt(pj, "comment", p.comment);
        pipes.push_back(std::move(pj));
      }
      sj["pipes"] = std::move(pipes);
    }
    schemas.push_back(std::move(sj));
  }
  root["schemas"] = std::move(schemas);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

namespace {

/// Converts a parsed snapshot. `pre`, when given, holds each schema's tables
/// already read by the streaming pass (their DOM arrays are then empty).
auto Convert(const Json& root, std::vector<std::vector<Table>>* pre, std::string& error) -> std::optional<Catalog> {
  Reader r{error, ""};
  if (!root.is_object()) {
    r.Fail("the top level must be an object");
    return std::nullopt;
  }
  std::string format;
  if (!r.Str(root, "format", format)) return std::nullopt;
  if (format != kSnapshotFormat) {
    r.Fail("unsupported format \"" + format + "\" (expected \"" + kSnapshotFormat + "\")");
    return std::nullopt;
  }
  Catalog c;
  if (!r.Str(root, "target", c.target)) return std::nullopt;
  const Json* schemas = r.Array(root, "schemas");
  if (!schemas) return std::nullopt;
  for (size_t si = 0; si < schemas->size(); ++si) {
    const Json& sj = (*schemas)[si];
    Reader sr = r.Within("schemas[" + std::to_string(si) + "]");
    if (!sj.is_object()) {
      sr.Fail("a schema must be an object");
      return std::nullopt;
    }
    Schema s;
    if (!sr.Str(sj, "name", s.name)) return std::nullopt;
    const Json* enums = sr.Array(sj, "enums");
    const Json* tables = sr.Array(sj, "tables");
    const Json* views = sr.Array(sj, "views");
    if (!enums || !tables || !views) return std::nullopt;
    if (sj.contains("collations")) {
      const Json* colls = sr.Array(sj, "collations");
      if (!colls) return std::nullopt;
      for (const auto& kj : *colls) {
        Collation k;
        if (!ReadCollation(sr, kj, k)) return std::nullopt;
        s.collations.push_back(std::move(k));
      }
    }
    if (sj.contains("sequences")) {
      const Json* seqs = sr.Array(sj, "sequences");
      if (!seqs) return std::nullopt;
      for (const auto& qj : *seqs) {
        Sequence q;
        if (!ReadSequence(sr, qj, q)) return std::nullopt;
        s.sequences.push_back(std::move(q));
      }
    }
    if (sj.contains("pipes")) {
      const Json* pipes = sr.Array(sj, "pipes");
      if (!pipes) return std::nullopt;
      for (const auto& pj : *pipes) {
        Pipe p;
        if (!ReadPipe(sr, pj, p)) return std::nullopt;
        s.pipes.push_back(std::move(p));
      }
    }
    for (const auto& ej : *enums) {
      Enum e;
      if (!ej.is_object() || !sr.Str(ej, "name", e.name) || !sr.Strings(ej, "values", e.values) ||
          !sr.OptStr(ej, "comment", e.comment)) {
        sr.Fail("invalid enum");
        return std::nullopt;
      }
      s.enums.push_back(std::move(e));
    }
    if (pre) {
      if (si >= pre->size()) return std::nullopt;
      s.tables = std::move((*pre)[si]);
    }
    for (size_t ti = 0; ti < tables->size(); ++ti) {
      Table t;
      if (!ReadTable(sr.Within("tables[" + std::to_string(ti) + "]"), (*tables)[ti], t)) return std::nullopt;
      s.tables.push_back(std::move(t));
    }
    for (const auto& vj : *views) {
      View v;
      if (!vj.is_object() || !sr.Str(vj, "name", v.name) || !sr.Bool(vj, "materialized", v.materialized) ||
          !sr.Str(vj, "definition", v.definition) || !sr.OptStr(vj, "comment", v.comment)) {
        sr.Fail("invalid view");
        return std::nullopt;
      }
      const Json* deps = sr.Array(vj, "depends_on");
      if (!deps) return std::nullopt;
      for (const auto& d : *deps) {
        ObjectName n;
        if (!sr.Object(d, n)) return std::nullopt;
        v.depends_on.push_back(n);
      }
      if (vj.contains("indexes")) {
        const Json* idx = sr.Array(vj, "indexes");
        if (!idx) return std::nullopt;
        for (const auto& ij : *idx) {
          Index ix;
          if (!ReadIndex(sr.Within(v.name), ij, ix)) return std::nullopt;
          v.indexes.push_back(std::move(ix));
        }
      }
      s.views.push_back(std::move(v));
    }
    s.src = {};
    c.schemas.push_back(std::move(s));
  }
  if (!Validate(c, error)) return std::nullopt;
  Canonicalize(c);
  return c;
}

/// A SAX handler that builds the snapshot's DOM except for the tables: each
/// element of `schemas[i].tables` gets a small DOM of its own, is read into a
/// `Table` and dropped, so a large snapshot is never held whole as a tree
/// (nlohmann's ordered_json costs several times the text). It only has to be
/// right for good input: on anything unexpected (a syntax error, a table it
/// cannot read, a repeated "schemas" or "tables" key) it stops, and FromJson
/// reads the text again the plain way, which reports the error as before.
class TableStreamer {
 public:
  using Dom = nlohmann::detail::json_sax_dom_parser<Json>;
  explicit TableStreamer(Json& root) : outer_(root, false) {}

  std::vector<std::vector<Table>> tables;  ///< per schema object, in order

  bool null() { return Value([](Dom& d) { return d.null(); }); }
  bool boolean(bool v) { return Value([&](Dom& d) { return d.boolean(v); }); }
  bool number_integer(Json::number_integer_t v) { return Value([&](Dom& d) { return d.number_integer(v); }); }
  bool number_unsigned(Json::number_unsigned_t v) { return Value([&](Dom& d) { return d.number_unsigned(v); }); }
  bool number_float(Json::number_float_t v, const std::string& s) {
    return Value([&](Dom& d) { return d.number_float(v, s); });
  }
  bool string(std::string& v) { return Value([&](Dom& d) { return d.string(v); }); }
  bool binary(Json::binary_t& v) { return Value([&](Dom& d) { return d.binary(v); }); }

  bool start_object(std::size_t n) {
    if (inner_depth_ > 0) return ++inner_depth_, inner_->start_object(n);
    if (!frames_.empty() && frames_.back().role == Role::Tables) {  // a table begins
      table_ = Json();
      inner_.emplace(table_, false);
      inner_depth_ = 1;
      return inner_->start_object(n);
    }
    Role role = frames_.empty() ? Role::Root : frames_.back().role == Role::Schemas ? Role::Schema : Role::Other;
    if (role == Role::Schema) tables.emplace_back();
    frames_.push_back({role, {}, false});
    return outer_.start_object(n);
  }
  bool key(std::string& k) {
    if (inner_depth_ > 0) return inner_->key(k);
    Frame& f = frames_.back();
    if ((f.role == Role::Root && k == "schemas") || (f.role == Role::Schema && k == "tables")) {
      if (f.seen) return false;  // a repeated key: the plain reader keeps the last one
      f.seen = true;
    }
    f.key = k;
    return outer_.key(k);
  }
  bool end_object() {
    if (inner_depth_ > 0) {
      if (!inner_->end_object()) return false;
      if (--inner_depth_ > 0) return true;
      inner_.reset();
      std::string error;
      Table t;
      if (!ReadTable(Reader{error, ""}, table_, t)) return false;
      tables.back().push_back(std::move(t));
      table_ = Json();
      return true;
    }
    frames_.pop_back();
    return outer_.end_object();
  }
  bool start_array(std::size_t n) {
    if (inner_depth_ > 0) return ++inner_depth_, inner_->start_array(n);
    if (frames_.empty()) return false;  // the plain reader reports a non-object top level
    const Frame& f = frames_.back();
    if (f.role == Role::Tables) return false;  // a table that is not an object
    Role role = f.role == Role::Root && f.key == "schemas"   ? Role::Schemas
                : f.role == Role::Schema && f.key == "tables" ? Role::Tables
                                                             : Role::Other;
    frames_.push_back({role, {}, false});
    return outer_.start_array(n);
  }
  bool end_array() {
    if (inner_depth_ > 0) return --inner_depth_, inner_->end_array();
    frames_.pop_back();
    return outer_.end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t, const std::string&, const Exception&) {
    return false;
  }

 private:
  enum class Role { Root, Schemas, Schema, Tables, Other };
  struct Frame {
    Role role;
    std::string key;  // the last key read, for an object
    bool seen;        // "schemas" (root) or "tables" (schema) already read
  };

  template <typename F>
  bool Value(F f) {
    if (inner_depth_ > 0) return f(*inner_);
    if (frames_.empty() || frames_.back().role == Role::Tables) return false;
    return f(outer_);
  }

  Dom outer_;
  std::vector<Frame> frames_;
  Json table_;
  std::optional<Dom> inner_;
  int inner_depth_ = 0;
};

}  // namespace

auto FromJson(const std::string& text, std::string& error) -> std::optional<Catalog> {
  try {
    Json root;
    TableStreamer streamer(root);
    if (Json::sax_parse(text, &streamer)) {
      std::string fast_error;
      if (auto c = Convert(root, &streamer.tables, fast_error)) return c;
    }
  } catch (const std::exception&) {  // fall through to the plain reader below
  }
  Json root;
  try {
    root = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for a number too large
    error = std::string("not valid JSON: ") + e.what();
    return std::nullopt;
  }
  return Convert(root, nullptr, error);
}

auto Validate(const Catalog& c, std::string& error) -> bool {
  auto dup = [&](const std::string& what, const std::string& where, const std::string& name) {
    error = what + " \"" + name + "\" appears twice" + (where.empty() ? "" : " in " + where);
    return false;
  };
  std::set<std::string> schemas;
  for (const auto& s : c.schemas) {
    if (!schemas.insert(s.name).second) return dup("schema", "", s.name);
    std::set<std::string> relations, types;
    for (const auto& t : s.tables) {
      if (!relations.insert(t.name).second) return dup("relation", "schema " + s.name, t.name);
      std::set<std::string> cols, cons;
      for (const auto& col : t.columns)
        if (!cols.insert(col.name).second) return dup("column", "table " + s.name + "." + t.name, col.name);
      for (const auto& k : t.constraints) {
        if (!cons.insert(k.name).second) return dup("constraint", "table " + s.name + "." + t.name, k.name);
        if (k.kind == Constraint::Kind::Exclusion &&
            (k.exclusion.keys.empty() || k.operators.size() != k.exclusion.keys.size() || k.exclusion.method.empty())) {
          error = "exclusion constraint \"" + k.name + "\" in table " + s.name + "." + t.name +
                  " needs a method and one operator per element";
          return false;
        }
      }
    }
    for (const auto& t : s.tables)
      for (const auto& ix : t.indexes)
        if (!relations.insert(ix.name).second) return dup("relation", "schema " + s.name, ix.name);
    for (const auto& v : s.views) {
      if (!relations.insert(v.name).second) return dup("relation", "schema " + s.name, v.name);
      for (const auto& ix : v.indexes)
        if (!relations.insert(ix.name).second) return dup("relation", "schema " + s.name, ix.name);
    }
    for (const auto& q : s.sequences)
      if (!relations.insert(q.name).second) return dup("relation", "schema " + s.name, q.name);
    std::set<std::string> collations;
    for (const auto& k : s.collations)
      if (!collations.insert(k.name).second) return dup("collation", "schema " + s.name, k.name);
    std::set<std::string> pipes;
    for (const auto& p : s.pipes)
      if (!pipes.insert(p.name).second) return dup("pipe", "schema " + s.name, p.name);
    for (const auto& e : s.enums) {
      if (!types.insert(e.name).second) return dup("enum", "schema " + s.name, e.name);
      std::set<std::string> values;
      for (const auto& v : e.values)
        if (!values.insert(v).second) return dup("value", "enum " + s.name + "." + e.name, v);
    }
  }
  return true;
}

}  // namespace schemac::catalog
