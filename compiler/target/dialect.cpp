// Helpers every target's Dialect shares (see dialect.h).
#include "compiler/target/dialect.h"

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <cctype>

namespace schemac::target {

auto Dialect::Lowered(std::string s) -> std::string { return llvm::StringRef(s).lower(); }

auto Dialect::ListedFlag(Place place, const ast::TargetItem& item) const -> bool {
  if (item.kind != ast::TargetItem::Kind::Flag) return false;
  auto known = Options(place);
  return std::find(known.begin(), known.end(), FlagKey(item)) != known.end();
}

auto Dialect::FlagKey(const ast::TargetItem& item) -> std::string {
  return item.kind == ast::TargetItem::Kind::Flag ? Lowered(item.key.text) : "";
}

}  // namespace schemac::target
