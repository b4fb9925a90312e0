// A dialect checks target-block items for the checker: allowed.
#include "compiler/syntax/ast.h"
auto Key(const schemac::ast::TargetItem& item) -> bool;
