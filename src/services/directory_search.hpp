// The directory search: the active people a signed-in person may look through, found by a text
// query and filters and ranked, a page at a time; and, beside them, the open circles and flash
// topics on the same words. Reads only, over the directory snapshot (services/directory.hpp) and
// the store's full-text index; depends on storage, matching and domain only. Call inside one read
// transaction; the snapshot is shared between threads, a call's results are its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/circle.hpp"
#include "domain/person.hpp"
#include "services/directory.hpp"
#include "services/flash_views.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// Where a directory page ended: the sort key of its last entry (relevance, name, id). The next
// page starts after that key, so entries added or removed meanwhile neither repeat nor hide one.
struct DirectoryCursor {
  double rank = 0;
  std::string name;
  PersonId id = 0;

  // True when the entry (rank, name, id) sorts before this cursor, i.e. was already shown.
  bool before(double r, const std::string& n, PersonId i) const;
  // The cursor as the list hands it out (lower-case hex), and back; nullopt for text that is
  // not one.
  std::string encode() const;
  static std::optional<DirectoryCursor> decode(const std::string& text);
};

struct DirectoryQuery {
  std::string text;                       // words of a name, title or skill; empty: everyone
  std::optional<std::string> skill;       // as the searcher wrote it; must be a known skill
  int min_level = 1;                      // of `skill`, 1 to 5
  std::optional<std::string> department;  // compared case-insensitively
  std::optional<Medium> medium;
  std::optional<Format> format;           // circle or flash also lists those offers
  std::optional<bool> external;           // from outside the organisation, or not
  std::optional<bool> has_capacity;       // a free mentoring place, or none
  int tz_overlap = 0;                     // shared working hours with the searcher, 0 to 8
  int limit = 20;
  std::optional<DirectoryCursor> after;
};

struct DirectoryRow {
  Person person;
  int free_places = 0;  // mentoring places not taken by a live relationship
  double rank = 0;      // relevance to the text query; 0 without full-text words
};

// Who runs a circle or a flash topic, as an offer shows them: the name, title and time zone
// when they are still active, else empty with `active` false.
struct OfferHost {
  PersonId id = 0;
  std::string name, title, timezone;
  bool active = false;
};
struct CircleOffer {
  Circle circle;
  OfferHost host;
};
struct FlashTopicOffer {
  FlashOffer offer;
  OfferHost mentor;
};
// The open circles (accepting members) or published flash topics of one format, at most 20.
struct FormatOffers {
  std::vector<CircleOffer> circles;
  std::vector<FlashTopicOffer> flash_topics;
};

struct DirectoryPage {
  std::vector<DirectoryRow> items;
  std::optional<DirectoryCursor> next;  // none on the last page
  // Present when the query asked for circles or flash: those matching all the query's words.
  std::optional<FormatOffers> offers;
};

// The people matching `q` in relevance order (when full-text words were given), then by name and
// id. Words of three letters or more go to the full-text index; short and symbolic terms ("AI",
// "Go", "C#", "C++") must each be a word of a skill or the title. People from outside the
// organisation are left out when the program does not allow them.
// invalid (skill) for a skill nobody holds, suggesting the nearest; invalid (q) for a query
// with nothing to search for.
Result<DirectoryPage> search_directory(sql::Connection& db, const Person& viewer, Directory& directory,
                                       const DirectoryQuery& q, TimePoint now);

// The skill as people in the directory write it, or invalid (`field`) suggesting the nearest
// known one.
Result<std::string> known_skill(const DirectorySnapshot& snap, const std::string& wanted, const std::string& field);

// Open circles or flash topics for a search or recommendation that asks for those formats.
// `keys` (lower-case) must each appear in the topic or description when `all_keys`; at least
// one must when not (recommendations: any wanted skill); no keys: everything open. Other
// formats: nothing.
FormatOffers format_offers(sql::Connection& db, Format format, const std::vector<std::string>& keys, bool all_keys,
                           const DirectorySnapshot& snap, TimePoint now);

}  // namespace mh::services
