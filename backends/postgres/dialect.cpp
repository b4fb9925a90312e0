// The Postgres facts the checker asks about: the options of `postgres { ... }`
// blocks (partitioning, unlogged, tablespace, fillfactor; online and the
// timeouts at the top level), `public` as the default namespace, the strings
// Postgres accepts as bool, date, time, timestamp, uuid and json literals,
// the bounds it gives a sequence, the icu and libc collation rules, partition
// bounds, and its index methods.
#include "backends/postgres/dialect.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace schemac::backends::postgres {
namespace {

using TK = model::Type::Kind;
using IK = ast::TargetItem::Kind;

class PostgresDialect final : public target::Dialect {
 public:
  auto Name() const -> std::string_view override { return "postgres"; }

  auto Options(target::Place place) const -> std::vector<std::string> override {
    switch (place) {
      case target::Place::Top: return {"online", "lock_timeout", "statement_timeout"};
      case target::Place::Table: return {"partition by", "partition of", "unlogged", "tablespace", "fillfactor"};
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
      if (item.kind == IK::Partition) {
        rule.known = true;
        std::string strategy = Lowered(item.key.text);
        if (strategy != "range" && strategy != "list" && strategy != "hash")
          rule.bad = "postgres partitioning is 'range', 'list' or 'hash'";
        rule.exprs_name_columns = true;
      } else if (item.kind == IK::PartitionOf) {
        rule.known = true;  // checked with the parent, once every table is known
      } else {
        rule.known = item.kind == IK::Flag && (flag == "unlogged" || flag == "tablespace" || flag == "fillfactor");
      }
    }
    return rule;
  }

  auto DefaultNamespace() const -> std::string override { return "public"; }

  auto AcceptsString(TK kind, const std::string& v) const -> bool override {
    static const std::regex date(R"(\s*(\d{4,}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4})(\s*(BC|AD))?\s*)", std::regex::icase);
    static const std::regex time(R"(\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[+-]\d{1,2}(:?\d{2})?|\s*z|\s*utc)?\s*)",
                                 std::regex::icase);
    static const std::regex stamp(
        R"(\s*\d{4,}-\d{1,2}-\d{1,2}([ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*([+-]\d{1,2}(:?\d{2})?|z|utc|[a-z]+/[a-z_]+)?\s*)",
        std::regex::icase);
    static const std::set<std::string> specials = {"now", "today", "tomorrow", "yesterday", "epoch", "infinity",
                                                   "-infinity", "allballs"};
    static const std::set<std::string> booleans = {"t", "f", "true", "false", "y", "n", "yes", "no", "on", "off", "1", "0"};
    std::string lower = Lowered(v);
    switch (kind) {
      case TK::Bool: return booleans.count(lower) > 0;
      case TK::Date: return specials.count(lower) || std::regex_match(v, date);
      case TK::Time: return specials.count(lower) || std::regex_match(v, time);
      case TK::Timestamp:
      case TK::TimestampTz: return specials.count(lower) || std::regex_match(v, stamp);
      case TK::Uuid: {
        std::string hex;
        for (char c : v)
          if (c != '-' && c != '{' && c != '}') hex += c;
        return hex.size() == 32 &&
               std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
      }
      case TK::Json: return nlohmann::json::accept(v);
      default: return true;
    }
  }

  // Postgres casts a number to text on assignment.
  auto NumberToText() const -> bool override { return true; }

  auto FrozenTimeDefault(const std::string& v) const -> std::optional<std::string> override {
    std::string lower = Lowered(v);
    if (lower != "now" && lower != "today" && lower != "tomorrow" && lower != "yesterday") return std::nullopt;
    return lower == "now" ? "now()" : "current_date";
  }

  // What Postgres fills in for the bounds not given.
  auto DefaultSequenceBounds(int64_t lo, int64_t hi, bool ascending) const -> std::pair<int64_t, int64_t> override {
    return {ascending ? 1 : lo, ascending ? hi : -1};
  }

