// The directory's active people, by id, held in chunks that snapshots share: a refresh after a
// few profile edits copies the chunks those people are in and the short list of chunks, never
// the whole organisation (100,000 shared pointers copied, counted up and later down again cost
// milliseconds on every edit, and several times that while the allocator is still cold).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "domain/person.hpp"

namespace mh::services {

class DirectoryPeople {
 public:
  using PersonPtr = std::shared_ptr<const Person>;

  DirectoryPeople() = default;
  // `sorted`: by id, one per id.
  explicit DirectoryPeople(std::vector<PersonPtr> sorted);

  // This list with the people in `fresh` (sorted by id) put in or replaced and the ids in
  // `remove` (sorted; ids it does not hold are ignored) taken out. Every chunk without a change
  // is shared with this list, and so is every Person outside `fresh`.
  std::shared_ptr<const DirectoryPeople> with(std::vector<Person> fresh, const std::vector<PersonId>& remove) const;

  const Person* find(PersonId id) const;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  PersonId last_id() const { return last_ids_.empty() ? 0 : last_ids_.back(); }
  // The people in id order (a copy of the pointers: for tests and whole-list reads).
  std::vector<PersonPtr> all() const;

  template <class F>
  void for_each(F&& f) const {  // f(const PersonPtr&), in id order
    for (const auto& c : chunks_)
      for (const PersonPtr& p : c->people) f(p);
  }

  // Calls f(before, after) for every id whose Person is not the same object in both lists
  // (changed; added: before null; gone: after null), in id order. Chunks the two lists share are
  // skipped whole, so this costs the changed chunks, not the people.
  template <class F>
  static void for_each_change(const DirectoryPeople& was, const DirectoryPeople& is, F&& f);

  // People per chunk as built; a chunk that grows past twice this is split.
  static constexpr std::size_t kChunk = 512;

 private:
  struct Chunk {
    std::vector<PersonId> ids;       // sorted
    std::vector<PersonPtr> people;   // parallel to ids
  };
  struct Cursor;

  void append_chunk(std::shared_ptr<const Chunk> c);
  // Splits `ids`/`people` (sorted) into chunks of kChunk at most when longer than 2 * kChunk.
  void append_people(std::vector<PersonId> ids, std::vector<PersonPtr> people);

  std::vector<std::shared_ptr<const Chunk>> chunks_;
  std::vector<PersonId> last_ids_;  // each chunk's last id, for find()
  std::size_t size_ = 0;
};

// Where a walk over one list stands: a chunk and a place in it.
struct DirectoryPeople::Cursor {
  const DirectoryPeople& list;
  std::size_t chunk = 0, at = 0;

  bool done() const { return chunk == list.chunks_.size(); }
  bool at_chunk_start() const { return at == 0; }
  const Chunk& current() const { return *list.chunks_[chunk]; }
  PersonId id() const { return current().ids[at]; }
  const PersonPtr& person() const { return current().people[at]; }
  void next() {
    if (++at == current().ids.size()) ++chunk, at = 0;
  }
  void skip_chunk() { ++chunk, at = 0; }
};

template <class F>
void DirectoryPeople::for_each_change(const DirectoryPeople& was, const DirectoryPeople& is, F&& f) {
  Cursor a{was}, b{is};
  while (!a.done() || !b.done()) {
    if (!a.done() && !b.done() && a.at_chunk_start() && b.at_chunk_start() &&
        was.chunks_[a.chunk] == is.chunks_[b.chunk]) {
      a.skip_chunk(), b.skip_chunk();
    } else if (b.done() || (!a.done() && a.id() < b.id())) {
      f(a.person().get(), nullptr), a.next();
    } else if (a.done() || b.id() < a.id()) {
      f(nullptr, b.person().get()), b.next();
    } else {
      if (a.person() != b.person()) f(a.person().get(), b.person().get());
      a.next(), b.next();
    }
  }
}

}  // namespace mh::services
