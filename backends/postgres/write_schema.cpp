// Writing a Postgres catalog as .schema source (`inspect --format schema`):
// source that compiles back to exactly the catalog it came from. Types are
// written in the language's own spelling; expressions the server stored are
// written as sql('...'), which lowering emits verbatim, so nothing is lost in
// translation; every constraint and index keeps its name.
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "backends/postgres/postgres.h"
#include "compiler/syntax/quote.h"
#include "compiler/syntax/storage.h"

namespace schemac::backends::postgres {
namespace {

/// Keywords of the .schema grammar: a name spelled like one is quoted.
auto IsKeyword(const std::string& s) -> bool {
  static const std::set<std::string> words = {
      "import", "schema", "table", "view", "materialized", "enum", "mixin", "include", "let", "for", "in", "as",
      "depends", "on", "union", "all", "not", "null", "default", "primary", "key", "unique", "references", "delete",
      "update", "cascade", "restrict", "set", "no", "action", "check", "identity", "generated", "always", "stored",
      "comment", "renamed", "from", "foreign", "index", "where", "using", "asc", "desc", "nulls", "first", "last",
      "and", "or", "is", "between", "like", "ilike", "case", "when", "then", "else", "end", "cast", "interval",
      "true", "false", "postgres", "snowflake", "firebolt", "flink", "pipe", "array", "map", "row", "struct", "with",
      "without", "time", "zone", "precision", "varying", "collate", "partition", "by", "cluster", "watermark",
      "type", "into", "sql", "deferrable", "initially", "deferred", "immediate", "match", "full", "simple", "inherit",
      "distinct", "extern"};
  return words.count(s) > 0;
}

/// A name as .schema source: bare when it is lower case and no keyword.
auto Name(const std::string& n) -> std::string {
  static const std::regex plain("[a-z_][a-z0-9_]*");
  if (std::regex_match(n, plain) && !IsKeyword(n)) return n;
  return syntax::QuoteIdentifier(n);
}

auto Literal(const std::string& s) -> std::string { return syntax::QuoteString(s); }

auto ColumnNames(const std::vector<std::string>& v) -> std::string {
  std::string s;
  for (const auto& c : v) s += (s.empty() ? "" : ", ") + Name(c);
  return s;
}

/// An expression: simple ones as they are, the rest as sql('...').
auto Expr(const std::string& e) -> std::string {
  static const std::regex number("-?[0-9]+(\\.[0-9]+)?");
  static const std::set<std::string> same = {"true", "false", "now()", "CURRENT_TIMESTAMP", "CURRENT_DATE",
                                             "gen_random_uuid()"};
  if (same.count(e) || (std::regex_match(e, number) && e.rfind('-', 0) != 0)) return e;
  return "sql(" + Literal(e) + ")";
}

/// The .schema type for a Postgres type (format_type's spelling), and a
/// pinned Postgres type when the portable one would lower differently.
auto Type(const catalog::Column& c, const std::string& schema) -> std::string {
  std::string t = c.type;
  int dims = 0;
  while (t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0) {
    t.resize(t.size() - 2);
    ++dims;
  }
  std::string suffix(static_cast<size_t>(dims) * 2, ' ');
  for (int i = 0; i < dims; ++i) suffix[static_cast<size_t>(i) * 2] = '[', suffix[static_cast<size_t>(i) * 2 + 1] = ']';
  if (c.type_ref) {
    bool bare = c.type_ref->schema == "public" && schema == "public";
    std::string n = bare ? Name(c.type_ref->name) : Name(c.type_ref->schema) + "." + Name(c.type_ref->name);
    return n + suffix;
  }
  static const std::map<std::string, std::string> simple = {
      {"boolean", "bool"}, {"smallint", "smallint"}, {"integer", "int"}, {"bigint", "bigint"}, {"real", "real"},
      {"double precision", "double precision"}, {"text", "text"}, {"bytea", "bytea"}, {"date", "date"},
      {"uuid", "uuid"}, {"jsonb", "jsonb"}, {"numeric", "decimal"}, {"character varying", "varchar"},
      {"time without time zone", "time"}, {"time with time zone", "timetz"},
      {"timestamp without time zone", "timestamp"}, {"timestamp with time zone", "timestamptz"},
      {"interval", "interval"}, {"bit varying", "bit varying"}};
  if (auto it = simple.find(t); it != simple.end()) return it->second + suffix;
  if (t == "json") return "json" + suffix + " postgres { type json" + suffix + " }";
  std::smatch m;
  static const std::regex numeric(R"(numeric\((\d+),(\d+)\))"), varchar(R"(character varying\((\d+)\))"),
      chr(R"(character\((\d+)\))"), time(R"((time|timestamp)\((\d+)\) (with|without) time zone)"),
      bits(R"((bit|bit varying)\((\d+)\))"), interval(R"(interval\((\d+)\))");
  if (std::regex_match(t, m, numeric)) return "decimal(" + m[1].str() + ", " + m[2].str() + ")" + suffix;
  if (std::regex_match(t, m, varchar)) return "varchar(" + m[1].str() + ")" + suffix;
  if (std::regex_match(t, m, chr)) return "char(" + m[1].str() + ")" + suffix;
  if (std::regex_match(t, m, time))
    return std::string(m[1] == "time" ? (m[3] == "with" ? "timetz" : "time") : (m[3] == "with" ? "timestamptz" : "timestamp")) +
           "(" + m[2].str() + ")" + suffix;
  if (std::regex_match(t, m, bits)) return m[1].str() + "(" + m[2].str() + ")" + suffix;
  if (std::regex_match(t, m, interval)) return "interval(" + m[1].str() + ")" + suffix;
  return t + suffix;  // a native type by its own name (inet, tsvector, ...); unknown ones fail to compile, visibly
}

/// The options of an identity's or a sequence's sequence as .schema writes
/// them: `start 10 increment 2 ... cycle`, only those given.
auto SequenceOptions(const catalog::IdentityOptions& o) -> std::string {
  std::string opts;
  auto put = [&](const char* key, const std::optional<int64_t>& v) {
    if (v) opts += (opts.empty() ? "" : " ") + std::string(key) + " " + std::to_string(*v);
  };
  put("start", o.start);
  put("increment", o.increment);
  put("minvalue", o.min);
  put("maxvalue", o.max);
  put("cache", o.cache);
  if (o.cycle) opts += opts.empty() ? "cycle" : " cycle";
  return opts;
}

/// An index as a table item or an item of a materialized view's block.
/// An index key, or an exclusion constraint's element before its operator.
auto KeyText(const catalog::IndexKey& k) -> std::string {
  std::string out = k.column.empty() ? Expr(k.expression) : Name(k.column);
  if (k.collation) out += " collate \"" + *k.collation + "\"";
  if (k.opclass) out += " " + Name(*k.opclass);
  if (k.desc) out += " desc";
  if (k.nulls_first) out += *k.nulls_first ? " nulls first" : " nulls last";
  return out;
}

/// ` with (fillfactor = 70)`, or "".
auto StorageText(const catalog::Index& ix) -> std::string {
  if (ix.storage.empty()) return "";
  return " with (" + syntax::StorageParams(ix.storage, Name, Literal) + ")";
}

auto IndexLine(const catalog::Index& ix) -> std::string {
  std::string keys;
  for (const auto& k : ix.keys) keys += (keys.empty() ? "" : ", ") + KeyText(k);
  std::string out = (ix.unique ? "unique index " : "index ") + Name(ix.name) + " (" + keys + ")";
  if (ix.where) out += " where " + Expr(*ix.where);
  if (ix.method != "btree") out += " using " + ix.method;
  if (ix.nulls_not_distinct) out += " nulls not distinct";
  if (!ix.include.empty()) out += " include (" + ColumnNames(ix.include) + ")";
  return out + StorageText(ix);
}

/// `exclude NAME using METHOD (KEY with OP, ...) ...`, without the timing.
auto ExclusionLine(const catalog::Constraint& k) -> std::string {
  const auto& x = k.exclusion;
  std::string out = "exclude " + Name(k.name);
  if (x.method != "btree") out += " using " + x.method;
  std::string elements;
  for (size_t i = 0; i < x.keys.size(); ++i) {
    std::string op = i < k.operators.size() ? k.operators[i] : "=";
    if (size_t dot = op.rfind('.'); dot != std::string::npos) op = Name(op.substr(0, dot)) + op.substr(dot);
    elements += (i ? ", " : "") + KeyText(x.keys[i]) + " with " + op;
  }
  out += " (" + elements + ")";
  if (x.where) out += " where " + Expr(*x.where);
  if (!x.include.empty()) out += " include (" + ColumnNames(x.include) + ")";
  return out + StorageText(x);
}

/// ` {` and the indexes of a materialized view, one a line, and `}`.
auto ViewIndexes(const catalog::View& v, const std::string& indent) -> std::string {
  if (v.indexes.empty()) return "";
  std::string out = " {\n";
  for (const auto& ix : v.indexes) out += indent + "  " + IndexLine(ix) + "\n";
  return out + indent + "}";
}

/// The parenthesized list that starts at `at` (which is '('): its values
/// split at top-level commas; `at` moves past the closing ')'.
auto BoundValues(const std::string& text, size_t& at) -> std::vector<std::string> {
  std::vector<std::string> values;
  std::string cur;
  int depth = 0;
  bool quoted = false;
  for (; at < text.size(); ++at) {
    char ch = text[at];
    if (ch == '\'') quoted = !quoted;
    if (!quoted && ch == '(' && depth++ == 0) continue;
    if (!quoted && ch == ')' && --depth == 0) {
      ++at;
      break;
    }
    if (!quoted && depth == 1 && ch == ',') {
      values.push_back(cur);
      cur.clear();
      continue;
    }
    cur += ch;
  }
  values.push_back(cur);
  for (auto& v : values) {
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    // Constants as .schema literals: strings stay quoted as they are (both
    // double a quote); MINVALUE, MAXVALUE and NULL are written lower case.
    if (v == "MINVALUE" || v == "MAXVALUE" || v == "NULL")
      std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return values;
}

/// A partition bound (pg_get_expr of relpartbound) as .schema source.
auto BoundSource(const std::string& bound) -> std::string {
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return "(" + s + ")";
  };
  if (bound == "DEFAULT") return "default";
  if (bound.rfind("FOR VALUES WITH ", 0) == 0) return "for values with " + bound.substr(16);
  if (bound.rfind("FOR VALUES IN ", 0) == 0) {
    size_t at = 14;
    return "for values in " + list(BoundValues(bound, at));
  }
  if (bound.rfind("FOR VALUES FROM ", 0) == 0) {
    size_t at = 16;
    auto from = BoundValues(bound, at);
    at = bound.find('(', at);
    auto to = at == std::string::npos ? std::vector<std::string>{} : BoundValues(bound, at);
    return "for values from " + list(from) + " to " + list(to);
  }
  return bound;
}

void WriteTable(std::string& out, const std::string& indent, const std::string& schema, const catalog::Table& t) {
  out += indent + "table " + Name(t.name) + " {\n";
  std::string in = indent + "  ";
  size_t width = 0;
  for (const auto& c : t.columns) width = std::max(width, Name(c.name).size());
  for (const auto& c : t.columns) {
    std::string line = in + Name(c.name) + std::string(width - Name(c.name).size() + 1, ' ') + Type(c, schema);
    if (!c.identity.empty()) line += c.identity == "always" ? " identity always" : " identity";
    if (!c.identity.empty() && !c.identity_options.empty()) line += " (" + SequenceOptions(c.identity_options) + ")";
    if (c.not_null && c.identity.empty()) line += " not null";
    if (c.default_expr) line += " default " + Expr(*c.default_expr);
    if (c.generated) line += " generated always as (" + Expr(*c.generated) + ") stored";
    if (c.collation) line += " collate \"" + c.collation->substr(0) + "\"";
    if (c.comment) line += " comment " + Literal(*c.comment);
    out += line + "\n";
  }
  auto cols = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& c : v) s += (s.empty() ? "" : ", ") + Name(c);
    return s;
  };
  for (const auto& k : t.constraints) {
    std::string timing = !k.deferrable ? "" : k.initially_deferred ? " deferrable initially deferred" : " deferrable";
    switch (k.kind) {
      case catalog::Constraint::Kind::PrimaryKey:
        out += in + "primary key " + Name(k.name) + " (" + cols(k.columns) + ")" + timing + "\n";
        break;
      case catalog::Constraint::Kind::Unique:
        out += in + "unique " + Name(k.name) + " (" + cols(k.columns) + ")" + (k.nulls_not_distinct ? " nulls not distinct" : "") +
               timing + "\n";
        break;
      case catalog::Constraint::Kind::Check:
        out += in + "check " + Name(k.name) + " (" + Expr(k.check) + ")" + (k.no_inherit ? " no inherit" : "") +
               (k.not_valid ? " not valid" : "") + "\n";
        break;
      case catalog::Constraint::Kind::ForeignKey: {
        // Inside another schema's block a bare name would mean that schema's table.
        std::string ref = (k.ref_table.schema == "public" && schema == "public" ? "" : Name(k.ref_table.schema) + ".") +
                          Name(k.ref_table.name);
        out += in + "foreign key " + Name(k.name) + " (" + cols(k.columns) + ") references " + ref + " (" + cols(k.ref_columns) + ")";
        if (k.on_delete != "no action") out += " on delete " + k.on_delete;
        if (k.on_update != "no action") out += " on update " + k.on_update;
        if (k.match_full) out += " match full";
        out += timing;
        if (k.not_valid) out += " not valid";
        out += "\n";
        break;
      }
      case catalog::Constraint::Kind::Exclusion: out += in + ExclusionLine(k) + timing + "\n"; break;
    }
  }
  for (const auto& ix : t.indexes) out += in + IndexLine(ix) + "\n";
  if (t.comment) out += in + "comment " + Literal(*t.comment) + "\n";
  std::vector<std::string> options;
  if (t.partition_of) {
    const auto& p = *t.partition_of;
    std::string parent = (p.schema == schema ? "" : Name(p.schema) + ".") + Name(p.name);
    options.push_back("partition of " + parent + " " + BoundSource(t.partition_bound));
  }
  if (auto it = t.options.find("partition_by"); it != t.options.end()) {
    std::string p = it->second;
    auto open = p.find(" (");
    std::string strategy = p.substr(0, open), keys = open == std::string::npos ? "" : p.substr(open + 2, p.size() - open - 3);
    std::transform(strategy.begin(), strategy.end(), strategy.begin(), ::tolower);
    // Keys split at top-level commas; anything but a plain column as sql('...').
    std::vector<std::string> parts;
    int depth = 0;
    bool quoted = false;
    std::string cur;
    for (char ch : keys) {
      if (ch == '\'') quoted = !quoted;
      if (!quoted && ch == '(') ++depth;
      if (!quoted && ch == ')') --depth;
      if (!quoted && depth == 0 && ch == ',') {
        parts.push_back(cur);
        cur.clear();
        continue;
      }
      cur += ch;
    }
    parts.push_back(cur);
    std::string written;
    static const std::regex column("[a-z_][a-z0-9_]*");
    for (auto& part : parts) {
      while (!part.empty() && part.front() == ' ') part.erase(0, 1);
      written += (written.empty() ? "" : ", ") + (std::regex_match(part, column) ? Name(part) : "sql(" + Literal(part) + ")");
    }
    options.push_back("partition by " + strategy + " (" + written + ")");
  }
  if (t.options.count("unlogged")) options.push_back("unlogged");
  if (auto it = t.options.find("fillfactor"); it != t.options.end()) options.push_back("fillfactor " + it->second);
  if (auto it = t.options.find("tablespace"); it != t.options.end()) options.push_back("tablespace " + Literal(it->second));
  if (!options.empty()) {
    out += in + "postgres {";
    for (size_t i = 0; i < options.size(); ++i) out += (i ? "; " : " ") + options[i];
    out += " }\n";
  }
  out += indent + "}\n";
}

