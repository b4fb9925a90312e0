// Expressions and view bodies read with Postgres's own parser (libpg_query,
// the Postgres 15 grammar as a library). The raw parse tree (JSON) is turned
// into a canonical tree in which the spellings Postgres itself produces when
// it stores an expression (pg_get_expr, pg_get_viewdef) and the spellings a
// user writes meet: locations dropped, casts of literals and the implicit
// casts Postgres prints on columns removed, IN lists as = ANY (ARRAY[...]),
// view columns qualified by the relation they come from, `*` expanded.
#include "backends/postgres/expr.h"

#include <pg_query.h>

#include <algorithm>
#include <regex>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include <llvm/ADT/StringRef.h>

#include "backends/postgres/postgres.h"

namespace schemac::backends::postgres {
namespace {

using Json = nlohmann::json;
using catalog::ObjectName;

constexpr std::string_view kPrefix = "SELECT ";
constexpr int kMaxDepth = 1000;  // deeper trees are compared as text

/// v[key], or null when v has no such key (never undefined behaviour).
const Json& At(const Json& v, const char* key) {
  static const Json null;
  if (!v.is_object()) return null;
  auto it = v.find(key);
  return it == v.end() ? null : *it;
}

/// The raw parse tree of `text`, or nullopt with `error`.
auto ParseSql(const std::string& text, std::string& error) -> std::optional<Json> {
  if (text.find('\0') != std::string::npos) {
    error = "the text holds a NUL byte";
    return std::nullopt;
  }
  PgQueryParseResult r = pg_query_parse(text.c_str());
  std::optional<Json> out;
  if (r.error) {
    error = r.error->message ? r.error->message : "syntax error";
  } else {
    Json j = Json::parse(r.parse_tree, nullptr, false);
    if (j.is_discarded()) error = "unreadable parse tree";
    else out = std::move(j);
  }
  pg_query_free_parse_result(r);
  return out;
}

/// The one SELECT statement of a parse tree.
auto OnlySelect(const Json& tree) -> const Json* {
  const Json* stmts = tree.contains("stmts") ? &At(tree, "stmts") : nullptr;
  if (!stmts || !stmts->is_array() || stmts->size() != 1) return nullptr;
  const Json& s = (*stmts)[0];
  if (!s.contains("stmt") || !At(s, "stmt").contains("SelectStmt")) return nullptr;
  return &At(At(s, "stmt"), "SelectStmt");
}

/// libpg_query 15-4.0's JSON loses the value of negative integer constants
/// (and omits 0): every integer constant is read back from the text.
void FixIntegers(Json& n, const std::string& text) {
  if (n.is_array()) {
    for (auto& x : n) FixIntegers(x, text);
    return;
  }
  if (!n.is_object()) return;
  if (n.contains("A_Const") && n["A_Const"].is_object() && n["A_Const"].contains("ival")) {
    Json& c = n["A_Const"];
    std::string num;
    if (c.contains("location") && At(c, "location").is_number_integer()) {
      long at = At(c, "location").get<long>();
      size_t i = at >= 0 ? static_cast<size_t>(at) : text.size();
      if (i < text.size() && text[i] == '-') {
        num = "-";
        for (++i; i < text.size() && std::isspace(static_cast<unsigned char>(text[i])); ++i) {}
      }
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) num += text[i++];
    }
    if (num.empty() || num == "-") {
      const Json& v = At(c, "ival");
      num = v.contains("ival") && At(v, "ival").is_number_integer() ? std::to_string(At(v, "ival").get<long>()) : "0";
    }
    c["ival"] = Json::object({{"ival", num}});
    return;
  }
  for (auto& [k, v] : n.items()) FixIntegers(v, text);
}

/// A node's type: the single key of {"Type": {...}}.
auto TypeOf(const Json& n) -> std::string {
  if (!n.is_object() || n.size() != 1) return "";
  const auto& k = n.begin().key();
  return !k.empty() && std::isupper(static_cast<unsigned char>(k[0])) ? k : "";
}

/// A list of String nodes (A_Star as "*").
auto Strings(const Json& list) -> std::vector<std::string> {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& x : list) {
    if (x.contains("String")) out.push_back(At(x, "String").value("sval", std::string()));
    else if (x.contains("A_Star")) out.push_back("*");
    else out.push_back("?");
  }
  return out;
}

auto StringNode(const std::string& s) -> Json { return Json::object({{"String", Json::object({{"sval", s}})}}); }

/// A function, operator or type name without pg_catalog./public.
auto Unqualified(std::vector<std::string> names) -> std::vector<std::string> {
  if (names.size() > 1 && (names[0] == "pg_catalog" || names[0] == "public")) names.erase(names.begin());
  return names;
}

auto IsConst(const Json& n) -> bool { return n.contains("C") || n.contains("B") || n.contains("NULL"); }

/// Types Postgres converts a column to implicitly, and prints as a cast.
auto ImplicitTarget(const Json& type) -> bool {
  static const std::set<std::string> implicit = {"text", "varchar", "bpchar", "numeric", "int8", "int4",
                                                  "float4", "float8", "timestamptz", "timestamp"};
  const Json& t = At(type, "T");
  return At(t, "n").size() == 1 && At(t, "a") == 0 && implicit.count(At(t, "n")[0].get<std::string>()) > 0;
}

