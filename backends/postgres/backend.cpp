// The Postgres backend object.
#include "backends/postgres/backend.h"

#include "backends/postgres/expr.h"
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
    return SameExpressionText(a, b);
  }
  auto SameView(const catalog::Catalog& a, const catalog::Catalog& b, const catalog::ObjectName& name) const
      -> bool override {
    const catalog::View *x = a.FindView(name), *y = b.FindView(name);
    if (!x || !y) return false;
    if (x->definition == y->definition) return true;
    ViewAnalysis va = AnalyzeView(a, name), vb = AnalyzeView(b, name);
    return va.parsed == vb.parsed && va.key == vb.key;
  }
  auto CompareViews(const catalog::Catalog& a, const catalog::Catalog& b) const
      -> std::unique_ptr<target::ViewComparer> override {
    class Comparer : public target::ViewComparer {
     public:
      Comparer(const catalog::Catalog& a, const catalog::Catalog& b) : a_(a), b_(b), va_(a), vb_(b) {}
      auto Same(const catalog::ObjectName& name) -> bool override {
        const catalog::View *x = a_.FindView(name), *y = b_.FindView(name);
        if (!x || !y) return false;
        if (x->definition == y->definition) return true;
        const ViewAnalysis &p = va_.Analyze(name), &q = vb_.Analyze(name);
        return p.parsed == q.parsed && p.key == q.key;
      }

     private:
      const catalog::Catalog &a_, &b_;
      ViewAnalyzer va_, vb_;
    };
    return std::make_unique<Comparer>(a, b);
  }
  auto ViewColumns(const catalog::Catalog& c, const catalog::ObjectName& view) const
      -> std::optional<std::vector<target::ViewRead>> override {
    ViewAnalysis a = AnalyzeView(c, view);
    if (!a.parsed) return std::nullopt;
    std::vector<target::ViewRead> out;
    for (auto& [rel, cols] : a.reads) out.push_back({rel, cols});
    return out;
  }
  auto ExpressionNames(const std::string& expr) const -> std::vector<std::string> override {
    return ExpressionColumns(expr);
  }
  auto RenameInExpression(const std::string& expr, const std::string& from, const std::string& to) const
      -> std::string override {
    return RenameColumnIn(expr, from, to);
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
  auto WriteSource(const catalog::Catalog& c, const std::vector<std::string>& unmanaged,
                   const catalog::Catalog* outside) const -> std::string override {
    return WriteSchema(c, unmanaged, outside);
  }
  auto Render(const plan::Plan& plan, const target::Script& script) const -> std::string override {
    return postgres::Render(plan, script);
  }
};

}  // namespace

auto MakeBackend() -> std::unique_ptr<target::Backend> { return std::make_unique<PostgresBackend>(); }

}  // namespace schemac::backends::postgres
