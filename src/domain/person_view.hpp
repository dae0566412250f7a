// How much of a person another person may see: the privacy rule of the directory and profiles,
// decided here once, whoever renders the person. Pure; no I/O.
#pragma once

#include "domain/person.hpp"

namespace mh {

enum class PersonView {
  outsider,   // an external expert looking at an employee they have no relationship with: the
              // mentoring profile, without contact details, department or reporting line
  colleague,  // what anyone signed in may see: the profile used to find a mentor
  self,       // the person themselves: everything about their own profile
  admin,      // a program administrator: everything, including account state
};

// What `viewer` sees of `subject`. An external expert sees an employee's contact details,
// department and reporting line only once the two work or worked together (`partners`).
PersonView view_of(const Person& viewer, const Person& subject, bool partners);
// The same from the two facts of the subject it depends on.
PersonView view_of(const Person& viewer, PersonId subject_id, bool subject_is_external, bool partners);

}  // namespace mh
