#include "api/person_texts.hpp"

namespace mh::api {

std::uint64_t PersonTexts::key_of(PersonId id, PersonView view) {
  return (static_cast<std::uint64_t>(id) << 2) | static_cast<std::uint64_t>(view);
}

// The text and what holding it costs besides: the entry, its list node and its index slot.
std::size_t PersonTexts::cost_of(const Entry& e) { return (e.text ? e.text->size() : 0) + 128; }

PersonTexts::Text PersonTexts::find(PersonId id, std::int64_t row_version, PersonView view, int year) {
  std::lock_guard lock(mutex_);
  const auto it = by_key_.find(key_of(id, view));
  if (it == by_key_.end()) return nullptr;
  const Entry& e = *it->second;
  if (e.row_version != row_version || e.year != year) return nullptr;
  recent_.splice(recent_.begin(), recent_, it->second);
  return e.text;
}

void PersonTexts::keep(PersonId id, std::int64_t row_version, PersonView view, int year, Text text) {
  Entry entry{key_of(id, view), row_version, year, std::move(text)};
  const std::size_t cost = cost_of(entry);
  if (cost > most_bytes_) return;
  std::lock_guard lock(mutex_);
  if (const auto it = by_key_.find(entry.key); it != by_key_.end()) {
    bytes_ -= cost_of(*it->second);
    recent_.erase(it->second);
    by_key_.erase(it);
  }
  while (bytes_ + cost > most_bytes_ && !recent_.empty()) {
    bytes_ -= cost_of(recent_.back());
    by_key_.erase(recent_.back().key);
    recent_.pop_back();
  }
  recent_.push_front(std::move(entry));
  by_key_.emplace(recent_.front().key, recent_.begin());
  bytes_ += cost;
}

std::size_t PersonTexts::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t PersonTexts::size() const {
  std::lock_guard lock(mutex_);
  return recent_.size();
}

}  // namespace mh::api
