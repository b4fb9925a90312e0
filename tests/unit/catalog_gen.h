// Random catalogs for property tests: the generator behind the convergence
// test (tests/unit/convergence_test.cpp), shared with the planner fuzzer
// (fuzz/plan.cpp). Gen draws its choices from any uniform random bit
// generator: std::mt19937 in the unit test, the input bytes in the fuzzer.
#pragma once

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "compiler/target/target.h"

namespace schemac::testing {

inline auto ColumnOf(catalog::Table& t, const std::string& name) -> catalog::Column* {
  for (auto& c : t.columns)
    if (c.name == name) return &c;
  return nullptr;
}
inline auto TableOf(catalog::Schema& s, const std::string& name) -> catalog::Table* {
  for (auto& t : s.tables)
    if (t.name == name) return &t;
  return nullptr;
}
inline auto HasName(const auto& objects, const std::string& name) -> bool {
  return std::any_of(objects.begin(), objects.end(), [&](const auto& o) { return o.name == name; });
}

template <class Rng>
struct Gen {
  Rng rng;
  auto Chance(int percent) -> bool { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }
  auto Pick(int n) -> int { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

  auto Enum(const std::string& name) -> catalog::Enum {
    catalog::Enum e;
    e.name = name;
    for (const char* v : {"a", "b", "c", "d", "e"})
      if (Chance(60)) e.values.push_back(v);
    if (e.values.empty()) e.values.push_back("a");
    if (Chance(20)) e.comment = "enum " + name;
    return e;
  }

  auto Column(const std::string& name, const std::vector<catalog::ObjectName>& enums) -> catalog::Column {
    catalog::Column c;
    c.name = name;
    int kind = Pick(enums.empty() ? 5 : 6);
    switch (kind) {
      case 0: c.type = "integer"; if (Chance(30)) c.default_expr = "0"; break;
      case 1: c.type = "bigint"; break;
      case 2: c.type = "text"; if (Chance(30)) c.default_expr = "'x'"; break;
      case 3: c.type = Chance(50) ? "character varying(20)" : "character varying(40)"; break;
      case 4: c.type = "boolean"; if (Chance(30)) c.default_expr = "false"; break;
      default: {
        c.type_ref = enums[static_cast<size_t>(Pick(static_cast<int>(enums.size())))];
        c.type = c.type_ref->schema == "public" ? c.type_ref->name : c.type_ref->schema + "." + c.type_ref->name;
      }
    }
    c.not_null = Chance(30);
    if (Chance(15)) c.comment = "col " + name;
    return c;
  }

  auto Catalog() -> catalog::Catalog {
    catalog::Catalog cat;
    cat.target = "postgres";
    for (std::string sname : {"public", "s1"}) {
      if (sname == "s1" && Chance(50)) continue;
      catalog::Schema s;
      s.name = sname;
      std::vector<catalog::ObjectName> enums;
      for (int i = 0; i < 3; ++i)
        if (Chance(35)) {
          s.enums.push_back(Enum("e" + std::to_string(i)));
          enums.push_back({sname, s.enums.back().name});
        }
      for (int i = 0; i < 6; ++i) {
        if (!Chance(55)) continue;
        catalog::Table t;
        t.name = "t" + std::to_string(i);
        catalog::Column id;
        id.name = "id";
        id.type = "bigint";
        id.not_null = true;
        if (Chance(40)) id.identity = "by default";
        t.columns.push_back(id);
        for (int c = 0; c < 5; ++c)
          if (Chance(50)) t.columns.push_back(Column("c" + std::to_string(c), enums));
        catalog::Constraint pk;
        pk.name = t.name + "_pkey";
        pk.kind = catalog::Constraint::Kind::PrimaryKey;
        pk.columns = {"id"};
        t.constraints.push_back(pk);
        if (t.columns.size() > 1 && Chance(40)) {
          catalog::Constraint u;
          u.kind = catalog::Constraint::Kind::Unique;
          u.columns = {t.columns[1].name};
          u.name = Chance(70) ? t.name + "_" + u.columns[0] + "_key" : t.name + "_uq";
          t.constraints.push_back(u);
        }
        if (Chance(30)) {
          catalog::Constraint k;
          k.kind = catalog::Constraint::Kind::Check;
          k.name = t.name + "_id_check";
          k.check = Chance(50) ? "id > 0" : "id >= 0";
          t.constraints.push_back(k);
        }
        if (Chance(15)) {  // an exclusion constraint: any change drops and adds it again
          catalog::Constraint x;
          x.kind = catalog::Constraint::Kind::Exclusion;
          x.name = Chance(70) ? t.name + "_id_excl" : t.name + "_ex";
          x.exclusion.keys.push_back({"id", "", false, std::nullopt, std::nullopt, std::nullopt});
          x.operators = {"="};
          if (Chance(30)) x.exclusion.where = "id > 10";
          if (Chance(30)) x.deferrable = true, x.initially_deferred = Chance(50);
          t.constraints.push_back(x);
        }
        if (t.columns.size() > 1 && Chance(40)) {
          catalog::Index ix;
          ix.keys.push_back({t.columns.back().name, "", Chance(30), std::nullopt, std::nullopt, std::nullopt});
          ix.name = Chance(70) ? t.name + "_" + t.columns.back().name + "_idx" : t.name + "_ix";
          ix.unique = Chance(20);
          if (Chance(20)) ix.where = "id > 10";
          t.indexes.push_back(ix);
        }
        if (Chance(20)) t.comment = "table " + t.name;
        s.tables.push_back(std::move(t));
      }
      // Foreign keys to the primary keys of other tables in the schema (cycles allowed).
      for (auto& t : s.tables)
        if (s.tables.size() > 1 && Chance(40)) {
          const auto& ref = s.tables[static_cast<size_t>(Pick(static_cast<int>(s.tables.size())))];
          catalog::Column col;
          col.name = "ref_" + ref.name;
          col.type = "bigint";
          t.columns.push_back(col);
          catalog::Constraint fk;
          fk.kind = catalog::Constraint::Kind::ForeignKey;
          fk.name = t.name + "_" + col.name + "_fkey";
          fk.columns = {col.name};
          fk.ref_table = {sname, ref.name};
          fk.ref_columns = {"id"};
          if (Chance(30)) fk.on_delete = "cascade";
          t.constraints.push_back(fk);
        }
      // Views over tables, and a view over a view.
      for (int i = 0; i < 3 && !s.tables.empty(); ++i) {
        if (!Chance(40)) continue;
        catalog::View v;
        v.name = "v" + std::to_string(i);
        const auto& t = s.tables[static_cast<size_t>(Pick(static_cast<int>(s.tables.size())))];
        v.definition = "select * from " + sname + "." + t.name;
        v.depends_on.push_back({sname, t.name});
        if (!s.views.empty() && Chance(40)) {
          v.definition += " cross join " + s.views.back().name;
          v.depends_on.push_back({sname, s.views.back().name});
        }
        v.materialized = Chance(25);
        // A materialized view's indexes change on their own while the view stays.
        if (v.materialized && Chance(60)) {
          catalog::Index ix;
          ix.name = v.name + "_ix";
          ix.keys.push_back({"id", "", Chance(50), std::nullopt, std::nullopt, std::nullopt});
          ix.unique = Chance(20);
          v.indexes.push_back(ix);
        }
        s.views.push_back(std::move(v));
      }
      // Partitioned tables and partitions; a partition may move between the
      // two parents (they have the same columns) or change its bound.
      std::vector<std::string> parents;
      for (int i = 0; i < 2; ++i) {
        if (!Chance(35)) continue;
        catalog::Table p;
        p.name = "p" + std::to_string(i);
        for (const char* name : {"id", "k"}) {
          catalog::Column col;
          col.name = name;
          col.type = col.name == "id" ? "bigint" : "integer";
          col.not_null = col.name == "id";
          p.columns.push_back(col);
        }
        p.options["partition_by"] = "LIST (k)";
        parents.push_back(p.name);
        s.tables.push_back(std::move(p));
      }
      for (int i = 0; i < 3 && !parents.empty(); ++i) {
        if (!Chance(60)) continue;
        catalog::Table part;
        part.name = "q" + std::to_string(i);
        part.partition_of = catalog::ObjectName{sname, parents[static_cast<size_t>(Pick(static_cast<int>(parents.size())))]};
        part.partition_bound = Chance(20) ? "DEFAULT" : "FOR VALUES IN (" + std::to_string(i * 10 + Pick(2)) + ")";
        if (Chance(20)) part.comment = "partition " + part.name;
        s.tables.push_back(std::move(part));
      }
      // Sequences of their own, some owned by a column of a plain table.
      for (int i = 0; i < 2; ++i) {
        if (!Chance(40)) continue;
        catalog::Sequence q;
        q.name = "sq" + std::to_string(i);
        q.type = Chance(30) ? "integer" : "bigint";
        if (Chance(40)) q.options.start = 10 + Pick(3);
        if (Chance(30)) q.options.increment = Chance(50) ? 2 : 5;
        if (Chance(20)) q.options.cycle = true;
        if (Chance(20)) q.comment = "sequence " + q.name;
        std::vector<const catalog::Table*> plain;
        for (const auto& t : s.tables)
          if (!t.partition_of && !t.options.count("partition_by")) plain.push_back(&t);
        if (!plain.empty() && Chance(40)) {
          const auto* t = plain[static_cast<size_t>(Pick(static_cast<int>(plain.size())))];
          q.owned_table = catalog::ObjectName{sname, t->name};
          q.owned_column = t->columns[static_cast<size_t>(Pick(static_cast<int>(t->columns.size())))].name;
        }
        s.sequences.push_back(std::move(q));
      }
      // Collations no column uses (a change of options is then a drop and a create).
      for (int i = 0; i < 2; ++i) {
        if (!Chance(30)) continue;
        catalog::Collation k;
        k.name = "co" + std::to_string(i);
        if (Chance(50)) {
          k.provider = "icu";
          k.locale = Chance(50) ? "und-u-ks-level2" : "und";
          k.deterministic = !Chance(50);
        } else {
          k.lc_collate = "C";
          k.lc_ctype = Chance(50) ? "C" : "POSIX";
        }
        if (Chance(20)) k.comment = "collation " + k.name;
        s.collations.push_back(std::move(k));
      }
      if (!s.tables.empty() || !s.enums.empty() || !s.views.empty() || !s.sequences.empty() || !s.collations.empty())
        cat.schemas.push_back(std::move(s));
    }
    catalog::Canonicalize(cat);
    return cat;
  }

  /// Makes B reachable from A: enum values are only added, never removed or
  /// reordered (the differ rightly refuses that); some tables and columns
  /// are renamed with `renamed from`.
  void Reconcile(const catalog::Catalog& a, catalog::Catalog& b) {
    for (auto& s : b.schemas) {
      const catalog::Schema* sa = a.FindSchema(s.name);
      if (!sa) continue;
      for (auto& e : s.enums)
        if (const catalog::Enum* ea = sa->FindEnum(e.name)) {
          std::vector<std::string> merged = ea->values;
          for (const auto& v : e.values)
            if (std::find(merged.begin(), merged.end(), v) == merged.end())
              merged.insert(merged.begin() + Pick(static_cast<int>(merged.size()) + 1), v);
          e.values = merged;
        }
      for (auto& t : s.tables) {
        const catalog::Table* ta = sa->FindTable(t.name);
        if (!ta) continue;
        // Rename a column of A that B does not have.
        for (const auto& col : ta->columns)
          if (!t.FindColumn(col.name) && col.name != "id" && Chance(30)) {
            catalog::Column renamed = col;
            renamed.name = col.name + "_new";
            renamed.renamed_from = col.name;
            if (renamed.type_ref && !s.FindEnum(renamed.type_ref->name)) {
              renamed.type_ref.reset();
              renamed.type = "text";
              renamed.default_expr.reset();
            }
            if (!t.FindColumn(renamed.name)) t.columns.push_back(renamed);
            break;
          }
      }
      // Rename a table of A that B does not have (and nothing references).
      for (const auto& ta : sa->tables) {
        if (s.FindTable(ta.name) || !Chance(30)) continue;
        if (ta.partition_of || ta.options.count("partition_by")) continue;  // partitions name their parent
        bool referenced = false;
        for (const auto& other : sa->tables)
          for (const auto& k : other.constraints)
            if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table.name == ta.name) referenced = true;
        for (const auto& v : sa->views)
          for (const auto& d : v.depends_on)
            if (d.name == ta.name) referenced = true;
        if (referenced) continue;
        catalog::Table t = ta;
        t.name = ta.name + "_renamed";
        t.renamed_from = ta.name;
        for (auto& k : t.constraints)
          if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table.name == ta.name) k.ref_table.name = t.name;
        // The copy may only refer to what B has.
        std::erase_if(t.constraints, [&](const catalog::Constraint& k) {
          return k.kind == catalog::Constraint::Kind::ForeignKey && !s.FindTable(k.ref_table.name);
        });
        for (auto& col : t.columns)
          if (col.type_ref && !s.FindEnum(col.type_ref->name)) {
            col.type_ref.reset();
            col.type = "text";
            col.default_expr.reset();
          }
        if (!s.FindTable(t.name)) s.tables.push_back(std::move(t));
        break;
      }
    }
    catalog::Canonicalize(b);
  }