/// Postgres's FigureColname: the name a select-list item gets without AS.
auto FigureColname(const Json& n, int& strength) -> std::string {
  std::string type = TypeOf(n);
  const Json& v = type.empty() ? n : n[type];
  strength = 2;
  if (type == "ColumnRef") {
    auto f = Strings(At(v, "fields"));
    if (!f.empty() && f.back() != "*") return f.back();
  } else if (type == "FuncCall") {
    auto f = Strings(At(v, "funcname"));
    if (!f.empty()) return f.back();
  } else if (type == "TypeCast") {
    std::string inner = FigureColname(At(v, "arg"), strength);
    if (strength > 1) return inner;
    auto names = Strings(At(At(v, "typeName"), "names"));
    strength = 1;
    if (!names.empty()) return names.back();
  } else if (type == "CollateClause") {
    return FigureColname(At(v, "arg"), strength);
  } else if (type == "A_Indirection") {
    if (v.contains("indirection") && !At(v, "indirection").empty()) {
      const Json& last = At(v, "indirection").back();
      if (last.contains("String")) return At(last, "String").value("sval", std::string());
    }
    return FigureColname(At(v, "arg"), strength);
  } else if (type == "SubLink") {
    std::string kind = v.value("subLinkType", std::string());
    if (kind == "EXISTS_SUBLINK") return "exists";
    if (kind == "ARRAY_SUBLINK") return "array";
    if (kind == "EXPR_SUBLINK" && v.contains("subselect") && At(v, "subselect").contains("SelectStmt")) {
      const Json& sel = At(At(v, "subselect"), "SelectStmt");
      if (sel.contains("targetList") && !At(sel, "targetList").empty()) {
        const Json& rt = At(At(sel, "targetList")[0], "ResTarget");
        if (rt.contains("name")) return At(rt, "name").get<std::string>();
        return FigureColname(At(rt, "val"), strength);
      }
    }
  } else if (type == "CaseExpr") {
    strength = 1;
    return "case";
  } else if (type == "A_ArrayExpr") {
    strength = 1;
    return "array";
  } else if (type == "RowExpr") {
    strength = 1;
    return "row";
  } else if (type == "CoalesceExpr") {
    return "coalesce";
  } else if (type == "MinMaxExpr") {
    return v.value("op", std::string()) == "IS_GREATEST" ? "greatest" : "least";
  } else if (type == "NullIfExpr" || (type == "A_Expr" && v.value("kind", std::string()) == "AEXPR_NULLIF")) {
    return "nullif";
  } else if (type == "SQLValueFunction") {
    static const std::map<std::string, std::string> names = {
        {"SVFOP_CURRENT_DATE", "current_date"}, {"SVFOP_CURRENT_TIME", "current_time"},
        {"SVFOP_CURRENT_TIME_N", "current_time"}, {"SVFOP_CURRENT_TIMESTAMP", "current_timestamp"},
        {"SVFOP_CURRENT_TIMESTAMP_N", "current_timestamp"}, {"SVFOP_LOCALTIME", "localtime"},
        {"SVFOP_LOCALTIME_N", "localtime"}, {"SVFOP_LOCALTIMESTAMP", "localtimestamp"},
        {"SVFOP_LOCALTIMESTAMP_N", "localtimestamp"}, {"SVFOP_CURRENT_ROLE", "current_role"},
        {"SVFOP_CURRENT_USER", "current_user"}, {"SVFOP_USER", "user"}, {"SVFOP_SESSION_USER", "session_user"},
        {"SVFOP_CURRENT_CATALOG", "current_catalog"}, {"SVFOP_CURRENT_SCHEMA", "current_schema"}};
    auto it = names.find(v.value("op", std::string()));
    if (it != names.end()) return it->second;
  }
  strength = 0;
  return "?column?";
}

auto FigureColname(const Json& n) -> std::string {
  int strength = 0;
  return FigureColname(n, strength);
}

/// A relation a query reads, as it is visible by name in the query.
struct Rte {
  std::string ref;                                 // alias, or the relation's name
  std::optional<ObjectName> relation;              // a table or view (not a CTE or subquery)
  std::optional<std::vector<std::string>> columns;  // unknown for relations outside the catalog
};

struct Scope {
  const Scope* parent = nullptr;
  std::vector<Rte> rtes;
  std::map<std::string, std::vector<std::string>> ctes;  // visible WITH queries: their columns
};

class Canonicalizer {
 public:
  /// `c` may be null: expressions of one table, whose columns are not resolved.
  Canonicalizer(const catalog::Catalog* c, std::string schema, std::map<ObjectName, std::vector<std::string>>* memo,
                std::set<ObjectName>* busy)
      : catalog_(c), schema_(std::move(schema)), memo_(memo), busy_(busy) {}

  bool too_deep = false;
  std::map<ObjectName, std::set<std::string>> reads;

