// The Firebolt facts the checker asks about: the options of `firebolt { ... }`
// blocks (engine and database at the top level; fact or dimension, primary
// index and `partition by (expr)` on a table).
#include "backends/firebolt/dialect.h"

#include <algorithm>

namespace schemac::backends::firebolt {
namespace {

using IK = ast::TargetItem::Kind;

class FireboltDialect final : public target::Dialect {
 public:
  auto Name() const -> std::string_view override { return "firebolt"; }

  auto Options(target::Place place) const -> std::vector<std::string> override {
    switch (place) {
      case target::Place::Top: return {"engine", "database"};
      case target::Place::Table: return {"fact", "dimension", "primary index", "partition by"};
      case target::Place::Pipe: return {};
      case target::Place::Column: return {};
    }
    return {};
  }

  auto CheckItem(target::Place place, const ast::TargetItem& item) const -> target::ItemRule override {
    target::ItemRule rule;
    std::string flag = FlagKey(item);
    if (place == target::Place::Top) {
      rule.known = ListedFlag(place, item);
    } else if (place == target::Place::Table) {
      if (item.kind == IK::PrimaryIndex) {
        rule.known = true;
        rule.names_are_columns = true;
      } else if (item.kind == IK::Partition) {
        rule.known = true;
        if (!item.key.text.empty()) rule.bad = "firebolt partitioning is written 'partition by (expr)'";
        rule.exprs_name_columns = true;
      } else {
        rule.known = item.kind == IK::Flag && (flag == "fact" || flag == "dimension");
      }
    }
    return rule;
  }

  auto DefaultNamespace() const -> std::string override { return "public"; }
};

}  // namespace

auto TheDialect() -> const target::Dialect& {
  static const FireboltDialect dialect;
  return dialect;
}

}  // namespace schemac::backends::firebolt
