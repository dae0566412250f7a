// A person's availability as JSON (GET and PUT /api/v1/me/availability, and the export of one's
// own data): times of day "HH:MM", dates "YYYY-MM-DD".
#pragma once

#include <nlohmann/json.hpp>

#include "services/availability.hpp"

namespace mh::api {

nlohmann::json availability_json(const services::AvailabilityView& v);

}  // namespace mh::api
