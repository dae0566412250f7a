#include "services/directory_people.hpp"

#include <algorithm>

namespace mh::services {

DirectoryPeople::DirectoryPeople(std::vector<PersonPtr> sorted) {
  for (std::size_t begin = 0; begin < sorted.size(); begin += kChunk) {
    const std::size_t end = std::min(sorted.size(), begin + kChunk);
    auto c = std::make_shared<Chunk>();
    c->ids.reserve(end - begin);
    c->people.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
      c->ids.push_back(sorted[i]->id);
      c->people.push_back(std::move(sorted[i]));
    }
    append_chunk(std::move(c));
  }
}

void DirectoryPeople::append_chunk(std::shared_ptr<const Chunk> c) {
  size_ += c->ids.size();
  last_ids_.push_back(c->ids.back());
  chunks_.push_back(std::move(c));
}

void DirectoryPeople::append_people(std::vector<PersonId> ids, std::vector<PersonPtr> people) {
  if (ids.empty()) return;
  if (ids.size() <= 2 * kChunk) {
    auto c = std::make_shared<Chunk>();
    c->ids = std::move(ids);
    c->people = std::move(people);
    append_chunk(std::move(c));
    return;
  }
  for (std::size_t begin = 0; begin < ids.size(); begin += kChunk) {
    const std::size_t end = std::min(ids.size(), begin + kChunk);
    auto c = std::make_shared<Chunk>();
    c->ids.assign(ids.begin() + begin, ids.begin() + end);
    c->people.assign(std::make_move_iterator(people.begin() + begin), std::make_move_iterator(people.begin() + end));
    append_chunk(std::move(c));
  }
}

std::shared_ptr<const DirectoryPeople> DirectoryPeople::with(std::vector<Person> fresh,
                                                             const std::vector<PersonId>& remove) const {
  auto out = std::make_shared<DirectoryPeople>();
  out->chunks_.reserve(chunks_.size() + 1);
  out->last_ids_.reserve(chunks_.size() + 1);
  std::size_t f = 0, r = 0;
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    const Chunk& chunk = *chunks_[c];
    // A chunk takes the changes up to its last id; the last chunk, every change beyond too.
    const bool last = c + 1 == chunks_.size();
    const auto in_chunk = [&](PersonId id) { return last || id <= last_ids_[c]; };
    const bool changed = (f < fresh.size() && in_chunk(fresh[f].id)) || (r < remove.size() && in_chunk(remove[r]));
    if (!changed) {
      out->append_chunk(chunks_[c]);
      continue;
    }
    // Only the arrivals of this chunk: a chunk keeps its vectors' capacity.
    std::size_t arriving = 0;
    while (f + arriving < fresh.size() && in_chunk(fresh[f + arriving].id)) ++arriving;
    std::vector<PersonId> ids;
    std::vector<PersonPtr> people;
    ids.reserve(chunk.ids.size() + arriving);
    people.reserve(chunk.ids.size() + arriving);
    std::size_t o = 0;
    while (o < chunk.ids.size() || (f < fresh.size() && in_chunk(fresh[f].id))) {
      const bool take_fresh = f < fresh.size() && in_chunk(fresh[f].id) &&
                              (o == chunk.ids.size() || fresh[f].id <= chunk.ids[o]);
      if (take_fresh) {
        if (o < chunk.ids.size() && chunk.ids[o] == fresh[f].id) ++o;  // replaced
        ids.push_back(fresh[f].id);
        people.push_back(std::make_shared<const Person>(std::move(fresh[f])));
        ++f;
        continue;
      }
      while (r < remove.size() && remove[r] < chunk.ids[o]) ++r;
      if (r == remove.size() || remove[r] != chunk.ids[o]) {
        ids.push_back(chunk.ids[o]);
        people.push_back(chunk.people[o]);
      }
      ++o;
    }
    while (r < remove.size() && in_chunk(remove[r])) ++r;
    out->append_people(std::move(ids), std::move(people));
  }
  if (f < fresh.size()) {  // this list was empty
    std::vector<PersonId> ids;
    std::vector<PersonPtr> people;
    for (; f < fresh.size(); ++f) {
      ids.push_back(fresh[f].id);
      people.push_back(std::make_shared<const Person>(std::move(fresh[f])));
    }
    out->append_people(std::move(ids), std::move(people));
  }
  return out;
}

const Person* DirectoryPeople::find(PersonId id) const {
  const auto c = std::lower_bound(last_ids_.begin(), last_ids_.end(), id);
  if (c == last_ids_.end()) return nullptr;
  const Chunk& chunk = *chunks_[static_cast<std::size_t>(c - last_ids_.begin())];
  const auto it = std::lower_bound(chunk.ids.begin(), chunk.ids.end(), id);
  return it != chunk.ids.end() && *it == id ? chunk.people[static_cast<std::size_t>(it - chunk.ids.begin())].get()
                                            : nullptr;
}

std::vector<DirectoryPeople::PersonPtr> DirectoryPeople::all() const {
  std::vector<PersonPtr> out;
  out.reserve(size_);
  for_each([&](const PersonPtr& p) { out.push_back(p); });
  return out;
}

}  // namespace mh::services
