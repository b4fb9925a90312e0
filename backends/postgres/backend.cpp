// The Postgres backend object.
#include "backends/postgres/backend.h"

#include "backends/postgres/postgres.h"

#include <charconv>
#include <climits>
#include <regex>

namespace schemac::backends::postgres {
namespace {

class PostgresBackend final : public target::Backend {
 public:
  auto Name() const -> std::string_view override { return "postgres"; }
  auto Lower(const model::Realm& realm, diag::Engine& diags) const -> std::optional<catalog::Catalog> override {
    return postgres::Lower(realm, diags);
  }
  auto IsBuiltinSchema(const std::string& name) const -> bool override { return name == "public"; }
  auto SameExpression(const std::string& a, const std::string& b) const -> bool override {
    return a == b || NormalizeExpr(a) == NormalizeExpr(b);
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    std::vector<std::string> out;
    for (const auto& t : IdentifierTokens(expr)) out.push_back(t.name);
    return out;
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    std::string out;
    size_t at = 0;
    for (const auto& t : IdentifierTokens(expr)) {
      if (t.name != from) continue;
      out += expr.substr(at, t.offset - at) + QuoteIdent(to);
      at = t.offset + t.length;
    }
    return out + expr.substr(at);
  }
  auto KeepsValues(const std::string& from, const std::string& to) const -> bool override {
    // Postgres's binary-coercible widenings (no rewrite, no re-check).
    static const std::regex varchar(R"(character varying(\((\d+)\))?)"), numeric(R"(numeric(\((\d+),(\d+)\))?)"),
        stamp(R"(timestamp(\((\d+)\))? (with|without) time zone)");
    std::smatch a, b;
    auto number = [](const std::string& digits) {  // LONG_MAX when too large: in effect unbounded
      long v = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      return ec == std::errc() ? v : LONG_MAX;
    };
    auto limit = [&](const std::smatch& m, int group) { return m[group].matched ? number(m[group]) : LONG_MAX; };
    if (std::regex_match(from, a, varchar) && (to == "text" || (std::regex_match(to, b, varchar) && limit(b, 2) >= limit(a, 2))))
      return true;
    if (from == "text" && to == "character varying") return true;
    if (std::regex_match(from, a, numeric) && std::regex_match(to, b, numeric))
      return !b[1].matched || (a[1].matched && a[3] == b[3] && number(b[2]) >= number(a[2]));
    if (std::regex_match(from, a, stamp) && std::regex_match(to, b, stamp) && a[3] == b[3])
      return !b[1].matched || (a[1].matched && number(b[2]) >= number(a[2]));
    return false;
  }
  auto UserTypeName(const catalog::ObjectName& type) const -> std::string override {
    return type.schema == "public" ? QuoteIdent(type.name) : QuoteQualified(type.schema, type.name);
  }
  auto ImplicitRelations(const catalog::Table& table) const -> std::vector<std::string> override {
    std::vector<std::string> out;
    for (const auto& c : table.columns)
      if (!c.identity.empty()) out.push_back(MakeObjectName(table.name, c.name, "seq"));
    return out;
  }
  auto Emit(const plan::Plan& plan, diag::Engine& diags) const -> std::optional<target::Script> override {
    return postgres::Emit(plan, diags);
  }
  auto Connect(const std::string& url, std::string& error) const -> std::unique_ptr<target::LiveDatabase> override {
    return ConnectLive(url, error);
  }
  auto WriteSource(const catalog::Catalog& c, const std::vector<std::string>& unmanaged) const -> std::string override {
    return WriteSchema(c, unmanaged);
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    return postgres::Render(plan, script);
  }
};

}  // namespace

auto MakeBackend() -> std::unique_ptr<target::Backend> { return std::make_unique<PostgresBackend>(); }

}  // namespace schemac::backends::postgres