void WriteSchemaBody(std::string& out, const std::string& indent, const catalog::Schema& s) {
  bool first = true;
  auto gap = [&]() {
    if (!first) out += "\n";
    first = false;
  };
  for (const auto& e : s.enums) {
    gap();
    std::string values;
    for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + Literal(v);
    out += indent + "enum " + Name(e.name) + " (" + values + ")" + (e.comment ? " comment " + Literal(*e.comment) : "") + "\n";
  }
  for (const auto& k : s.collations) {
    gap();
    out += indent + "collation " + Name(k.name) + " (provider " + k.provider;
    if (k.provider == "icu") {
      out += ", locale " + Literal(k.locale);
    } else if (k.lc_collate == k.lc_ctype) {
      out += ", locale " + Literal(k.lc_collate);
    } else {
      out += ", lc_collate " + Literal(k.lc_collate) + ", lc_ctype " + Literal(k.lc_ctype);
    }
    if (!k.deterministic) out += ", deterministic false";
    out += ")";
    if (k.comment) out += " comment " + Literal(*k.comment);
    out += "\n";
  }
  for (const auto& q : s.sequences) {
    gap();
    out += indent + "sequence " + Name(q.name);
    if (q.type != "bigint") out += " as " + q.type;
    if (std::string opts = SequenceOptions(q.options); !opts.empty()) out += " (" + opts + ")";
    if (q.owned_table)
      out += " owned by " + (q.owned_table->schema == s.name ? "" : Name(q.owned_table->schema) + ".") + Name(q.owned_table->name) +
             "." + Name(q.owned_column);
    if (q.comment) out += " comment " + Literal(*q.comment);
    out += "\n";
  }
  for (const auto& t : s.tables) {
    gap();
    WriteTable(out, indent, s.name, t);
  }
  for (const auto& v : s.views) {
    gap();
    out += indent + (v.materialized ? "materialized view " : "view ") + Name(v.name) + " as ";
    if (v.definition.find("\"\"\"") != std::string::npos) {  // a raw block cannot hold three quotes: a string can
      out += Literal(v.definition) + (v.comment ? " comment " + Literal(*v.comment) : "") + ViewIndexes(v, indent) + "\n";
      continue;
    }
    out += "\"\"\"\n";
    std::string line;
    for (size_t i = 0; i <= v.definition.size(); ++i) {
      if (i == v.definition.size() || v.definition[i] == '\n') {
        out += (line.empty() ? "" : indent + "  " + line) + "\n";
        line.clear();
      } else {
        line += v.definition[i];
      }
    }
    out += indent + "\"\"\"" + (v.comment ? " comment " + Literal(*v.comment) : "") + ViewIndexes(v, indent) + "\n";
  }
}

