#include "api/errors.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mh::api {
namespace {

TEST(ErrorMapping, EveryCodeHasItsStatus) {
  const std::pair<ErrorCode, int> expected[] = {
      {ErrorCode::invalid, 422},         {ErrorCode::not_found, 404},    {ErrorCode::conflict, 409},
      {ErrorCode::forbidden, 403},       {ErrorCode::unauthenticated, 401}, {ErrorCode::rate_limited, 429},
      {ErrorCode::unavailable, 503},     {ErrorCode::internal, 500},
  };
  for (auto [code, status] : expected) EXPECT_EQ(http_status(code), status) << to_string(code);
}

TEST(ErrorMapping, TheBodyNamesCodeMessageAndField) {
  const auto r = error_response(invalid("timezone", "is not a known IANA timezone"));
  EXPECT_EQ(r.status, 422);
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "invalid");
  EXPECT_EQ(body["error"]["field"], "timezone");
  EXPECT_EQ(body["error"]["message"], "is not a known IANA timezone");
}

}  // namespace
}  // namespace mh::api