  auto Expr(const Json& n, Scope* s) -> Json {
    if (++depth_ > kMaxDepth) too_deep = true;
    Json out = too_deep ? Json() : Dispatch(n, s);
    --depth_;
    return out;
  }

  /// A SELECT: the canonical tree, and its output column names.
  auto Select(const Json& v, const Scope* parent, std::vector<std::string>* columns) -> Json {
    Scope cur;
    cur.parent = parent;
    Json out = Json::object();
    if (v.contains("withClause")) {
      const Json& w = At(v, "withClause");
      Json ctes = Json::array();
      for (const auto& c : At(w, "ctes")) {
        const Json& cte = At(c, "CommonTableExpr");
        std::string name = cte.value("ctename", std::string());
        std::vector<std::string> cols;
        Json q;
        // A recursive CTE sees itself: its columns are those of its first branch.
        if (cte.contains("ctequery") && At(cte, "ctequery").contains("SelectStmt")) {
          const Json& sel = At(At(cte, "ctequery"), "SelectStmt");
          if (w.value("recursive", false) && sel.contains("larg")) {
            std::vector<std::string> first;
            Select(At(sel, "larg"), &cur, &first);
            cur.ctes[name] = first;
          }
          q = Select(sel, &cur, &cols);
        } else {
          q = Expr(At(cte, "ctequery"), &cur);
        }
        auto aliases = Strings(cte.value("aliascolnames", Json::array()));
        for (size_t i = 0; i < aliases.size() && i < cols.size(); ++i) cols[i] = aliases[i];
        cur.ctes[name] = cols;
        ctes.push_back(Json::object({{"name", name}, {"cols", aliases}, {"q", q}, {"mat", cte.value("ctematerialized", std::string())}}));
      }
      out["with"] = Json::object({{"recursive", w.value("recursive", false)}, {"ctes", ctes}});
    }
    std::string op = v.value("op", std::string("SETOP_NONE"));
    if (op != "SETOP_NONE") {
      out["op"] = op;
      out["all"] = v.value("all", false);
      out["l"] = Select(At(v, "larg"), &cur, columns);
      out["r"] = Select(At(v, "rarg"), &cur, nullptr);
      // ORDER BY and LIMIT of a set operation name its output columns.
      if (v.contains("sortClause")) out["sort"] = Expr(v["sortClause"], nullptr);
      for (const char* k : {"limitCount", "limitOffset"})
        if (v.contains(k)) out[k] = Expr(v[k], &cur);
      return out;
    }
    if (v.contains("valuesLists")) {
      out["values"] = Expr(v["valuesLists"], &cur);
      if (columns && !At(v, "valuesLists").empty())
        for (size_t i = 0; i < At(At(At(v, "valuesLists")[0], "List"), "items").size(); ++i)
          columns->push_back("column" + std::to_string(i + 1));
    }
    if (v.contains("fromClause")) {
      Json from = Json::array();
      for (const auto& item : At(v, "fromClause")) from.push_back(From(item, cur));
      out["from"] = from;
    }
    // The select list, `*` expanded where the relations' columns are known.
    std::vector<std::pair<std::string, Json>> targets;
    if (v.contains("targetList"))
      for (const auto& t : At(v, "targetList")) {
        const Json& rt = At(t, "ResTarget");
        const Json& val = At(rt, "val");
        if (val.contains("ColumnRef")) {
          auto fields = Strings(At(At(val, "ColumnRef"), "fields"));
          if (!fields.empty() && fields.back() == "*" && ExpandStar(fields, cur, targets)) continue;
        }
        std::string name = rt.contains("name") ? At(rt, "name").get<std::string>() : FigureColname(val);
        targets.emplace_back(name, Expr(val, &cur));
      }
    Json list = Json::array();
    for (const auto& [name, val] : targets) {
      list.push_back(Json::array({name, val}));
      if (columns) columns->push_back(name);
    }
    out["targets"] = list;
    if (v.contains("distinctClause")) out["distinct"] = Expr(v["distinctClause"], &cur);
    if (v.contains("whereClause")) out["where"] = Expr(v["whereClause"], &cur);
    if (v.contains("groupClause")) {
      Json g = Json::array();
      for (const auto& item : At(v, "groupClause")) g.push_back(OutputRef(item, cur, targets, false));
      out["group"] = g;
    }
    if (v.contains("havingClause")) out["having"] = Expr(v["havingClause"], &cur);
    if (v.contains("windowClause")) out["window"] = Expr(v["windowClause"], &cur);
    if (v.contains("sortClause")) {
      Json sorts = Json::array();
      for (const auto& item : At(v, "sortClause")) {
        const Json& sb = At(item, "SortBy");
        std::string dir = sb.value("sortby_dir", std::string("SORTBY_DEFAULT"));
        std::string nulls = sb.value("sortby_nulls", std::string("SORTBY_NULLS_DEFAULT"));
        if (dir == "SORTBY_ASC") dir = "SORTBY_DEFAULT";
        if ((dir == "SORTBY_DEFAULT" && nulls == "SORTBY_NULLS_LAST") || (dir == "SORTBY_DESC" && nulls == "SORTBY_NULLS_FIRST"))
          nulls = "SORTBY_NULLS_DEFAULT";
        sorts.push_back(Json::object({{"node", OutputRef(At(sb, "node"), cur, targets, true)}, {"dir", dir}, {"nulls", nulls},
                                      {"using", Strings(sb.value("useOp", Json::array()))}}));
      }
      out["sort"] = sorts;
    }
    for (const char* k : {"limitCount", "limitOffset", "lockingClause"})
      if (v.contains(k)) out[k] = Expr(v[k], &cur);
    if (v.contains("limitOption") && v["limitOption"] != "LIMIT_OPTION_DEFAULT") out["limitOption"] = v["limitOption"];
    return out;
  }

