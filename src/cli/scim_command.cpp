#include "cli/scim_command.hpp"

#include <cstdio>

#include "cli/command_line.hpp"
#include "common/clock.hpp"
#include "services/scim.hpp"

namespace mh::cli {

int scim_token_create(Store& store, const std::string& name) {
  const LifecycleSettings rules;
  auto made = store.write_value<services::NewScimToken>([&](sql::Connection& db) {
    services::UseCase uc(db, SystemClock().now(), rules);
    return services::create_scim_token(uc, operator_actor(), name);
  });
  if (!made) return fail((made.error().field.empty() ? "" : made.error().field + " ") + made.error().message);
  std::fprintf(stderr, "SCIM token %lld for %s (shown once: give it to the identity provider as its secret token;\n"
               "the SCIM address is this server's /scim/v2):\n",
               static_cast<long long>(made->token.id), made->token.name.c_str());
  std::printf("%s\n", made->secret.c_str());
  return 0;
}

int scim_token_list(Store& store) {
  auto tokens = store.read_value<std::vector<storage::ScimToken>>(
      [&](sql::Connection& db) { return services::scim_tokens(db, operator_actor()); });
  if (!tokens) return fail(tokens.error().message);
  if (tokens->empty()) std::printf("no SCIM tokens\n");
  for (const auto& t : *tokens)
    std::printf("%lld  %-30s made %s%s\n", static_cast<long long>(t.id), t.name.c_str(), format_iso8601(t.created_at).c_str(),
                t.revoked_at ? (", revoked " + format_iso8601(*t.revoked_at)).c_str() : "");
  return 0;
}

int scim_token_revoke(Store& store, std::int64_t id) {
  const LifecycleSettings rules;
  auto done = store.write([&](sql::Connection& db) {
    services::UseCase uc(db, SystemClock().now(), rules);
    return services::revoke_scim_token(uc, operator_actor(), id);
  });
  if (!done) return fail(done.error().message);
  std::printf("SCIM token %lld revoked: the provider holding it is refused from now on\n", static_cast<long long>(id));
  return 0;
}

}  // namespace mh::cli
