// A model that holds syntax without including it: found.
using Items = std::vector<schemac::ast::TargetItem>;
auto Text() -> const char* { return "ast::Name in a string is not code"; }