  auto CollationProviders() const -> std::vector<std::string> override { return {"icu", "libc"}; }

  // ICU needs a locale; libc a locale or both lc_collate and lc_ctype; only
  // ICU can be nondeterministic (as Postgres 15 requires).
  auto CheckCollation(const model::Collation& c) const -> std::vector<target::Problem> override {
    std::vector<target::Problem> out;
    if (c.provider == "icu" && !c.locale)
      out.push_back({"an icu collation needs a locale", "add locale 'und-u-ks-level2' or another ICU locale"});
    if (c.provider == "icu" && (c.lc_collate || c.lc_ctype))
      out.push_back({"an icu collation takes a locale, not lc_collate or lc_ctype", ""});
    if (c.provider == "libc" && !c.locale && !(c.lc_collate && c.lc_ctype))
      out.push_back({"a libc collation needs a locale, or lc_collate and lc_ctype", ""});
    if (c.provider == "libc" && !c.deterministic) out.push_back({"only an icu collation can be nondeterministic", ""});
    return out;
  }

  auto HasPartitionOf() const -> bool override { return true; }

  auto NotPartitionedHint() const -> std::string override {
    return "declare how it is partitioned: postgres { partition by range|list|hash (...) }";
  }

  auto CheckPartitionBound(const ast::TargetItem& of, const std::string& strategy, size_t keys,
                           const std::string& parent) const -> std::vector<target::Problem> override {
    std::vector<target::Problem> out;
    const std::map<std::string, std::string> shape = {
        {"range", "for values from (...) to (...)"}, {"list", "for values in (...)"},
        {"hash", "for values with (modulus N, remainder N)"}};
    std::string expected = shape.count(strategy) ? shape.at(strategy) : "";
    bool fits = (strategy == "range" && of.bound == "from") || (strategy == "list" && of.bound == "in") ||
                (strategy == "hash" && of.bound == "with") || (strategy != "hash" && of.bound == "default");
    if (!fits) {
      out.push_back({"'" + parent + "' is partitioned by " + strategy + ", so its partitions are bounded '" + expected +
                         "'" + (strategy != "hash" ? " or 'default'" : ""),
                     "write the bound as: " + expected});
      return out;
    }
    if (of.bound == "from" && (of.exprs.size() != keys || of.to.size() != keys))
      out.push_back({"'" + parent + "' has " + std::to_string(keys) +
                         " partition key(s); a range bound gives one value per key on each side",
                     "write " + std::to_string(keys) + " value(s) in 'from (...)' and in 'to (...)'"});
    if (of.bound == "with") {
      bool named =
          of.options.size() == 2 && Lowered(of.options[0].first) == "modulus" && Lowered(of.options[1].first) == "remainder";
      auto number = [](const std::string& t) -> long {  // a small whole number, or -1
        bool digits =
            !t.empty() && t.size() < 10 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
        return digits ? std::stol(t) : -1;
      };
      long modulus = named ? number(of.options[0].second) : 0, remainder = named ? number(of.options[1].second) : -1;
      if (!named || modulus <= 0 || remainder < 0 || remainder >= modulus)
        out.push_back({"a hash bound is 'with (modulus M, remainder R)' with 0 <= R < M",
                       "e.g. for values with (modulus 4, remainder 0)"});
    }
    return out;
  }

  auto IndexMethods() const -> std::vector<std::string> override {
    return {"btree", "hash", "gist", "gin", "spgist", "brin"};
  }
  auto DefaultIndexMethod() const -> std::string override { return "btree"; }

  // The portable json is jsonb on Postgres; a pinned `json` stays json.
  auto PinnedNative(const model::Type& resolved, const std::string& written) const
      -> std::optional<std::string> override {
    if (resolved.kind == TK::Json && written == "json") return "json";
    return std::nullopt;
  }
};

}  // namespace

auto TheDialect() -> const target::Dialect& {
  static const PostgresDialect dialect;
  return dialect;
}

}  // namespace schemac::backends::postgres
