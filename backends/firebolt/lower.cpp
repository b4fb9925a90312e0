// Lowering the portable model to a Firebolt catalog. Firebolt declares no
// constraints (no primary key, unique, foreign key or check), no secondary
// indexes, identities, generated columns, enums, sequences or collations.
// What only constrains is left out with a `dropped-for-target` warning; what
// would change what the table is (an index, `identity always`, a computed
// column, a default Firebolt cannot evaluate) is a `not-on-target` error at
// its line naming the nearest form Firebolt has. Nothing is left out silently.
#include <algorithm>

#include "backends/firebolt/firebolt.h"

namespace schemac::backends::firebolt {
namespace {

using K = model::Expr::Kind;

/// Functions a Firebolt default may call (CREATE TABLE: "literals and
/// CURRENT_DATE, LOCALTIMESTAMP, CURRENT_TIMESTAMP, NOW").
auto AllowedDefault(const model::Expr& e) -> bool {
  switch (e.kind) {
    case K::Number:
    case K::String:
    case K::Bool:
    case K::Null:
    case K::Interval: return true;
    case K::Unary: return e.op == "-" && e.args.size() == 1 && e.args[0].kind == K::Number;
    case K::Cast: return AllowedDefault(e.args.at(0));
    case K::List: return std::all_of(e.args.begin(), e.args.end(), AllowedDefault);
    case K::Column: {
      std::string n = Fold(e.name);
      return !e.name.quoted && !e.qualifier &&
             (n == "current_date" || n == "current_timestamp" || n == "localtimestamp");
    }
    case K::Call: {
      std::string n = Fold(e.name);
      return !e.qualifier && e.args.empty() &&
             (n == "now" || n == "current_timestamp" || n == "current_date" || n == "localtimestamp");
    }
    default: return false;
  }
}

class Lowerer {
 public:
  explicit Lowerer(diag::Engine& d) : diags_(d) {}

