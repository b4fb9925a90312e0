// The Flink facts the checker asks about: the options of `flink { ... }`
// blocks (catalog, database and compatibility at the top level; watermark,
// connector options, schema evolution and compatibility on a table).
#include "backends/flink/dialect.h"

#include <algorithm>
#include <optional>

#include "compiler/diag/diag.h"

namespace schemac::backends::flink {
namespace {

using IK = ast::TargetItem::Kind;

/// "flink KEY is 'a', 'b' or 'c'", with the closest word when there is one.
auto BadWord(const std::string& key, const std::string& given, const std::vector<std::string>& words) -> std::string {
  std::string list;
  for (size_t i = 0; i < words.size(); ++i)
    list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + ("'" + words[i] + "'");
  std::string out = "flink " + key + " is " + list;
  std::string near = diag::DidYouMean(given, words);
  return near.empty() ? out : out + " (" + near + ")";
}

/// Schema Registry's compatibility modes, as its API spells them.
auto BadCompatibility(const ast::TargetItem& item) -> std::optional<std::string> {
  static const std::vector<std::string> modes = {"BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE",
                                                 "FULL",     "FULL_TRANSITIVE",     "NONE"};
  std::string v = item.value.value_or("");
  for (auto& ch : v) ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (std::find(modes.begin(), modes.end(), v) != modes.end()) return std::nullopt;
  return BadWord("compatibility", v, modes);
}

class FlinkDialect final : public target::Dialect {
 public:
  auto Name() const -> std::string_view override { return "flink"; }

  auto Options(target::Place place) const -> std::vector<std::string> override {
    switch (place) {
      case target::Place::Top: return {"catalog", "database", "with", "evolution", "compatibility"};
      case target::Place::Table: return {"watermark", "with", "partition by", "evolution", "compatibility"};
      case target::Place::Pipe: return {};
      case target::Place::Column: return {"metadata"};
    }
    return {};
  }

  auto CheckItem(target::Place place, const ast::TargetItem& item) const -> target::ItemRule override {
    target::ItemRule rule;
    std::string flag = FlagKey(item);
    if (place == target::Place::Top) {
      rule.known = ListedFlag(place, item) || item.kind == IK::With;  // with: every table's default options
      if (flag == "compatibility") rule.bad = BadCompatibility(item);
      if (flag == "evolution") {
        std::string v = Lowered(item.value.value_or(""));
        if (v != "alter" && v != "versioned" && v != "registry")
          rule.bad = BadWord("evolution", v, {"alter", "versioned", "registry"});
      }
    } else if (place == target::Place::Column) {
      // `metadata [from 'key'] [virtual]`: a metadata column (its type is the column's).
      rule.known = item.kind == IK::Metadata;
      if (rule.known && !item.names.empty() && Lowered(item.names[0].text) != "virtual")
        rule.bad = "write 'metadata [from 'key'] [virtual]': '" + item.names[0].text + "' is not 'virtual'";
    } else if (place == target::Place::Table) {
      if (item.kind == IK::Watermark) {
        rule.known = true;
        rule.key_is_column = true;
        rule.exprs_name_columns = true;
      } else if (item.kind == IK::With) {
        rule.known = true;  // connector options are passed through as written
      } else if (item.kind == IK::Partition) {
        rule.known = true;  // PARTITIONED BY (columns)
        rule.exprs_name_columns = true;
        if (!item.key.text.empty()) rule.bad = "flink 'partition by' takes columns, no strategy word";
      } else if (flag == "evolution") {
        rule.known = true;
        std::string v = Lowered(item.value.value_or(""));
        if (v != "alter" && v != "versioned" && v != "registry")
          rule.bad = BadWord("evolution", v, {"alter", "versioned", "registry"});
      } else if (flag == "compatibility") {
        rule.known = true;
        rule.bad = BadCompatibility(item);
      }
    }
    return rule;
  }

  // Flink's built-in catalog names its default database `default_database`.
  auto DefaultNamespace() const -> std::string override { return "default_database"; }
};

}  // namespace

auto TheDialect() -> const target::Dialect& {
  static const FlinkDialect dialect;
  return dialect;
}

}  // namespace schemac::backends::flink
