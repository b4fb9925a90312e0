// Clean: "ast::" only in a comment.
#include "compiler/model/model.h"
