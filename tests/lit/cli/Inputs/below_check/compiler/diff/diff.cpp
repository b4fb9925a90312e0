// A differ that calls the checker: found.
#include "compiler/check/check.h"
// #include "compiler/syntax/ast.h" in a comment is not an include.
