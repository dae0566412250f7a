#include "domain/logistics.hpp"

namespace mh {

Status validate_logistics(const Logistics& l, TimePoint now) {
  if (l.cadence_days < kMinCadenceDays || l.cadence_days > kMaxCadenceDays)
    return invalid("cadence_days", "must be between 1 and 90 days");
  if (l.where.size() > 500) return invalid("where", "is longer than 500 characters");
  for (const auto* text : {&l.feedback_preference, &l.mentee_learning, &l.mentor_learning})
    if (text->size() > 2000) {
      const char* field = text == &l.feedback_preference ? "feedback_preference"
                          : text == &l.mentee_learning   ? "mentee_learning"
                                                         : "mentor_learning";
      return invalid(field, "is longer than 2000 characters");
    }
  if (l.review_date && *l.review_date <= now) return invalid("review_date", "must be in the future");
  return {};
}

std::vector<std::string> logistics_hints(const Logistics& l) {
  std::vector<std::string> hints;
  if (l.medium == Medium::phone || l.medium == Medium::chat)
    hints.push_back(
        "Mentoring conversations are personal: seeing each other matters for the visual cues. Consider meeting face "
        "to face, even if only through your cameras, and turn video off in other meetings instead.");
  if (l.cadence_days > 42)
    hints.push_back("Meeting less than every six weeks makes it hard to keep momentum; the action plan needs follow-up.");
  if (!l.review_date)
    hints.push_back("Set a review date on which to discuss when the relationship should come to its natural end.");
  return hints;
}

}  // namespace mh
