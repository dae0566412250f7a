#include "domain/person_view.hpp"

namespace mh {

PersonView view_of(const Person& viewer, const Person& subject, bool partners) {
  if (viewer.is_admin) return PersonView::admin;
  if (viewer.id == subject.id) return PersonView::self;
  if (viewer.is_external && !subject.is_external && !partners) return PersonView::outsider;
  return PersonView::colleague;
}

}  // namespace mh
