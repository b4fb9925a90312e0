// Lowering the portable model to a Snowflake catalog: names folded to upper
// case, types as Snowflake's catalog reports them (so that a plan against an
// imported catalog has no phantom changes), the `snowflake { ... }` table
// options, and pipes with their generated COPY statements. What Snowflake
// tables cannot be is refused here, at its line: indexes, exclusion
// constraints, generated columns (not-on-target). Check constraints are
// dropped with a warning (dropped-for-target); keys are kept, and lint
// notes that Snowflake does not enforce them (TY102, Backend::Enforces).
#include <algorithm>
#include <map>
#include <set>

#include "backends/snowflake/snowflake.h"
#include "compiler/target/sql_scan.h"

namespace schemac::backends::snowflake {
namespace {

auto LowerKey(std::string s) -> std::string {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class Lowerer {
 public:
  explicit Lowerer(diag::Engine& d) : diags_(d) {}

  auto Run(const model::Realm& realm) -> std::optional<catalog::Catalog> {
    catalog::Catalog c;
    c.target = "snowflake";
    for (const auto& s : realm.schemas) {
      std::string name = s.name ? Fold(*s.name) : kDefaultSchema;
      bool only_extern = !s.tables.empty() && s.views.empty() && s.pipes.empty() && s.sequences.empty() &&
                         s.collations.empty() &&
                         std::all_of(s.tables.begin(), s.tables.end(), [](const model::Table& t) { return t.is_extern; });
      for (const auto& t : s.tables)
        if (t.is_extern) c.externs.push_back({name, Fold(t.name)});
      if (only_extern) continue;
      CheckLength(name, s.range);
      catalog::Schema* out = nullptr;
      for (auto& existing : c.schemas)
        if (existing.name == name) out = &existing;
      if (!out) {
        c.schemas.push_back(catalog::Schema{name, {}, {}, {}, s.range});
        out = &c.schemas.back();
      }
      for (const auto& q : s.sequences)
        Lacks(q.range, "sequence '" + Fold(q.name) + "': schemac's snowflake backend does not create sequences yet",
              "use an identity column (AUTOINCREMENT on snowflake)");
      for (const auto& k : s.collations)
        Lacks(k.range, "collation '" + Fold(k.name) + "': snowflake has no collation objects",
              "snowflake columns take a collation specification string; leave it out of the snowflake schema");
      // Enums have no snowflake object: their columns are VARCHAR (lossy, see TypeName).
      for (const auto& t : s.tables)
        if (!t.is_extern) out->tables.push_back(LowerTable(t));
      for (const auto& v : s.views) out->views.push_back(LowerView(name, v));
    }
    // Pipes last: their COPY statement is generated from their table's columns.
    catalog::Canonicalize(c);
    for (const auto& s : realm.schemas) {
      std::string name = s.name ? Fold(*s.name) : kDefaultSchema;
      for (const auto& p : s.pipes) {
        if (p.target != "snowflake") continue;
        auto pipe = LowerPipe(name, p, c);
        if (!pipe) continue;
        for (auto& sc : c.schemas)
          if (sc.name == name) sc.pipes.push_back(std::move(*pipe));
      }
    }
    if (auto it = realm.options.find("snowflake"); it != realm.options.end())
      for (const auto& item : it->second)
        if (item.kind == model::TargetOption::Kind::Flag) c.settings[LowerKey(item.key.text)] = item.value.value_or("true");
    if (diags_.has_errors()) return std::nullopt;
    // The default schema left empty (its enums are VARCHAR columns here) is no schema.
    std::erase_if(c.schemas, [](const catalog::Schema& s) { return s.name == kDefaultSchema && s.empty(); });
    catalog::Canonicalize(c);
    return c;
  }

 private:
  void CheckLength(const std::string& name, source::SourceRange at) {
    if (name.size() > kMaxIdentifierBytes)
      diags_.Emit(diag::Kind::IdentifierTooLong, at, name, name.size(), "snowflake", kMaxIdentifierBytes).hint =
          "choose a shorter name";
  }

  void Lacks(source::SourceRange at, const std::string& message, const std::string& hint) {
    diags_.Emit(diag::Kind::NotOnTarget, at, message).hint = hint;
  }

  auto LowerTable(const model::Table& t) -> catalog::Table {
    catalog::Table out;
    out.name = Fold(t.name);
    out.src = t.range;
    out.comment = t.comment;
    if (t.renamed_from) out.renamed_from = Fold(*t.renamed_from);
    CheckLength(out.name, t.range);
    for (const auto& c : t.columns) {
      catalog::Column col;
      col.name = Fold(c.name);
      col.src = c.range;
      CheckLength(col.name, c.range);
      const model::Type& type = c.type_for_target.count("snowflake") ? c.type_for_target.at("snowflake") : c.type;
      std::string error, lossy;
      col.type = TypeName(type, error, lossy);
      if (!error.empty())
        diags_.Emit(diag::Kind::NativeTypeOtherTarget, c.range, type.Describe(), c.name.text, error, "snowflake").hint =
            "pin a Snowflake type for this column: 'snowflake { type ... }'";
      if (!lossy.empty()) col.lossy = lossy;
      col.not_null = c.not_null;
      if (c.default_value && c.default_value->kind != model::Expr::Kind::Null)
        col.default_expr = RenderExpr(*c.default_value);
      if (c.identity) {
        col.identity = "by default";  // AUTOINCREMENT: explicit values may still be inserted
        if (!c.identity_options.empty())
          Lacks(c.range, "identity options of column '" + col.name + "' are not supported by the snowflake backend yet",
                "write 'identity' without options");
      }
      if (c.generated)
        Lacks(c.range, "generated column '" + col.name + "': snowflake tables have no generated columns",
              "compute it in a view over the table");
      if (c.collation)
        Lacks(c.range, "collation of column '" + col.name + "' is not supported by the snowflake backend yet",
              "leave the collation out for snowflake");
      col.comment = c.comment;
      if (c.renamed_from) col.renamed_from = Fold(*c.renamed_from);
      out.columns.push_back(std::move(col));
    }
    auto fold_all = [](const std::vector<model::Name>& v) {
      std::vector<std::string> r;
      for (const auto& n : v) r.push_back(Fold(n));
      return r;
    };
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : "_") + x;
      return s;
    };
    for (const auto& k : t.constraints) {
      catalog::Constraint c;
      c.src = k.range;
      c.columns = fold_all(k.columns);
      using MK = model::Constraint::Kind;
      switch (k.kind) {
        case MK::Check:
          diags_.Emit(diag::Kind::DroppedForTarget, k.range,
                      "check constraint " + (k.name ? "'" + Fold(*k.name) + "'" : "(" + RenderExpr(*k.check) + ")") +
                          " of table '" + out.name + "' is dropped: snowflake tables cannot have check constraints")
              .hint = "check the rule where the rows are loaded, or in a view that filters them";
          continue;
        case MK::Exclusion:
          Lacks(k.range, "exclusion constraint of table '" + out.name + "': snowflake tables have none",
                "check the rule where the rows are loaded");
          continue;
        case MK::PrimaryKey:
          c.kind = catalog::Constraint::Kind::PrimaryKey;
          c.name = k.name ? Fold(*k.name) : out.name + "_PKEY";
          break;
        case MK::Unique:
          c.kind = catalog::Constraint::Kind::Unique;
          c.name = k.name ? Fold(*k.name) : out.name + "_" + join(c.columns) + "_KEY";
          break;
        case MK::ForeignKey:
          c.kind = catalog::Constraint::Kind::ForeignKey;
          c.ref_table = {k.ref_table.schema ? Fold(*k.ref_table.schema) : kDefaultSchema, Fold(k.ref_table.name)};
          c.ref_columns = fold_all(k.ref_columns);
          c.name = k.name ? Fold(*k.name) : out.name + "_" + join(c.columns) + "_FKEY";
          break;
      }
      // Declared, not enforced: lint's TY102 says so (Backend::Enforces).
      CheckLength(c.name, k.range);
      out.constraints.push_back(std::move(c));
    }
    for (const auto& ix : t.indexes) {
      std::string what = ix.where ? "partial index" : "index";
      for (const auto& key : ix.keys)
        if (key.expr.kind != model::Expr::Kind::Column) what = "expression index";
      std::string name = ix.name ? " '" + Fold(*ix.name) + "'" : "";
      Lacks(ix.range, what + name + " of table '" + out.name + "': snowflake tables have no indexes",
            "for the order that speeds up scans write 'snowflake { cluster by (...) }'" +
                std::string(ix.unique ? "; for a key, 'unique (...)' (not enforced)" : ""));
    }
    LowerOptions(t, out);
    return out;
  }

