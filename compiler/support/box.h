// Box<T>: an optional T kept on the heap, with value semantics (copying a Box
// copies its T). Syntax and model nodes hold their rarely-present large parts
// (a default expression, a foreign key) in a Box, so that a node costs one
// pointer for each of them instead of the full size of a std::optional<T>:
// on 200,000 columns that is the difference between the nodes fitting in
// cache lines and page faults dominating the front end (issue 7).
//
// The interface is std::optional's, so that code reading a node does not
// care which of the two it holds.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace schemac {

template <typename T>
class Box {
 public:
  Box() = default;
  Box(std::nullopt_t) {}  // NOLINT(google-explicit-constructor): as std::optional
  Box(const T& v) : p_(std::make_unique<T>(v)) {}  // NOLINT(google-explicit-constructor)
  Box(T&& v) : p_(std::make_unique<T>(std::move(v))) {}  // NOLINT(google-explicit-constructor)
  Box(const std::optional<T>& v) : p_(v ? std::make_unique<T>(*v) : nullptr) {}  // NOLINT
  Box(std::optional<T>&& v) : p_(v ? std::make_unique<T>(std::move(*v)) : nullptr) {}  // NOLINT
  Box(const Box& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  Box(Box&&) noexcept = default;
  ~Box() = default;

  auto operator=(const Box& o) -> Box& {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  auto operator=(Box&&) noexcept -> Box& = default;
  auto operator=(std::nullopt_t) -> Box& {
    p_.reset();
    return *this;
  }
  auto operator=(const T& v) -> Box& {
    if (p_) *p_ = v;
    else p_ = std::make_unique<T>(v);
    return *this;
  }
  auto operator=(T&& v) -> Box& {
    if (p_) *p_ = std::move(v);
    else p_ = std::make_unique<T>(std::move(v));
    return *this;
  }
  auto operator=(const std::optional<T>& v) -> Box& {
    if (v) *this = *v;
    else p_.reset();
    return *this;
  }
  auto operator=(std::optional<T>&& v) -> Box& {
    if (v) *this = std::move(*v);
    else p_.reset();
    return *this;
  }

  template <typename... Args>
  auto emplace(Args&&... args) -> T& {
    p_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *p_;
  }
  void reset() { p_.reset(); }

  auto has_value() const -> bool { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  auto operator*() -> T& { return *p_; }
  auto operator*() const -> const T& { return *p_; }
  auto operator->() -> T* { return p_.get(); }
  auto operator->() const -> const T* { return p_.get(); }
  auto value() -> T& {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  auto value() const -> const T& {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  template <typename U>
  auto value_or(U&& fallback) const -> T {
    return p_ ? *p_ : static_cast<T>(std::forward<U>(fallback));
  }
  /// The value as a std::optional (a copy), for code that takes one.
  auto optional() const -> std::optional<T> { return p_ ? std::optional<T>(*p_) : std::nullopt; }
  operator std::optional<T>() const { return optional(); }  // NOLINT(google-explicit-constructor)

  friend auto operator==(const Box& a, std::nullopt_t) -> bool { return !a.p_; }
  friend auto operator==(const Box& a, const Box& b) -> bool {
    if (!a.p_ || !b.p_) return !a.p_ && !b.p_;
    return *a.p_ == *b.p_;
  }

 private:
  std::unique_ptr<T> p_;
};

}  // namespace schemac
