// `std::visit(Overloaded{[](A&) {...}, [](B&) {...}}, v)`: one lambda per alternative.
#pragma once

namespace schemac {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace schemac