 private:
  auto Dispatch(const Json& n, Scope* s) -> Json {
    if (n.is_array()) {
      Json out = Json::array();
      for (const auto& x : n) out.push_back(Expr(x, s));
      return out;
    }
    if (!n.is_object()) return n;
    std::string type = TypeOf(n);
    if (type.empty()) return Generic(n, s);
    const Json& v = n[type];
    if (type == "A_Const") return Const(v);
    if (type == "TypeCast") {
      Json arg = Expr(At(v, "arg"), s);
      Json t = TypeName(At(v, "typeName"));
      bool const_array = arg.contains("A_ArrayExpr") &&
                         std::all_of(At(arg, "A_ArrayExpr").begin(), At(arg, "A_ArrayExpr").end(), [](const Json& e) { return IsConst(e); });
      if (IsConst(arg) || const_array || (arg.contains("ColumnRef") && ImplicitTarget(t))) return arg;
      return Json::object({{"TypeCast", Json::object({{"arg", arg}, {"type", t}})}});
    }
    if (type == "TypeName") return TypeName(v);
    if (type == "ColumnRef") return Column(Strings(At(v, "fields")), s);
    if (type == "FuncCall") {
      Json out = Generic(v, s);
      out.erase("funcformat");
      out["funcname"] = Unqualified(Strings(v["funcname"]));
      return Json::object({{"FuncCall", out}});
    }
    if (type == "A_ArrayExpr") return Json::object({{"A_ArrayExpr", Expr(v.value("elements", Json::array()), s)}});
    if (type == "A_Expr") return AExpr(v, s);
    if (type == "BoolExpr") {
      std::string op = v.value("boolop", std::string());
      Json args = Json::array();
      for (const auto& a : At(v, "args")) {
        Json x = Expr(a, s);
        if (op != "NOT_EXPR" && x.contains("BoolExpr") && At(At(x, "BoolExpr"), "op") == op) {
          for (const auto& y : At(At(x, "BoolExpr"), "args")) args.push_back(y);
        } else {
          args.push_back(x);
        }
      }
      return Json::object({{"BoolExpr", Json::object({{"op", op}, {"args", args}})}});
    }
    if (type == "SelectStmt") return Json::object({{"SelectStmt", Select(v, s, nullptr)}});
    return Json::object({{type, Generic(v, s)}});
  }

  auto Generic(const Json& v, Scope* s) -> Json {
    if (!v.is_object()) return Expr(v, s);
    Json out = Json::object();
    for (const auto& [k, x] : v.items())
      if (k != "location") out[k] = Expr(x, s);
    return out;
  }

  static auto Const(const Json& v) -> Json {
    if (v.value("isnull", false)) return Json::object({{"NULL", true}});
    auto text = [&](const char* field) -> std::string {
      const Json& f = v[field];
      return f.contains(field) && f[field].is_string() ? f[field].get<std::string>() : "";
    };
    if (v.contains("ival")) return Json::object({{"C", text("ival")}});
    if (v.contains("fval")) return Json::object({{"C", text("fval")}});
    if (v.contains("sval")) return Json::object({{"C", text("sval")}});
    if (v.contains("bsval")) return Json::object({{"C", text("bsval")}});
    if (v.contains("boolval")) return Json::object({{"B", At(v, "boolval").value("boolval", false)}});
    return Json::object({{"C", ""}});
  }

  auto TypeName(const Json& v) -> Json {
    return Json::object({{"T", Json::object({{"n", Unqualified(Strings(At(v, "names")))},
                                              {"m", Expr(v.value("typmods", Json::array()), nullptr)},
                                              {"a", v.value("arrayBounds", Json::array()).size()},
                                              {"setof", v.value("setof", false)}})}});
  }