  void LowerOptions(const model::Table& t, catalog::Table& out) {
    auto it = t.options.find("snowflake");
    if (it == t.options.end()) return;
    for (const auto& item : it->second) {
      using OK = model::TargetOption::Kind;
      if (item.kind == OK::Cluster) {
        for (const auto& e : item.exprs) out.cluster_by.push_back(RenderExpr(e));
      } else if (item.kind == OK::Flag) {
        std::string key = LowerKey(item.key.text);
        std::string value = LowerKey(item.value.value_or("true"));
        if (key == "transient") {
          out.kind = "transient";
        } else if (key == "change_tracking") {
          if (value == "true") out.options["change_tracking"] = "true";
        } else if (key == "data_retention_time_in_days") {
          // 1 is Snowflake's default, which its catalog cannot tell from unset.
          if (value != "1") out.options["data_retention_time_in_days"] = value;
        }
      }
    }
  }

  auto LowerView(const std::string& /*schema*/, const model::View& v) -> catalog::View {
    catalog::View out;
    out.name = Fold(v.name);
    CheckLength(out.name, v.range);
    out.materialized = v.materialized;
    out.definition = target::TrimmedViewBody(v.body);
    out.source = out.definition;
    for (const auto& d : v.depends_on) out.depends_on.push_back({d.schema ? Fold(*d.schema) : std::string(kDefaultSchema), Fold(d.name)});
    std::sort(out.depends_on.begin(), out.depends_on.end());
    out.depends_on.erase(std::unique(out.depends_on.begin(), out.depends_on.end()), out.depends_on.end());
    out.comment = v.comment;
    out.src = v.range;
    for (const auto& ix : v.indexes)
      Lacks(ix.range, "index of materialized view '" + out.name + "': snowflake has no indexes",
            "cluster the materialized view's base table instead");
    return out;
  }