  /// `name` with `from` replaced by `to` where it stands as a whole word
  /// between underscores (t1_c2_fkey, t1_pkey), as Postgres derives names.
  static auto Rename(std::string name, const std::string& from, const std::string& to) -> std::string {
    std::string wrapped = "_" + name + "_";
    std::string out;
    for (size_t at = 0; at < wrapped.size();) {
      if (wrapped.compare(at, from.size() + 2, "_" + from + "_") == 0) {
        out += "_" + to;
        at += from.size() + 1;
      } else {
        out += wrapped[at++];
      }
    }
    return out.substr(1, out.size() - 2);
  }

  /// B as a user evolves A: renames of tables and columns together with type
  /// changes of the keys foreign keys read, foreign keys dropped and added
  /// again, checks and expression indexes over renamed columns — the
  /// compositions that break when one change forgets another.
  auto Evolve(const catalog::Catalog& a, const target::Backend& backend) -> catalog::Catalog {
    catalog::Catalog b = a;
    for (auto& s : b.schemas) {
      // Checks and expression indexes that mention ordinary columns, so that
      // renames and type changes have expressions to carry along.
      for (auto& t : s.tables)
        for (const auto& col : t.columns)
          if (col.name != "id" && (col.type == "text" || col.type == "integer") && Chance(25)) {
            catalog::Constraint k;
            k.kind = catalog::Constraint::Kind::Check;
            k.name = t.name + "_" + col.name + "_check";
            k.check = col.type == "text" ? "length(" + col.name + ") > 0" : col.name + " > 0";
            if (!HasName(t.constraints, k.name)) t.constraints.push_back(k);
            if (col.type == "text" && Chance(50)) {
              catalog::Index ix;
              ix.name = t.name + "_lower_idx";
              ix.keys.push_back({"", "lower(" + col.name + ")", false, std::nullopt, std::nullopt, std::nullopt});
              // A key's collation and operator class: a change recreates the index.
              if (Chance(30)) ix.keys.back().collation = Chance(50) ? "C" : "POSIX";
              if (Chance(30)) ix.keys.back().opclass = "text_pattern_ops";
              if (!HasName(t.indexes, ix.name)) t.indexes.push_back(ix);
            }
            break;
          }
    }
    catalog::Catalog evolved = b;
    for (auto& s : evolved.schemas) {
      // Enum values renamed in place, and values added around them.
      for (auto& e : s.enums) {
        if (Chance(30)) {
          auto& v = e.values[static_cast<size_t>(Pick(static_cast<int>(e.values.size())))];
          e.value_renamed_from[v + "_r"] = v;
          v += "_r";
        }
        if (Chance(30)) e.values.insert(e.values.begin() + Pick(static_cast<int>(e.values.size()) + 1), "new");
      }
      std::vector<std::string> names;
      for (const auto& t : s.tables)
        if (!t.partition_of && !t.options.count("partition_by")) names.push_back(t.name);
      for (const auto& tname : names) {
        // Retype a key that foreign keys reference, with their columns.
        if (Chance(20)) {
          std::string type = Chance(50) ? "integer" : "numeric(20,0)";
          for (auto& t : s.tables) {
            if (t.name == tname) ColumnOf(t, "id")->type = type;
            for (const auto& k : t.constraints)
              if (k.kind == catalog::Constraint::Kind::ForeignKey && k.ref_table == catalog::ObjectName{s.name, tname})
                ColumnOf(t, k.columns[0])->type = type;
          }
        }
        // Rename a column, maybe one a foreign key is made of.
        auto* t = TableOf(s, tname);
        std::vector<std::string> cols;
        for (const auto& col : t->columns)
          if (col.name != "id") cols.push_back(col.name);
        if (!cols.empty() && Chance(35)) {
          std::string from = cols[static_cast<size_t>(Pick(static_cast<int>(cols.size())))], to = from + "_r";
          auto* col = ColumnOf(*t, from);
          col->name = to;
          col->renamed_from = from;
          for (auto& q : s.sequences)
            if (q.owned_table == catalog::ObjectName{s.name, tname} && q.owned_column == from) q.owned_column = to;
          for (auto& k : t->constraints) {
            std::replace(k.columns.begin(), k.columns.end(), from, to);
            if (k.kind == catalog::Constraint::Kind::Check) k.check = backend.RenameInExpression(k.check, from, to);
            if (Chance(80)) k.name = Rename(k.name, from, to);
          }
          for (auto& ix : t->indexes) {
            for (auto& key : ix.keys) {
              if (key.column == from) key.column = to;
              if (key.column.empty()) key.expression = backend.RenameInExpression(key.expression, from, to);
            }
            if (Chance(80)) ix.name = Rename(ix.name, from, to);
          }
        }
        // Drop a foreign key, or drop it and add it again under another name.
        if (Chance(15))
          for (auto& k : t->constraints)
            if (k.kind == catalog::Constraint::Kind::ForeignKey) {
              if (Chance(50)) {
                k.name += "_again";
              } else {  // the foreign key goes, a check on its column comes
                catalog::Constraint nn;
                nn.name = k.name + "_nn";
                nn.check = k.columns[0] + " IS NOT NULL";
                k = nn;
              }
              break;
            }
        // Rename the table itself: references follow it, derived names may.
        if (Chance(25)) {
          std::string to = tname + "_r";
          t->name = to;
          t->renamed_from = tname;
          for (auto& q : s.sequences)
            if (q.owned_table == catalog::ObjectName{s.name, tname}) q.owned_table->name = to;
          for (auto& k : t->constraints)
            if (Chance(80)) k.name = Rename(k.name, tname, to);
          for (auto& ix : t->indexes)
            if (Chance(80)) ix.name = Rename(ix.name, tname, to);
          for (auto& other : s.tables)
            for (auto& k : other.constraints)
              if (k.ref_table == catalog::ObjectName{s.name, tname}) k.ref_table.name = to;
          for (auto& v : s.views)
            for (auto& d : v.depends_on)
              if (d == catalog::ObjectName{s.name, tname}) {
                d.name = to;
                v.definition = backend.RenameInExpression(v.definition, tname, to);
              }
        }
      }
    }
    catalog::Canonicalize(evolved);
    return evolved;
  }

};

/// The catalog as compared: columns as a set, no empty builtin schema.
inline auto Comparable(catalog::Catalog c) -> std::string {
  std::erase_if(c.schemas, [](const catalog::Schema& s) {
    return s.name == "public" && s.tables.empty() && s.views.empty() && s.enums.empty() && s.sequences.empty() &&
           s.collations.empty();
  });
  for (auto& s : c.schemas)
    for (auto& t : s.tables)
      std::sort(t.columns.begin(), t.columns.end(), [](auto& x, auto& y) { return x.name < y.name; });
  return catalog::ToJson(c);
}

}  // namespace schemac::testing