  auto Run(const model::Realm& realm) -> std::optional<catalog::Catalog> {
    catalog::Catalog c;
    c.target = "firebolt";
    for (const auto& s : realm.schemas) {
      std::string name = s.name ? Fold(*s.name) : kSchema;
      for (const auto& t : s.tables)
        if (t.is_extern) c.externs.push_back({name, Fold(t.name)});
      bool only_extern = s.views.empty() && s.enums.empty() && s.sequences.empty() && s.collations.empty() &&
                         std::all_of(s.tables.begin(), s.tables.end(), [](const model::Table& t) { return t.is_extern; });
      if (only_extern) continue;
      if (name != kSchema) {
        Error(s.range, "schema '" + name + "' cannot be created on firebolt: a firebolt database keeps its tables "
                       "and views in one namespace",
              "declare the objects outside a schema block (the default namespace), or use one firebolt database "
              "per schema");
        continue;
      }
      catalog::Schema* out = nullptr;
      for (auto& existing : c.schemas)
        if (existing.name == name) out = &existing;
      if (!out) {
        c.schemas.push_back(catalog::Schema{name, {}, {}, {}, s.range});
        out = &c.schemas.back();
      }
      for (const auto& e : s.enums)
        Dropped(e.range, "enum '" + Fold(e.name) + "' is not created: firebolt has no enum types; its columns are "
                         "TEXT and their values are not checked",
                "to keep the values checked, validate them where the data is loaded");
      for (const auto& q : s.sequences)
        Error(q.range, "sequence '" + Fold(q.name) + "' cannot be created on firebolt, which has no sequences",
              "generate the values where the data is loaded");
      for (const auto& k : s.collations)
        Error(k.range, "collation '" + Fold(k.name) + "' cannot be created on firebolt, which has no collations",
              "remove the collation; firebolt compares TEXT byte by byte");
      for (const auto& t : s.tables)
        if (!t.is_extern) out->tables.push_back(LowerTable(t));
      for (const auto& v : s.views) out->views.push_back(LowerView(v, name));
    }
    if (diags_.has_errors()) return std::nullopt;
    if (auto it = realm.options.find("firebolt"); it != realm.options.end())
      for (const auto& item : it->second)
        if (item.kind == model::TargetOption::Kind::Flag) {
          std::string key = item.key.text;
          std::transform(key.begin(), key.end(), key.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
          c.settings[key] = item.value.value_or("true");
        }
    // The default schema left empty (its enums are TEXT columns here) is no schema.
    std::erase_if(c.schemas, [](const catalog::Schema& s) { return s.name == "public" && s.empty(); });
    catalog::Canonicalize(c);
    return c;
  }

 private:
  void Dropped(source::SourceRange at, std::string message, std::string hint) {
    diags_.Add(diag::Kind::DroppedForTarget, at, std::move(message)).hint = std::move(hint);
  }
  void Error(source::SourceRange at, std::string message, std::string hint) {
    diags_.Add(diag::Kind::NotOnTarget, at, std::move(message)).hint = std::move(hint);
  }

  void LowerType(const model::Column& col, catalog::Column& out) {
    const model::Type& t = col.type_for_target.count("firebolt") ? col.type_for_target.at("firebolt") : col.type;
    std::string error, lossy;
    out.type = TypeName(t, error, lossy);
    if (error == "none") {
      diags_.Emit(diag::Kind::NoTypeMapping, col.range, col.name.text, t.Describe(), "firebolt").hint =
          "store it as text (json) or split it into columns; or pin a type: 'firebolt { type text }'";
      return;
    }
    if (!error.empty()) {
      diags_.Emit(diag::Kind::NativeTypeOtherTarget, col.range, t.Describe(), col.name.text,
                  error.substr(std::string("exists only on ").size()), "firebolt")
          .hint = "pin a Firebolt type for this column: 'firebolt { type ... }'";
      return;
    }
    if (!lossy.empty()) {
      diags_.Emit(diag::Kind::LossyTypeMapping, col.range, "column '" + col.name.text + "': " + lossy);
      out.lossy = lossy;
    }
  }

  auto LowerTable(const model::Table& t) -> catalog::Table {
    catalog::Table out;
    out.name = Fold(t.name);
    out.src = t.range;
    out.kind = "fact";
    if (t.renamed_from) out.renamed_from = Fold(*t.renamed_from);
    const std::string table = "table '" + out.name + "'";
    if (t.comment)
      Dropped(t.range, "the comment of " + table + " is not stored: firebolt has no comments on tables",
              "keep it as a -- comment in the source");
    for (const auto& c : t.columns) {
      catalog::Column col;
      col.name = Fold(c.name);
      col.src = c.range;
      const std::string column = "column '" + col.name + "' of " + table;
      LowerType(c, col);
      col.not_null = c.not_null;
      if (c.default_value && c.default_value->kind != K::Null) {
        if (AllowedDefault(*c.default_value)) col.default_expr = RenderExpr(*c.default_value);
        else
          Error(c.default_value->range, "the default of " + column + " cannot be declared on firebolt",
                "a firebolt default is a literal, CURRENT_DATE, LOCALTIMESTAMP or CURRENT_TIMESTAMP; compute "
                "other values where the data is loaded");
      }
      if (c.identity && c.identity_always)
        Error(c.range, column + " is 'identity always', which firebolt cannot declare: it has no identity columns",
              "remove 'identity' and generate the values where the data is loaded");
      else if (c.identity)
        Dropped(c.range, "'identity' of column '" + col.name + "' is dropped: firebolt has no identity columns; rows must "
                         "bring their own values",
                "generate the values where the data is loaded");
      if (c.generated)
        Error(c.generated->range, column + " is computed ('generated always as'), which firebolt cannot declare",
              "make it a plain column filled where the data is loaded, or compute it in a view");
      if (c.collation)
        Error(c.range, column + " has a collation, which firebolt cannot declare",
              "remove the collation; firebolt compares TEXT byte by byte");
      if (c.comment)
        Dropped(c.range, "the comment of column '" + col.name + "' is not stored: firebolt has no comments on columns",
                "keep it as a -- comment in the source");
      if (c.renamed_from) col.renamed_from = Fold(*c.renamed_from);
      out.columns.push_back(std::move(col));
    }
    for (const auto& k : t.constraints) {
      std::string cols;
      for (const auto& n : k.columns) cols += (cols.empty() ? "" : ", ") + Fold(n);
      std::string named = k.name ? " '" + Fold(*k.name) + "'" : "";
      using CK = model::Constraint::Kind;
      switch (k.kind) {
        case CK::PrimaryKey:
          Dropped(k.range, "primary key" + named + " (" + cols + ")" +
                               " is not created: firebolt has no primary key constraints (its columns stay not null)",
                  "to sort the table by it, write 'firebolt { primary index (" + cols + ") }'");
          break;
        case CK::Unique:
          Dropped(k.range, "unique constraint" + named + " (" + cols + ")" +
                               " is not created: firebolt does not enforce uniqueness",
                  "check for duplicates where the data is loaded");
          break;
        case CK::ForeignKey:
          Dropped(k.range, "foreign key" + named + " (" + cols + ")" +
                               " is not created: firebolt has no foreign keys",
                  "check the references where the data is loaded");
          break;
        case CK::Check:
          Dropped(k.range, "check constraint" + named + " (" + (k.check ? RenderExpr(*k.check) : "") + ")" +
                               " is not created: firebolt has no check constraints",
                  "validate the rows where the data is loaded");
          break;
        case CK::Exclusion:
          Dropped(k.range, "exclusion constraint" + named +
                               " is not created: firebolt has no exclusion constraints",
                  "check the rows where the data is loaded");
          break;
      }
    }
    for (const auto& ix : t.indexes) {
      bool expression = std::any_of(ix.keys.begin(), ix.keys.end(), [](const model::IndexKey& k) {
        return !(k.expr.kind == K::Column && !k.expr.qualifier);
      });
      std::string what = std::string(ix.where ? "partial " : "") + (expression ? "expression " : "") +
                         (ix.unique ? "unique index" : "index") + (ix.name ? " '" + Fold(*ix.name) + "'" : "");
      std::string cols;
      for (const auto& k : ix.keys)
        if (k.expr.kind == K::Column) cols += (cols.empty() ? "" : ", ") + Fold(k.expr.name);
      Error(ix.range, what + " of " + table + " cannot be created on firebolt, which has no secondary indexes",
            "the nearest firebolt form is the table's sort order: 'firebolt { primary index (" +
                (cols.empty() ? std::string("columns") : cols) + ") }'; or remove the index");
    }
    LowerOptions(t, out);
    return out;
  }

  void LowerOptions(const model::Table& t, catalog::Table& out) {
    auto it = t.options.find("firebolt");
    if (it == t.options.end()) return;
    using OK = model::TargetOption::Kind;
    for (const auto& item : it->second) {
      if (item.kind == OK::PrimaryIndex) {
        out.cluster_by.clear();
        for (const auto& n : item.names) out.cluster_by.push_back(Fold(n));
      } else if (item.kind == OK::Partition) {
        std::string keys;
        for (const auto& e : item.exprs) keys += (keys.empty() ? "" : ", ") + RenderExpr(e);
        out.options["partition_by"] = keys;
      } else if (item.kind == OK::Flag) {
        std::string key = item.key.text;
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (key == "fact" || key == "dimension") out.kind = key;
      }
    }
  }

  auto LowerView(const model::View& v, const std::string& /*schema*/) -> catalog::View {
    catalog::View out;
    out.name = Fold(v.name);
    out.src = v.range;
    out.definition = v.body;
    while (!out.definition.empty() &&
           (out.definition.back() == ';' || std::isspace(static_cast<unsigned char>(out.definition.back()))))
      out.definition.pop_back();
    out.source = out.definition;
    for (const auto& d : v.depends_on) out.depends_on.push_back({d.schema ? Fold(*d.schema) : std::string("public"), Fold(d.name)});
    if (v.materialized)
      Error(v.range, "materialized view '" + out.name + "' cannot be created on firebolt, which has no materialized views",
            "make it a plain view; for precomputed aggregates firebolt has aggregating indexes, which schemac does "
            "not manage yet");
    if (v.comment)
      Dropped(v.range, "the comment of view '" + out.name + "' is not stored: firebolt has no comments on views",
              "keep it as a -- comment in the source");
    return out;
  }

  diag::Engine& diags_;
};

}  // namespace

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog> {
  Lowerer l(diags);
  return l.Run(realm);
}

}  // namespace schemac::backends::firebolt
