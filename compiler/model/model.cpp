// Small helpers of the portable model.
#include "compiler/model/model.h"

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace schemac::model {

auto Name::key() const -> std::string { return quoted ? text : llvm::StringRef(text).lower(); }

auto Name::operator==(const Name& o) const -> bool {
  if (!quoted && !o.quoted) return llvm::StringRef(text).equals_insensitive(o.text);
  if (quoted && o.quoted) return text == o.text;
  const Name& exact = quoted ? *this : o;
  const Name& plain = quoted ? o : *this;
  return exact.text.size() == plain.text.size() && exact.text == llvm::StringRef(plain.text).lower();
}

auto IsNiladicFunction(const std::string& name) -> bool {
  static const std::set<std::string> names = {"current_timestamp", "current_date", "current_time", "localtimestamp",
                                              "localtime", "current_user", "session_user", "user", "current_role",
                                              "current_catalog", "current_schema"};
  return names.count(Name{name, false}.key()) > 0;
}

auto Type::Describe() const -> std::string {
  auto args_text = [&]() {
    if (args.empty()) return std::string();
    std::string s = "(";
    for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + std::to_string(args[i]);
    return s + ")";
  };
  std::string base;
  switch (kind) {
    case Kind::Bool: base = "bool"; break;
    case Kind::Int16: base = "int16"; break;
    case Kind::Int32: base = "int32"; break;
    case Kind::Int64: base = "int64"; break;
    case Kind::Decimal: base = "decimal" + args_text(); break;
    case Kind::Float32: base = "float32"; break;
    case Kind::Float64: base = "float64"; break;
    case Kind::Text: base = "text"; break;
    case Kind::Varchar: base = "varchar" + args_text(); break;
    case Kind::Char: base = "char" + args_text(); break;
    case Kind::Bytes: base = "bytes"; break;
    case Kind::Date: base = "date"; break;
    case Kind::Time: base = "time" + args_text(); break;
    case Kind::Timestamp: base = "timestamp" + args_text(); break;
    case Kind::TimestampTz: base = "timestamptz" + args_text(); break;
    case Kind::Uuid: base = "uuid"; break;
    case Kind::Json: base = "json"; break;
    case Kind::Array: base = "array<" + elems[0].Describe() + ">"; break;
    case Kind::Map: base = "map<" + elems[0].Describe() + ", " + elems[1].Describe() + ">"; break;
    case Kind::Row: {
      base = "row<";
      for (size_t i = 0; i < elems.size(); ++i)
        base += (i ? ", " : "") + fields[i].text + " " + elems[i].Describe();
      base += ">";
      break;
    }
    case Kind::Enum: base = (enum_schema ? enum_schema->text + "." : "") + enum_name.text; break;
    case Kind::Native:
      base = native + args_text();
      if (!elems.empty()) {
        base += "<";
        for (size_t i = 0; i < elems.size(); ++i) base += (i ? ", " : "") + elems[i].Describe();
        base += ">";
      }
      break;
  }
  for (int i = 0; i < array_dims; ++i) base += "[]";
  return base;
}

auto Type::operator==(const Type& o) const -> bool {
  return kind == o.kind && args == o.args && elems == o.elems && fields == o.fields && native == o.native &&
         enum_schema == o.enum_schema && enum_name == o.enum_name && array_dims == o.array_dims;
}

auto DumpExpr(const Expr& e) -> std::string {
  using K = Expr::Kind;
  auto args = [&]() {
    std::string s;
    for (const auto& a : e.args) s += " " + DumpExpr(a);
    return s;
  };
  auto qualifier = [&]() { return e.qualifier ? e.qualifier->text + "." : std::string(); };
  switch (e.kind) {
    case K::Number: return e.text;
    case K::String: return fmt::format("'{}'", e.text);
    case K::Bool: return e.text;
    case K::Null: return "null";
    case K::Interval: return "(interval '" + e.text + "' " + e.op + ")";
    case K::Column: return qualifier() + (e.name.quoted ? "\"" + e.name.text + "\"" : e.name.text);
    case K::Call: return "(call " + qualifier() + e.name.text + args() + ")";
    case K::Star: return "*";
    case K::Unary: return "(" + e.op + args() + ")";
    case K::Binary: return "(" + e.op + args() + ")";
    case K::IsNull: return std::string(e.negated ? "(is-not-null" : "(is-null") + args() + ")";
    case K::IsBool: return std::string(e.negated ? "(is-not-" : "(is-") + e.op + args() + ")";
    case K::In: return std::string(e.negated ? "(not-in" : "(in") + args() + ")";
    case K::Between: return std::string(e.negated ? "(not-between" : "(between") + args() + ")";
    case K::Like: return "(" + std::string(e.negated ? "not-" : "") + e.op + args() + ")";
    case K::Case:
      return std::string("(case") + (e.has_subject ? " subject" : "") + (e.has_else ? " else" : "") + args() + ")";
    case K::Cast: return "(cast" + args() + " " + e.cast_type.at(0).Describe() + ")";
    case K::List: return "(list" + args() + ")";
    case K::RawSql: return "(call sql '" + e.text + "')";
  }
  return "?";
}

}  // namespace schemac::model