  auto AExpr(const Json& v, Scope* s) -> Json {
    std::string kind = v.value("kind", std::string());
    auto name = Unqualified(Strings(At(v, "name")));
    std::string op = name.empty() ? "" : name.back();
    auto make = [](const std::string& k, const std::string& o, const Json& l, const Json& r) {
      return Json::object({{"A_Expr", Json::object({{"kind", k}, {"name", Json::array({StringNode(o)})}, {"lexpr", l}, {"rexpr", r}})}});
    };
    auto boolean = [](const std::string& o, Json args) {
      return Json::object({{"BoolExpr", Json::object({{"boolop", o}, {"args", std::move(args)}})}});
    };
    const Json lexpr = v.value("lexpr", Json()), rexpr = v.value("rexpr", Json());
    if (kind == "AEXPR_IN" && rexpr.contains("List")) {
      // Postgres stores x IN (a) as x = a, a list of constants as
      // x = ANY (ARRAY[...]), and anything else as a chain of ORs.
      const Json items = At(rexpr, "List").value("items", Json::array());
      bool in = op == "=";
      if (items.size() == 1) return Expr(make("AEXPR_OP", op, lexpr, items[0]), s);
      bool constants = std::all_of(items.begin(), items.end(), [&](const Json& e) { return IsConst(Expr(e, s)); });
      if (constants)
        return Expr(make(in ? "AEXPR_OP_ANY" : "AEXPR_OP_ALL", op, lexpr,
                         Json::object({{"A_ArrayExpr", Json::object({{"elements", items}})}})),
                    s);
      Json args = Json::array();
      for (const auto& e : items) args.push_back(make("AEXPR_OP", op, lexpr, e));
      return Expr(boolean(in ? "OR_EXPR" : "AND_EXPR", args), s);
    }
    if ((kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN") && rexpr.contains("List") &&
        At(rexpr, "List").value("items", Json::array()).size() == 2) {
      const Json& items = At(At(rexpr, "List"), "items");
      bool between = kind == "AEXPR_BETWEEN";
      return Expr(boolean(between ? "AND_EXPR" : "OR_EXPR",
                          Json::array({make("AEXPR_OP", between ? ">=" : "<", lexpr, items[0]),
                                       make("AEXPR_OP", between ? "<=" : ">", lexpr, items[1])})),
                  s);
    }
    if (kind == "AEXPR_LIKE" || kind == "AEXPR_ILIKE") kind = "AEXPR_OP";
    Json out = Json::object({{"kind", kind}, {"name", name}});
    if (!lexpr.is_null()) out["l"] = Expr(lexpr, s);
    if (!rexpr.is_null()) out["r"] = Expr(rexpr, s);
    return Json::object({{"A_Expr", out}});
  }

  /// A column reference: in a view, qualified by the relation it comes from
  /// (and counted as read); in a table's expression, its column name.
  auto Column(const std::vector<std::string>& fields, const Scope* s) -> Json {
    if (fields.empty()) return Json::object({{"ColumnRef", Json::array()}});
    if (!s) return Json::object({{"ColumnRef", Json::array({fields.back()})}});
    const std::string& name = fields.back();
    const Rte* found = nullptr;
    if (fields.size() == 1) {
      for (const Scope* sc = s; sc && !found; sc = sc->parent)
        for (const auto& r : sc->rtes)
          if (r.columns && std::find(r.columns->begin(), r.columns->end(), name) != r.columns->end()) {
            found = &r;
            break;
          }
      if (!found) {  // a single relation of unknown columns is the only candidate
        std::vector<const Rte*> unknown;
        for (const auto& r : s->rtes)
          if (!r.columns) unknown.push_back(&r);
        if (unknown.size() == 1) found = unknown[0];
      }
    } else {
      for (const Scope* sc = s; sc && !found; sc = sc->parent)
        for (const auto& r : sc->rtes) {
          bool match = fields.size() == 2 ? r.ref == fields[0]
                                          : r.relation && r.relation->schema == fields[fields.size() - 3] &&
                                                r.relation->name == fields[fields.size() - 2] && r.ref == r.relation->name;
          if (match) {
            found = &r;
            break;
          }
        }
    }
    if (!found) return Json::object({{"ColumnRef", fields}});
    if (found->relation && name != "*") reads[*found->relation].insert(name);
    return Json::object({{"ColumnRef", Json::array({found->ref, name})}});
  }

  auto ExpandStar(const std::vector<std::string>& fields, Scope& cur, std::vector<std::pair<std::string, Json>>& out) -> bool {
    std::vector<const Rte*> rtes;
    for (const auto& r : cur.rtes)
      if (fields.size() == 1 || r.ref == fields[fields.size() - 2]) rtes.push_back(&r);
    if (rtes.empty()) return false;
    for (const Rte* r : rtes)
      if (!r->columns) return false;
    for (const Rte* r : rtes)
      for (const auto& c : *r->columns) {
        if (r->relation) reads[*r->relation].insert(c);
        out.emplace_back(c, Json::object({{"ColumnRef", Json::array({r->ref, c})}}));
      }
    return true;
  }

  /// GROUP BY and ORDER BY items: a position or an output column's name
  /// stands for that output column's expression, as Postgres prints it.
  auto OutputRef(const Json& n, Scope& cur, const std::vector<std::pair<std::string, Json>>& targets, bool order) -> Json {
    if (n.contains("A_Const") && At(n, "A_Const").contains("ival")) {
      std::string pos = At(At(n, "A_Const"), "ival").value("ival", std::string());
      size_t k = pos.empty() || pos[0] == '-' ? 0 : std::stoul(pos);
      if (k >= 1 && k <= targets.size()) return targets[k - 1].second;
    }
    if (n.contains("ColumnRef")) {
      auto fields = Strings(At(At(n, "ColumnRef"), "fields"));
      if (fields.size() == 1) {
        bool input = false;
        for (const auto& r : cur.rtes)
          if (r.columns && std::find(r.columns->begin(), r.columns->end(), fields[0]) != r.columns->end()) input = true;
        if (order || !input)
          for (const auto& [name, val] : targets)
            if (name == fields[0]) return val;
      }
    }
    return Expr(n, &cur);
  }

  auto From(const Json& n, Scope& cur) -> Json {
    std::string type = TypeOf(n);
    if (type.empty()) return Expr(n, &cur);
    const Json& v = n[type];
    auto alias_of = [&](std::vector<std::string>* colnames) -> std::optional<std::string> {
      if (!v.contains("alias")) return std::nullopt;
      if (colnames) *colnames = Strings(At(At(v, "alias"), "colnames"));
      return At(v, "alias").value("aliasname", std::string());
    };
    auto rename = [](std::vector<std::string>& cols, const std::vector<std::string>& names) {
      for (size_t i = 0; i < names.size() && i < cols.size(); ++i) cols[i] = names[i];
    };
    if (type == "RangeVar") {
      std::vector<std::string> colnames;
      auto alias = alias_of(&colnames);
      std::string relname = v.value("relname", std::string());
      std::string schema = v.value("schemaname", std::string());
      Rte r;
      r.ref = alias.value_or(relname);
      if (schema.empty()) {
        for (const Scope* sc = &cur; sc; sc = sc->parent)
          if (auto it = sc->ctes.find(relname); it != sc->ctes.end()) {
            r.columns = it->second;
            rename(*r.columns, colnames);
            cur.rtes.push_back(r);
            return Json::object({{"cte", relname}, {"alias", r.ref}, {"cols", colnames}});
          }
      }
      auto [name, columns] = Resolve(schema, relname);
      r.relation = name;
      r.columns = columns;
      if (r.columns) rename(*r.columns, colnames);
      reads[name];  // read, even if no column is named (count(*))
      cur.rtes.push_back(r);
      return Json::object({{"rel", name.schema + "." + name.name}, {"alias", r.ref}, {"cols", colnames},
                           {"only", !v.value("inh", true)}});
    }
    if (type == "JoinExpr") {
      Json l = From(At(v, "larg"), cur), r = From(At(v, "rarg"), cur);
      Json out = Json::object({{"join", v.value("jointype", std::string())}, {"l", l}, {"r", r},
                               {"natural", v.value("isNatural", false)},
                               {"using", Strings(v.value("usingClause", Json::array()))}});
      if (v.contains("quals")) out["on"] = Expr(v["quals"], &cur);
      return out;
    }
    if (type == "RangeSubselect") {
      std::vector<std::string> colnames;
      auto alias = alias_of(&colnames);
      std::vector<std::string> cols;
      bool lateral = v.value("lateral", false);
      Json sub = Select(At(At(v, "subquery"), "SelectStmt"), lateral ? &cur : cur.parent, &cols);
      rename(cols, colnames);
      cur.rtes.push_back(Rte{alias.value_or(""), std::nullopt, cols});
      return Json::object({{"sub", sub}, {"alias", alias.value_or("")}, {"cols", colnames}, {"lateral", lateral}});
    }
    // Functions and the rest: their columns are not known here.
    auto alias = alias_of(nullptr);
    Json out = Expr(n, &cur);
    cur.rtes.push_back(Rte{alias.value_or(""), std::nullopt, std::nullopt});
    return out;
  }

  /// A relation named in FROM: in the catalog (the view's schema first, then
  /// public), with its columns; otherwise as written, columns unknown.
  auto Resolve(const std::string& schema, const std::string& name)
      -> std::pair<ObjectName, std::optional<std::vector<std::string>>> {
    std::vector<std::string> schemas = schema.empty() ? std::vector<std::string>{schema_, "public"}
                                                      : std::vector<std::string>{schema};
    if (catalog_)
      for (const auto& sc : schemas) {
        ObjectName n{sc, name};
        if (const auto* t = catalog_->FindTable(n)) {
          std::vector<std::string> cols;
          for (const auto& c : t->columns) cols.push_back(c.name);
          return {n, cols};
        }
        if (catalog_->FindView(n)) return {n, ViewColumns(n)};
      }
    if (!schema.empty()) return {{schema == "pg_catalog" ? "pg_catalog" : schema, name}, std::nullopt};
    return {{name.rfind("pg_", 0) == 0 ? "pg_catalog" : "public", name}, std::nullopt};
  }

  auto ViewColumns(const ObjectName& n) -> std::optional<std::vector<std::string>>;

  const catalog::Catalog* catalog_;
  std::string schema_;
  std::map<ObjectName, std::vector<std::string>>* memo_;
  std::set<ObjectName>* busy_;
  int depth_ = 0;
};

auto AnalyzeWith(const catalog::Catalog& c, const ObjectName& view, std::map<ObjectName, std::vector<std::string>>& memo,
                 std::set<ObjectName>& busy) -> ViewAnalysis;

auto Canonicalizer::ViewColumns(const ObjectName& n) -> std::optional<std::vector<std::string>> {
  if (auto it = memo_->find(n); it != memo_->end()) return it->second;
  if (!catalog_ || busy_->count(n)) return std::nullopt;
  ViewAnalysis a = AnalyzeWith(*catalog_, n, *memo_, *busy_);
  if (!a.parsed) return std::nullopt;
  return a.columns;
}

auto AnalyzeWith(const catalog::Catalog& c, const ObjectName& view, std::map<ObjectName, std::vector<std::string>>& memo,
                 std::set<ObjectName>& busy) -> ViewAnalysis {
  ViewAnalysis out;
  const catalog::View* v = c.FindView(view);
  if (!v) return out;
  out.key = NormalizeExpr(v->definition);
  std::string error;
  auto tree = ParseSql(v->definition, error);
  const Json* sel = tree ? OnlySelect(*tree) : nullptr;
  if (!sel) return out;
  FixIntegers(*tree, v->definition);
  busy.insert(view);
  Canonicalizer canon(&c, view.schema, &memo, &busy);
  Json key;
  try {
    key = canon.Select(*sel, nullptr, &out.columns);
  } catch (const std::exception&) {  // a tree of an unexpected shape: compared as text
    canon.too_deep = true;
  }
  busy.erase(view);
  if (canon.too_deep) {
    out.columns.clear();
    return out;
  }
  out.parsed = true;
  out.key = key.dump();
  for (auto& [rel, cols] : canon.reads)
    if (rel != view) out.reads.emplace_back(rel, std::vector<std::string>(cols.begin(), cols.end()));
  memo[view] = out.columns;
  return out;
}

/// The one expression of `SELECT <sql>`: its raw tree (integers fixed).
auto ParseExpressionTree(std::string_view sql, std::string& error) -> std::optional<Json> {
  std::string text = std::string(kPrefix) + std::string(sql);
  auto tree = ParseSql(text, error);
  if (!tree) return std::nullopt;
  const Json* sel = OnlySelect(*tree);
  bool one = sel && sel->contains("targetList") && At((*sel), "targetList").size() == 1;
  if (one)
    for (const auto& [k, v] : sel->items())
      if (k != "targetList" && k != "limitOption" && k != "op") one = false;
  const Json* rt = one ? &At(At((*sel), "targetList")[0], "ResTarget") : nullptr;
  if (!rt || rt->contains("name") || !rt->contains("val")) {
    error = "not a single expression";
    return std::nullopt;
  }
  FixIntegers(*tree, text);
  return (*OnlySelect(*tree))["targetList"][0]["ResTarget"]["val"];
}

auto ParseExpression(std::string_view sql, std::string& error) -> std::optional<Json> {
  try {
    return ParseExpressionTree(sql, error);
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

/// Every node of type `type` in a tree, in order of location.
void Collect(const Json& n, const std::string& type, std::vector<const Json*>& out) {
  if (n.is_array()) {
    for (const auto& x : n) Collect(x, type, out);
  } else if (n.is_object()) {
    if (n.contains(type) && n.size() == 1) out.push_back(&n[type]);
    for (const auto& [k, v] : n.items()) Collect(v, type, out);
  }
}

auto LocationOf(const Json* n) -> long {
  const Json& l = At(*n, "location");
  return l.is_number_integer() ? l.get<long>() : -1;
}

}  // namespace

auto ExpressionKey(std::string_view sql) -> std::optional<std::string> {
  static std::unordered_map<std::string, std::optional<std::string>> cache;
  std::string text(sql);
  if (auto it = cache.find(text); it != cache.end()) return it->second;
  std::optional<std::string> key;
  std::string error;
  try {
    if (auto tree = ParseExpression(sql, error)) {
      Canonicalizer canon(nullptr, "", nullptr, nullptr);
      Json k = canon.Expr(*tree, nullptr);
      if (!canon.too_deep) key = k.dump();
    }
  } catch (const std::exception&) {  // a tree of an unexpected shape: compared as text
    key.reset();
  }
  if (cache.size() > 100000) cache.clear();
  cache.emplace(std::move(text), key);
  return key;
}

auto ExpressionError(std::string_view sql) -> std::string {
  std::string error;
  ParseExpression(sql, error);
  return error;
}

auto QueryError(std::string_view sql) -> std::string {
  std::string error;
  auto tree = ParseSql(std::string(sql), error);
  if (tree && !OnlySelect(*tree)) error = "not a single SELECT statement";
  return error;
}

auto SameExpressionText(std::string_view a, std::string_view b) -> bool {
  if (a == b) return true;
  auto ka = ExpressionKey(a), kb = ExpressionKey(b);
  if (ka && kb) return *ka == *kb;
  return NormalizeExpr(a) == NormalizeExpr(b);
}

auto ExpressionColumns(std::string_view sql) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::string error;
  auto tree = ParseExpression(sql, error);
  if (!tree) {
    for (const auto& t : IdentifierTokens(sql))
      if (std::find(out.begin(), out.end(), t.name) == out.end()) out.push_back(t.name);
    return out;
  }
  std::vector<const Json*> refs, rels;
  Collect(*tree, "ColumnRef", refs);
  Collect(*tree, "RangeVar", rels);
  refs.insert(refs.end(), rels.begin(), rels.end());
  std::stable_sort(refs.begin(), refs.end(), [](const Json* x, const Json* y) { return LocationOf(x) < LocationOf(y); });
  for (const Json* r : refs) {
    std::string name;
    if (r->contains("fields")) {
      auto f = Strings(At((*r), "fields"));
      if (f.empty() || f.back() == "*") continue;
      name = f.back();
    } else {
      name = r->value("relname", std::string());
    }
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

auto ExpressionFunctions(std::string_view sql) -> std::optional<std::vector<std::string>> {
  std::string error;
  auto tree = ParseExpression(sql, error);
  if (!tree) return std::nullopt;
  std::vector<const Json*> calls;
  Collect(*tree, "FuncCall", calls);
  std::vector<std::string> out;
  for (const Json* f : calls) {
    auto name = Strings(At(*f, "funcname"));
    if (name.empty()) continue;
    std::string last = llvm::StringRef(name.back()).lower();
    if (std::find(out.begin(), out.end(), last) == out.end()) out.push_back(std::move(last));
  }
  return out;
}

auto SelectsStar(std::string_view sql) -> bool {
  std::string error;
  if (auto tree = ParseSql(std::string(sql), error)) {
    std::vector<const Json*> refs;
    Collect(*tree, "ColumnRef", refs);
    return std::any_of(refs.begin(), refs.end(), [](const Json* r) {
      auto f = Strings(At(*r, "fields"));
      return !f.empty() && f.back() == "*";
    });
  }
  // A body Postgres cannot parse (it would not create the view either): by its text.
  static const std::regex star(R"((^|[\s,(])(select\s+(all\s+|distinct\s+)?|,\s*)([A-Za-z_"][\w"$]*\.)?\*)",
                               std::regex::icase);
  return std::regex_search(std::string(sql), star);
}

auto RenameColumnIn(std::string_view sql, const std::string& from, const std::string& to) -> std::string {
  auto by_tokens = [&] {
    std::string out;
    size_t at = 0;
    for (const auto& t : IdentifierTokens(sql)) {
      if (t.name != from) continue;
      out += std::string(sql.substr(at, t.offset - at)) + QuoteIdent(to);
      at = t.offset + t.length;
    }
    return out + std::string(sql.substr(at));
  };
  std::string error;
  auto tree = ParseExpression(sql, error);
  if (!tree) return by_tokens();
  std::vector<const Json*> refs;
  Collect(*tree, "ColumnRef", refs);
  // The span of the last name of each reference to `from`, found by reading
  // the names from the reference's location.
  std::vector<std::pair<size_t, size_t>> spans;
  for (const Json* r : refs) {
    auto fields = Strings(At((*r), "fields"));
    if (fields.empty() || fields.back() != from) continue;
    long loc = LocationOf(r) - static_cast<long>(kPrefix.size());
    if (loc < 0) return by_tokens();
    size_t i = static_cast<size_t>(loc), start = i;
    for (size_t f = 0; f < fields.size(); ++f) {
      if (f > 0) {
        while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
        if (i >= sql.size() || sql[i] != '.') return by_tokens();
        ++i;
        while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
      }
      start = i;
      if (i < sql.size() && sql[i] == '"') {
        for (++i; i < sql.size(); ++i)
          if (sql[i] == '"') {
            if (i + 1 < sql.size() && sql[i + 1] == '"') ++i;
            else break;
          }
        ++i;
      } else {
        while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$' ||
                                  (sql[i] & 0x80)))
          ++i;
      }
      if (i == start || i > sql.size()) return by_tokens();
    }
    spans.emplace_back(start, i - start);
  }
  std::sort(spans.begin(), spans.end());
  std::string out;
  size_t at = 0;
  for (const auto& [start, len] : spans) {
    if (start < at) continue;
    out += std::string(sql.substr(at, start - at)) + QuoteIdent(to);
    at = start + len;
  }
  return out + std::string(sql.substr(at));
}

auto ViewAnalyzer::Analyze(const ObjectName& view) -> const ViewAnalysis& {
  if (auto it = done_.find(view); it != done_.end()) return it->second;
  // The views it depends on first, without recursion (a chain of views may be
  // thousands deep): then each analysis finds its inputs' columns memoised.
  std::vector<std::pair<ObjectName, bool>> stack{{view, false}};
  std::set<ObjectName> visited;
  while (!stack.empty()) {
    auto [name, expanded] = stack.back();
    stack.pop_back();
    if (done_.count(name)) continue;
    if (expanded) {
      done_[name] = AnalyzeWith(catalog_, name, columns_, busy_);
      continue;
    }
    if (!visited.insert(name).second) continue;  // a cycle: analysed where it closes
    stack.push_back({name, true});
    if (const catalog::View* v = catalog_.FindView(name))
      for (const auto& d : v->depends_on)
        if (!done_.count(d) && catalog_.FindView(d)) stack.push_back({d, false});
  }
  return done_[view];
}

auto AnalyzeView(const catalog::Catalog& c, const catalog::ObjectName& view) -> ViewAnalysis {
  return ViewAnalyzer(c).Analyze(view);
}

}  // namespace schemac::backends::postgres
