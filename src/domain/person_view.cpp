#include "domain/person_view.hpp"

namespace mh {

PersonView view_of(const Person& viewer, const Person& subject, bool partners) {
  return view_of(viewer, subject.id, subject.is_external, partners);
}

PersonView view_of(const Person& viewer, PersonId subject_id, bool subject_is_external, bool partners) {
  if (viewer.is_admin) return PersonView::admin;
  if (viewer.id == subject_id) return PersonView::self;
  if (viewer.is_external && !subject_is_external && !partners) return PersonView::outsider;
  return PersonView::colleague;
}

}  // namespace mh
