// CountingIterator: the offsets value, value + 1, ... as a random-access
// iterator, so that vector::insert appends a run of source offsets to an
// offset map writing each entry once (resize would zero-fill first).
#ifndef HARRIER_EXTRACTORS_COUNTING_ITERATOR_H_
#define HARRIER_EXTRACTORS_COUNTING_ITERATOR_H_

#include <cstddef>
#include <cstdint>
#include <iterator>

namespace harrier::extractors {

class CountingIterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = uint32_t;
  using difference_type = std::ptrdiff_t;
  using pointer = const uint32_t*;
  using reference = uint32_t;

  explicit CountingIterator(uint32_t value) : value_(value) {}
  uint32_t operator*() const { return value_; }
  uint32_t operator[](difference_type i) const { return value_ + static_cast<uint32_t>(i); }
  CountingIterator& operator++() {
    ++value_;
    return *this;
  }
  CountingIterator operator++(int) { return CountingIterator(value_++); }
  CountingIterator& operator--() {
    --value_;
    return *this;
  }
  CountingIterator operator--(int) { return CountingIterator(value_--); }
  CountingIterator& operator+=(difference_type i) {
    value_ += static_cast<uint32_t>(i);
    return *this;
  }
  CountingIterator& operator-=(difference_type i) {
    value_ -= static_cast<uint32_t>(i);
    return *this;
  }
  CountingIterator operator+(difference_type i) const {
    return CountingIterator(value_ + static_cast<uint32_t>(i));
  }
  CountingIterator operator-(difference_type i) const {
    return CountingIterator(value_ - static_cast<uint32_t>(i));
  }
  difference_type operator-(const CountingIterator& other) const {
    return static_cast<difference_type>(value_) - static_cast<difference_type>(other.value_);
  }
  bool operator==(const CountingIterator& other) const { return value_ == other.value_; }
  bool operator!=(const CountingIterator& other) const { return value_ != other.value_; }
  bool operator<(const CountingIterator& other) const { return value_ < other.value_; }

 private:
  uint32_t value_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_COUNTING_ITERATOR_H_
