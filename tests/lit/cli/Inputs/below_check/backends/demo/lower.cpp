// A backend that reads the syntax tree: found.
#include "compiler/syntax/ast.h"