/// `extern table` declarations for the tables outside `c` that its foreign
/// keys reference: the referenced columns with their types, and the key over
/// them (a primary key, else a unique constraint or index: `unique`).
auto WriteExterns(const catalog::Catalog& c, const catalog::Catalog& outside) -> std::string {
  std::map<catalog::ObjectName, std::vector<std::vector<std::string>>> keys;  // table -> referenced column lists
  for (const auto& s : c.schemas)
    for (const auto& t : s.tables)
      for (const auto& k : t.constraints) {
        if (k.kind != catalog::Constraint::Kind::ForeignKey || c.FindSchema(k.ref_table.schema)) continue;
        auto& lists = keys[k.ref_table];
        if (std::find(lists.begin(), lists.end(), k.ref_columns) == lists.end()) lists.push_back(k.ref_columns);
      }
  std::string out;
  auto cols = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& c : v) s += (s.empty() ? "" : ", ") + Name(c);
    return s;
  };
  for (const auto& [ref, lists] : keys) {
    const catalog::Table* t = outside.FindTable(ref);
    if (!t) continue;  // not readable: the reference stays unknown, visibly
    std::set<std::string> wanted;
    for (const auto& l : lists) wanted.insert(l.begin(), l.end());
    out += "\nextern table " + Name(ref.schema) + "." + Name(ref.name) + " {\n";
    size_t width = 0;
    for (const auto& col : t->columns)
      if (wanted.count(col.name)) width = std::max(width, Name(col.name).size());
    for (const auto& col : t->columns)
      if (wanted.count(col.name))
        out += "  " + Name(col.name) + std::string(width - Name(col.name).size() + 1, ' ') + Type(col, ref.schema) +
               (col.not_null ? " not null" : "") + "\n";
    for (const auto& l : lists) {
      std::set<std::string> set(l.begin(), l.end());
      bool primary = false;
      for (const auto& k : t->constraints)
        if (k.kind == catalog::Constraint::Kind::PrimaryKey && std::set<std::string>(k.columns.begin(), k.columns.end()) == set)
          primary = true;
      out += std::string("  ") + (primary ? "primary key (" : "unique (") + cols(l) + ")\n";
    }
    out += "}\n";
  }
  if (out.empty()) return out;
  return "\n-- Tables outside the inspected schemas that foreign keys reference; they are\n"
         "-- managed elsewhere and must exist in the target database.\n" +
         out.substr(1);
}

}  // namespace

auto WriteSchema(const catalog::Catalog& c, const std::vector<std::string>& unmanaged, const catalog::Catalog* outside)
    -> std::string {
  std::string out = "-- Written by `schemac inspect --format schema`.\n";
  if (!unmanaged.empty()) {
    out += "-- Left alone (the language cannot describe them):\n";
    for (const auto& u : unmanaged) out += "--   " + u + "\n";
  }
  for (const auto& s : c.schemas) {
    if (s.tables.empty() && s.views.empty() && s.enums.empty() && s.sequences.empty() && s.collations.empty() && s.name != "public") {
      out += "\nschema " + Name(s.name) + " {\n}\n";
      continue;
    }
    if (s.tables.empty() && s.views.empty() && s.enums.empty() && s.sequences.empty() && s.collations.empty()) continue;
    out += "\n";
    if (s.name == "public") {
      WriteSchemaBody(out, "", s);
    } else {
      out += "schema " + Name(s.name) + " {\n";
      WriteSchemaBody(out, "  ", s);
      out += "}\n";
    }
  }
  if (outside) out += WriteExterns(c, *outside);
  return out;
}

}  // namespace schemac::backends::postgres
