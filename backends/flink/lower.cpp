// Lowering the portable model to a Flink catalog. A Flink table describes
// data that lives elsewhere (a topic, files): it has no defaults, checks,
// unique or foreign keys to enforce, and no indexes, identities, enums,
// sequences or collations. What only constrains or fills values (a check, a
// unique or foreign key, a default) is left out with a `dropped-for-target`
// warning naming it (a default is kept in the catalog: it is not declared,
// but it says what a copy fills a new column with); what would change what
// the table is (an index, an identity, an enum, a collation) is a
// `not-on-target` error at its line naming the nearest Flink form. Nothing is
// left out silently.
#include <algorithm>
#include <map>

#include "backends/flink/avro.h"
#include "backends/flink/flink.h"

namespace schemac::backends::flink {
namespace {

auto Lowered(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// The options a connector of Flink's own takes (its documentation page),
/// as keys and as prefixes ending in '.'; a format's options ('json.*',
/// 'value.avro-confluent.*') are allowed by the formats the table names.
auto ConnectorOptions(const std::string& connector) -> const std::vector<std::string>* {
  static const std::map<std::string, std::vector<std::string>> known = {
      {"kafka",
       {"connector", "topic", "topic-pattern", "properties.", "format", "key.format", "key.fields", "key.fields-prefix",
        "value.format", "value.fields-include", "scan.startup.mode", "scan.startup.specific-offsets",
        "scan.startup.timestamp-millis", "scan.bounded.mode", "scan.bounded.specific-offsets",
        "scan.bounded.timestamp-millis", "scan.topic-partition-discovery.interval", "scan.parallelism",
        "sink.partitioner", "sink.semantic", "sink.delivery-guarantee", "sink.transactional-id-prefix",
        "sink.parallelism"}},
      {"upsert-kafka",
       {"connector", "topic", "properties.", "key.format", "value.format", "key.fields-prefix", "value.fields-include",
        "sink.parallelism", "sink.buffer-flush.max-rows", "sink.buffer-flush.interval", "sink.delivery-guarantee",
        "sink.transactional-id-prefix", "scan.parallelism"}},
      {"datagen", {"connector", "rows-per-second", "number-of-rows", "scan.parallelism", "fields."}},
      {"filesystem",
       {"connector", "path", "format", "source.monitor-interval", "source.path.regex-pattern", "source.report-statistics",
        "partition.default-name", "partition.time-extractor.", "sink.rolling-policy.", "sink.partition-commit.",
        "sink.shuffle-by-partition.enable", "sink.parallelism", "auto-compaction", "compaction.file-size"}},
      {"print", {"connector", "print-identifier", "standard-error", "sink.parallelism"}},
      {"blackhole", {"connector"}},
      {"jdbc",
       {"connector", "url", "table-name", "driver", "username", "password", "connection.max-retry-timeout", "scan.",
        "lookup.", "sink."}},
  };
  auto it = known.find(connector);
  return it == known.end() ? nullptr : &it->second;
}

auto Join(const std::vector<std::string>& v) -> std::string {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

class Lowerer {
 public:
  explicit Lowerer(diag::Engine& d) : diags_(d) {}

  auto Run(const model::Realm& realm) -> std::optional<catalog::Catalog> {
    catalog::Catalog c;
    c.target = "flink";
    std::string database = kDefaultDatabase;
    if (auto it = realm.options.find("flink"); it != realm.options.end())
      for (const auto& item : it->second) {
        if (item.kind == model::TargetOption::Kind::With)
          for (const auto& [k, v] : item.options) default_options_[k] = v;
        if (item.kind != model::TargetOption::Kind::Flag) continue;
        std::string key = Lowered(item.key.text);
        if (key == "catalog") catalog_ = item.value.value_or(kDefaultCatalog);
        else if (key == "database") database = item.value.value_or(kDefaultDatabase);
        else if (key == "evolution") evolution_ = Lowered(item.value.value_or("alter"));
        else if (key == "compatibility") compatibility_ = item.value.value_or("");
        c.settings[key] = item.value.value_or("true");
      }
    for (const auto& s : realm.schemas) {
      std::string db = s.name ? Fold(*s.name) : database;
      std::string name = SchemaOf(db);
      for (const auto& t : s.tables)
        if (t.is_extern) c.externs.push_back({name, Fold(t.name)});
      catalog::Schema* out = nullptr;
      for (auto& existing : c.schemas)
        if (existing.name == name) out = &existing;
      if (!out) {
        c.schemas.push_back(catalog::Schema{name, {}, {}, {}, s.range});
        out = &c.schemas.back();
      }
      for (const auto& e : s.enums)
        Error(e.range, "enum '" + Fold(e.name) + "' cannot be created on flink, which has no enum types",
              "declare its columns 'text' (STRING) and check the values in the job that writes them");
      for (const auto& q : s.sequences)
        Error(q.range, "sequence '" + Fold(q.name) + "' cannot be created on flink, which has no sequences",
              "generate the values in the job that writes the table");
      for (const auto& k : s.collations)
        Error(k.range, "collation '" + Fold(k.name) + "' cannot be created on flink, which has no collations",
              "remove the collation");
      for (const auto& t : s.tables)
        if (!t.is_extern) out->tables.push_back(LowerTable(t));
      for (const auto& v : s.views) out->views.push_back(LowerView(v, database));
    }
    if (diags_.has_errors()) return std::nullopt;
    // Flink's own default database left empty is no database of the
    // project's; one the project names (`database X`) is, tables or not (so
    // that dropping its last table does not drop it).
    if (database == kDefaultDatabase)
      std::erase_if(c.schemas, [&](const catalog::Schema& s) { return s.name == SchemaOf(database) && s.empty(); });
    else if (std::none_of(c.schemas.begin(), c.schemas.end(),
                          [&](const catalog::Schema& s) { return s.name == SchemaOf(database); }))
      c.schemas.push_back(catalog::Schema{SchemaOf(database), {}, {}, {}, {}});
    catalog::Canonicalize(c);
    return c;
  }

 private:
  /// The catalog's schema for Flink database `db`: "catalog.database".
  auto SchemaOf(const std::string& db) const -> std::string { return catalog_ + "." + db; }

  void Dropped(source::SourceRange at, std::string message, std::string hint) {
    diags_.Add(diag::Kind::DroppedForTarget, at, std::move(message)).hint = std::move(hint);
  }
  void Error(source::SourceRange at, std::string message, std::string hint) {
    diags_.Add(diag::Kind::NotOnTarget, at, std::move(message)).hint = std::move(hint);
  }

  void LowerType(const model::Column& col, catalog::Column& out) {
    const model::Type& t = col.type_for_target.count("flink") ? col.type_for_target.at("flink") : col.type;
    std::string error, lossy;
    out.type = TypeName(t, error, lossy);
    if (error == "enum") {
      out.type = "STRING";  // the enum's own declaration is the error
      return;
    }
    if (error == "none") {
      diags_.Emit(diag::Kind::NoTypeMapping, col.range, col.name.text, t.Describe(), "flink").hint =
          "pin a Flink type for this column: 'flink { type ... }'";
      return;
    }
    if (!error.empty()) {
      diags_.Emit(diag::Kind::NativeTypeOtherTarget, col.range, t.Describe(), col.name.text,
                  error.substr(std::string("exists only on ").size()), "flink")
          .hint = "pin a Flink type for this column: 'flink { type ... }'";
      return;
    }
    if (!lossy.empty()) {
      diags_.Emit(diag::Kind::LossyTypeMapping, col.range, "column '" + col.name.text + "': " + lossy);
      out.lossy = lossy;
    }
  }

  /// `flink { metadata [from 'key'] [virtual] }`: the column reads what the
  /// connector knows of a record (its key, its Kafka timestamp, ...); a
  /// virtual one is only read, never written by a sink. It holds no value of
  /// the table's own, so it takes no computed expression, no default and no
  /// NOT NULL.
  void LowerMetadata(const model::Column& c, const model::TargetOption& o, const std::string& column,
                     catalog::Column& col) {
    if (c.generated) {
      Error(o.range, column + " cannot be both computed and a metadata column", "keep one of the two");
      return;
    }
    if (c.not_null)
      Error(o.range, column + " is a metadata column, which flink cannot declare NOT NULL",
            "remove 'not null': the connector decides whether the value is there");
    if (col.default_expr) {
      Error(o.range, column + " is a metadata column, which takes no default", "remove the default");
      col.default_expr.reset();
    }
    catalog::Metadata m;
    m.key = o.value.value_or("");
    m.is_virtual = !o.names.empty();
    col.metadata = m;
    col.not_null = false;
  }

  auto LowerTable(const model::Table& t) -> catalog::Table {
    catalog::Table out;
    out.name = Fold(t.name);
    out.src = t.range;
    if (t.renamed_from) out.renamed_from = Fold(*t.renamed_from);
    out.comment = t.comment;
    const std::string table = "table '" + out.name + "'";
    for (const auto& c : t.columns) {
      catalog::Column col;
      col.name = Fold(c.name);
      col.src = c.range;
      const std::string column = "column '" + col.name + "' of " + table;
      LowerType(c, col);
      col.not_null = c.not_null;
      if (c.default_value && c.default_value->kind != model::Expr::Kind::Null) {
        // Not declared (a Flink table has no defaults); kept in the catalog
        // for the value a copy gives a new column.
        col.default_expr = RenderExpr(*c.default_value);
        Dropped(c.default_value->range,
                "the default of " + column + " (" + *col.default_expr +
                    ") is not declared: flink tables have no defaults; rows must bring the value",
                "fill it in the job that writes the table (e.g. " + *col.default_expr + " AS " + QuoteIdent(col.name) + ")");
      }
      if (c.identity)
        Error(c.range, column + " is an identity column, which flink cannot declare",
              "remove 'identity' and generate the values in the job that writes the table");
      if (c.generated) {
        // Flink's computed column: `name AS expr`, computed when read.
        // Cast to the declared type: Flink gives a computed column the type of
        // its expression (UPPER of a VARCHAR(200) is a VARCHAR(200)).
        col.generated = RenderExpr(*c.generated);
        if (!col.type.empty())
          col.generated = "CAST(" + *col.generated + " AS " + col.type + ")";
        col.generated_virtual = true;
        if (c.stored)
          Dropped(c.generated->range, "column '" + col.name + "' is computed when read on flink ('stored' is dropped)",
                  "flink computed columns are never stored");
      }
      if (c.collation)
        Error(c.range, column + " has a collation, which flink cannot declare", "remove the collation");
      if (auto it = c.target_options.find("flink"); it != c.target_options.end())
        for (const auto& o : it->second)
          if (o.kind == model::TargetOption::Kind::Metadata) LowerMetadata(c, o, column, col);
      if (c.comment) col.comment = *c.comment;
      if (c.renamed_from) col.renamed_from = Fold(*c.renamed_from);
      out.columns.push_back(std::move(col));
    }
    for (const auto& k : t.constraints) {
      std::vector<std::string> cols;
      for (const auto& n : k.columns) cols.push_back(Fold(n));
      std::string named = k.name ? " '" + Fold(*k.name) + "'" : "";
      using CK = model::Constraint::Kind;
      switch (k.kind) {
        case CK::PrimaryKey: {
          catalog::Constraint pk;
          pk.kind = catalog::Constraint::Kind::PrimaryKey;
          pk.columns = cols;
          // Flink names an unnamed key PK_<columns> (what SHOW CREATE TABLE prints).
          pk.name = k.name ? Fold(*k.name) : "PK_" + [&] {
            std::string s;
            for (const auto& x : cols) s += (s.empty() ? "" : "_") + x;
            return s;
          }();
          pk.src = k.range;
          out.constraints.push_back(std::move(pk));
          break;
        }
        case CK::Unique:
          Dropped(k.range, "unique constraint" + named + " (" + Join(cols) + ") of " + table +
                               " is not declared: flink has only a primary key, NOT ENFORCED",
                  "check for duplicates in the job that writes the table");
          break;
        case CK::ForeignKey:
          Dropped(k.range, "foreign key" + named + " (" + Join(cols) + ") of " + table +
                               " is not declared: flink has no foreign keys",
                  "check the references in the job that writes the table");
          break;
        case CK::Check:
          Dropped(k.range, "check constraint" + named + " (" + (k.check ? RenderExpr(*k.check) : "") + ") of " +
                               table + " is not declared: flink has no check constraints",
                  "filter the rows in the job that writes the table (WHERE ...)");
          break;
        case CK::Exclusion:
          Dropped(k.range, "exclusion constraint" + named + " of " + table + " is not declared: flink has none",
                  "check the rows in the job that writes the table");
          break;
      }
    }
    for (const auto& ix : t.indexes) {
      std::vector<std::string> cols;
      for (const auto& k : ix.keys)
        if (k.expr.kind == model::Expr::Kind::Column) cols.push_back(Fold(k.expr.name));
      std::string what = std::string(ix.unique ? "unique index" : "index") + (ix.name ? " '" + Fold(*ix.name) + "'" : "");
      Error(ix.range, what + " of " + table + " cannot be created on flink, which has no indexes",
            ix.unique ? "the nearest flink form is 'primary key (" + Join(cols) + ")', declared NOT ENFORCED"
                      : "remove the index; a flink table reads whatever its connector stores");
    }
    LowerOptions(t, out);
    return out;
  }

  void LowerOptions(const model::Table& t, catalog::Table& out) {
    std::string evolution = evolution_;
    std::string compatibility = compatibility_;
    if (auto it = t.options.find("flink"); it != t.options.end()) {
      using OK = model::TargetOption::Kind;
      for (const auto& item : it->second) {
        if (item.kind == OK::Watermark && !item.exprs.empty()) {
          out.watermark = catalog::Table::Watermark{Fold(item.key), RenderExpr(item.exprs[0])};
        } else if (item.kind == OK::With) {
          for (const auto& [k, v] : item.options) out.options[k] = v;
        } else if (item.kind == OK::Partition) {
          std::vector<std::string> keys;
          for (const auto& e : item.exprs) keys.push_back(RenderExpr(e));
          out.options[kPartitionedBy] = Join(keys);
        } else if (item.kind == OK::Flag) {
          std::string key = Lowered(item.key.text);
          if (key == "evolution") evolution = Lowered(item.value.value_or("alter"));
          else if (key == "compatibility") compatibility = item.value.value_or("");
        }
      }
    }
    // The project's default options, under the table's own; not for a table
    // whose own connector is another one.
    auto own = out.options.find("connector"), fallback = default_options_.find("connector");
    if (own == out.options.end() || fallback == default_options_.end() || own->second == fallback->second)
      for (const auto& [k, v] : default_options_) out.options.emplace(k, v);
    CheckConnectorOptions(out, t.range);
    if (evolution != "alter") out.options[kEvolution] = evolution;
    if (!compatibility.empty()) out.options[kCompatibility] = compatibility;
    auto connector = out.options.find("connector");
    if (evolution == "registry" && connector != out.options.end() && connector->second != "kafka" &&
        connector->second != "upsert-kafka" && connector->second != "confluent") {
      // Only a Kafka topic's values have a schema in Schema Registry.
      Error(t.range,
            "table '" + out.name + "' uses the '" + connector->second +
                "' connector, whose data has no value schema in Schema Registry: 'evolution registry' is for "
                "Kafka topics (Confluent Cloud)",
            "write 'flink { evolution alter }' in the table (ALTER TABLE changes it in place)");
    } else if (evolution == "registry") {
      // Confluent Cloud writes TIMESTAMP_LTZ as timestamp-millis/micros:
      // Flink's corrected (not legacy) timestamp mapping.
      nlohmann::json schema = avro::RecordSchema(out, "record", {.legacy_timestamp_mapping = false});
      if (schema.contains("error"))
        Error(t.range, "table '" + out.name + "' cannot be written as Avro: " + schema["error"].get<std::string>(),
              "pin a type Avro can hold for the column: 'flink { type ... }'");
      else
        out.options[kValueSchema] = schema.dump();
    }
  }

  /// Options the table's connector does not take are a warning (the
  /// connector would refuse the table); an unknown connector is not judged.
  void CheckConnectorOptions(const catalog::Table& t, source::SourceRange at) {
    auto connector = t.options.find("connector");
    if (connector == t.options.end()) return;
    const auto* known = ConnectorOptions(connector->second);
    if (!known) return;
    if (auto part = t.options.find(kPartitionedBy); part != t.options.end() && connector->second != "filesystem")
      diags_.Add(diag::Kind::UnknownConnectorOption, at,
                 "the '" + connector->second + "' connector does not write partitioned tables: Flink refuses to write "
                 "table '" + t.name + "', which is PARTITIONED BY (" + part->second + ")")
          .hint = "partition by is for the filesystem connector (and Hive tables); remove it";
    std::vector<std::string> formats;
    for (const char* f : {"format", "key.format", "value.format"})
      if (auto it = t.options.find(f); it != t.options.end()) {
        std::string prefix = std::string(f).substr(0, std::string(f).size() - std::string("format").size());
        formats.push_back(prefix + it->second + ".");
      }
    std::vector<std::string> keys;
    for (const auto& k : *known)
      if (k.back() != '.') keys.push_back(k);
    for (const auto& option : t.options) {
      const std::string& key = option.first;  // not a structured binding: clang 14 cannot capture one
      if (key.rfind("schemac.", 0) == 0) continue;  // schemac's own, never in WITH (...)
      bool ok = std::any_of(known->begin(), known->end(), [&](const std::string& k) {
        return k.back() == '.' ? key.rfind(k, 0) == 0 : key == k;
      });
      ok = ok || std::any_of(formats.begin(), formats.end(), [&](const std::string& f) { return key.rfind(f, 0) == 0; });
      if (ok) continue;
      std::string hint = diag::DidYouMean(key, keys);
      diags_.Add(diag::Kind::UnknownConnectorOption, at,
                 "the '" + connector->second + "' connector takes no option '" + key + "' (table '" + t.name + "')")
          .hint = hint.empty() ? "see the connector's options in the Flink documentation" : hint;
    }
  }

  auto LowerView(const model::View& v, const std::string& database) -> catalog::View {
    catalog::View out;
    out.name = Fold(v.name);
    out.src = v.range;
    out.definition = target::TrimmedViewBody(v.body);
    if (!v.union_members.empty()) {
      // Every member named whole: Flink looks an unqualified name up in the
      // view's own database only.
      out.definition.clear();
      for (const auto& m : v.union_members)
        out.definition += std::string(out.definition.empty() ? "" : "\nUNION ALL\n") + "SELECT * FROM " +
                          QuoteName(SchemaOf(m.schema ? Fold(*m.schema) : database), Fold(m.name));
    }
    out.source = out.definition;
    for (const auto& d : v.depends_on)
      out.depends_on.push_back({SchemaOf(d.schema ? Fold(*d.schema) : database),
                                Fold(d.name)});
    if (v.materialized)
      Error(v.range, "materialized view '" + out.name + "' cannot be created on flink",
            "make it a plain view, or a table filled by an INSERT INTO job");
    if (v.comment) out.comment = v.comment;
    return out;
  }

  diag::Engine& diags_;
  std::string catalog_ = kDefaultCatalog;
  std::string evolution_ = "alter";
  std::string compatibility_;
  std::map<std::string, std::string> default_options_;  // top-level `with (...)`
};

}  // namespace

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog> {
  Lowerer l(diags);
  return l.Run(realm);
}

}  // namespace schemac::backends::flink
