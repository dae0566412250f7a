// A person as JSON, in the four views the privacy rules allow, and a profile change read
// from JSON. Which fields each view shows is decided here and nowhere else.
// Stateless; thread-safe.
#pragma once

#include "api/json_io.hpp"
#include "api/json_writer.hpp"
#include "domain/person.hpp"
#include "domain/person_view.hpp"

namespace mh::api {

// The person's members, in the order of their names, into an object the caller has begun (and
// may add to before ending it). A page of people is written this way, without a document.
void write_person_members(JsonWriter& w, const Person& p, PersonView view, int current_year);
// The same as a document, for answers that embed a person in a larger one.
json person_json(const Person& p, PersonView view, int current_year);
// The same object as JSON text, for an answer that is the person alone: no document built.
std::string person_json_text(const Person& p, PersonView view, int current_year);

// Who is editing decides which fields may change.
enum class Editor { self, admin };

// Applies the fields present in `patch` to `p`; fields absent stay as they are. Throws
// ApiError: 422 for a wrong type or unknown field, 403 when a person edits a field only an
// administrator may set (department, manager, e-mail ...). Domain validation runs after.
void apply_person_patch(const json& patch, Person& p, Editor editor);

}  // namespace mh::api