  auto LowerPipe(const std::string& schema, const model::Pipe& p, const catalog::Catalog& c)
      -> std::optional<catalog::Pipe> {
    catalog::Pipe out;
    out.name = Fold(p.name);
    out.src = p.range;
    out.format = "parquet";
    CheckLength(out.name, p.range);
    std::vector<std::pair<std::string, source::SourceRange>> skip;
    for (const auto& item : p.items) {
      using OK = model::TargetOption::Kind;
      if (item.kind == OK::Into && item.table)
        out.table = {item.table->schema ? Fold(*item.table->schema) : schema, Fold(item.table->name)};
      else if (item.kind == OK::From) out.stage = item.value.value_or("");
      else if (item.kind == OK::Flag) {
        std::string key = LowerKey(item.key.text);
        if (key == "format") out.format = LowerKey(item.value.value_or("parquet"));
        else if (key == "auto_ingest") out.auto_ingest = true;
        else if (key == "pattern") out.pattern = item.value.value_or("");
        else if (key == "skip")
          for (const auto& n : item.names) skip.emplace_back(Fold(n), item.range);
      }
    }
    const catalog::Table* table = c.FindTable(out.table);
    if (!table) {
      // The checker resolved `into`; an extern table has no columns to load.
      Lacks(p.range, "pipe '" + out.name + "' loads into '" + out.table.schema + "." + out.table.name +
                         "', whose columns schemac does not know",
            "declare the table in the project (not as extern)");
      return std::nullopt;
    }
    std::set<std::string> skipped;
    for (const auto& [name, range] : skip) {
      const catalog::Column* col = table->FindColumn(name);
      if (!col) {
        diags_.Emit(diag::Kind::UnknownColumn, range, name, out.table.schema + "." + out.table.name);
        return std::nullopt;
      }
      if (col->not_null && !col->default_expr && col->identity.empty())
        diags_.Emit(diag::Kind::BadTargetOption, range,
                    "pipe '" + out.name + "' skips column '" + name + "', which is not null and has no default: every load would fail")
            .hint = "give the column a default, or load it from the files";
      skipped.insert(name);
    }
    if (skipped.size() == table->columns.size()) {
      diags_.Emit(diag::Kind::BadTargetOption, p.range, "pipe '" + out.name + "' skips every column of its table");
      return std::nullopt;
    }
    out.definition = CopyDefinition(out, *table, skipped);
    return out;
  }

  diag::Engine& diags_;
};

}  // namespace

auto Lower(const model::Realm& realm, diag::Engine& diags) -> std::optional<catalog::Catalog> {
  Lowerer l(diags);
  return l.Run(realm);
}

}  // namespace schemac::backends::snowflake
