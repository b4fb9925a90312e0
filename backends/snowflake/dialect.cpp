// The Snowflake facts the checker asks about: the options of `snowflake { ... }`
// blocks (warehouse and database at the top level; cluster by, transient,
// change tracking and data retention on a table), and pipes, which only
// Snowflake has.
#include "backends/snowflake/dialect.h"

#include <algorithm>

namespace schemac::backends::snowflake {
namespace {

using IK = ast::TargetItem::Kind;

class SnowflakeDialect final : public target::Dialect {
 public:
  auto Name() const -> std::string_view override { return "snowflake"; }

  auto Options(target::Place place) const -> std::vector<std::string> override {
    switch (place) {
      case target::Place::Top: return {"warehouse", "database"};
      case target::Place::Table: return {"cluster by", "transient", "change_tracking", "data_retention_time_in_days"};
      case target::Place::Pipe: return {"into", "from", "format", "auto_ingest", "pattern", "skip"};
      case target::Place::Column: return {};
    }
    return {};
  }

  auto CheckItem(target::Place place, const ast::TargetItem& item) const -> target::ItemRule override {
    target::ItemRule rule;
    std::string flag = FlagKey(item);
    switch (place) {
      case target::Place::Top: {
        rule.known = ListedFlag(place, item);
        break;
      }
      case target::Place::Table:
        if (item.kind == IK::Cluster) {
          rule.known = true;
          rule.exprs_name_columns = true;
        } else {
          rule.known = item.kind == IK::Flag &&
                       (flag == "transient" || flag == "change_tracking" || flag == "data_retention_time_in_days");
        }
        break;
      case target::Place::Pipe:
        if (item.kind == IK::Into || item.kind == IK::From) {
          rule.known = true;
        } else if (flag == "format") {
          rule.known = true;
          std::string v = Lowered(item.value.value_or(""));
          if (v != "parquet" && v != "csv" && v != "json") rule.bad = "pipe format is 'parquet', 'csv' or 'json'";
        } else if (flag == "skip") {
          // Columns the files do not carry: the table's defaults fill them
          // (checked against the `into` table when the pipe is lowered).
          rule.known = rule.names_are_columns = true;
          if (item.names.empty() || item.value) rule.bad = "write 'skip (column, ...)': the columns the files do not carry";
        } else {
          rule.known = flag == "auto_ingest" || flag == "pattern";
        }
        break;
      case target::Place::Column:
        break;
    }
    return rule;
  }

  // PUBLIC, as names fold here: the checker compares folded keys.
  auto DefaultNamespace() const -> std::string override { return "public"; }
};

}  // namespace

auto TheDialect() -> const target::Dialect& {
  static const SnowflakeDialect dialect;
  return dialect;
}

}  // namespace schemac::backends::snowflake
