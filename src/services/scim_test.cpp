// SCIM provisioning (services/scim.hpp): administrators alone make, list and revoke the tokens
// (shown once, audited), and only a live token's secret names a provider; a provider creates and
// replaces people under an administrator's rules, in SCIM's field names, audited as itself; a
// person made inactive is signed out and their open relationships asked to conclude; lists page
// through everyone and filter by userName or externalId.
#include "services/scim.hpp"

#include "services/admin_audit.hpp"
#include "services/testing.hpp"
#include "storage/auth_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

ScimUser user(const std::string& email, const std::string& name = "Ines Costa") {
  ScimUser u;
  u.user_name = email;
  u.name = name;
  return u;
}

class ScimTest : public AdminServicesTest {
 protected:
  Ran<NewScimToken> make_token(const Person& who, const std::string& name) {
    return run<NewScimToken>(kMonday, [&](UseCase& uc) { return create_scim_token(uc, who, name); });
  }
  Ran<bool> revoke(const Person& who, std::int64_t id, TimePoint at = kMonday + hours(1)) {
    return run_status(at, [&](UseCase& uc) { return revoke_scim_token(uc, who, id); });
  }
  std::optional<Person> provider_for(const std::string& secret) {
    return read<std::optional<Person>>([&](sql::Connection& db) { return scim_provider(db, secret); });
  }
  Result<std::vector<storage::ScimToken>> tokens(const Person& who) {
    return store_->read_value<std::vector<storage::ScimToken>>(
        [&](sql::Connection& db) { return scim_tokens(db, who); });
  }
};

TEST_F(ScimTest, OnlyAnAdministratorMakesListsOrRevokesTokensAndARefusalWritesNothing) {
  const NewScimToken okta = *make_token(admin_, "Okta").result;
  const std::size_t entries = audit().size();
  for (const Person* who : {&mentee_, &mentor_, &manager_, &stranger_}) {
    EXPECT_EQ(code_of(make_token(*who, "Entra ID").result), "forbidden") << who->name;
    EXPECT_EQ(code_of(tokens(*who)), "forbidden") << who->name;
    EXPECT_EQ(code_of(revoke(*who, okta.token.id).result), "forbidden") << who->name;
  }
  EXPECT_EQ(tokens(admin_)->size(), 1u);
  EXPECT_TRUE(provider_for(okta.secret)) << "nobody else revoked it";
  EXPECT_EQ(audit().size(), entries);
}

TEST_F(ScimTest, ATokensNameMustSaySomethingShort) {
  for (const std::string name : {std::string(), std::string(101, 'x')}) {
    auto ran = make_token(admin_, name);
    EXPECT_EQ(code_of(ran.result), "invalid") << name.size();
    EXPECT_EQ(field_of(ran.result), "name");
  }
  EXPECT_TRUE(tokens(admin_)->empty());
  EXPECT_TRUE(make_token(admin_, std::string(100, 'x')).result);
}

TEST_F(ScimTest, ANewTokensSecretIsShownOnceAndNamesTheProviderAsAnAdministratorWithoutAnId) {
  auto made = make_token(admin_, "Okta");
  ASSERT_TRUE(made.result) << made.result.error().message;
  const NewScimToken& t = *made.result;
  EXPECT_GE(t.secret.size(), 40u);
  EXPECT_EQ(t.token.name, "Okta");
  EXPECT_EQ(t.token.created_at, kMonday);

  const auto listed = *tokens(admin_);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, t.token.id);
  EXPECT_FALSE(listed[0].revoked_at);

  const auto provider = provider_for(t.secret);
  ASSERT_TRUE(provider);
  EXPECT_EQ(provider->name, "SCIM provisioning (Okta)");
  EXPECT_TRUE(provider->is_admin);
  EXPECT_EQ(provider->id, 0);

  const auto trail = audit();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(audited(trail[0]),
            (Audited{admin_action::kScimTokenCreated, "scim_token:" + std::to_string(t.token.id), "Okta", admin_.id}));
  EXPECT_EQ(trail[0].detail.find(t.secret), std::string::npos);
}

TEST_F(ScimTest, OnlyALiveTokensSecretNamesAProvider) {
  const NewScimToken t = *make_token(admin_, "Okta").result;
  EXPECT_FALSE(provider_for(""));
  EXPECT_FALSE(provider_for("not-the-secret"));
  EXPECT_FALSE(provider_for(t.secret + "x"));
  EXPECT_FALSE(provider_for(std::string(129, 'a')));

  auto revoked = revoke(admin_, t.token.id);
  ASSERT_TRUE(revoked.result) << revoked.result.error().message;
  EXPECT_FALSE(provider_for(t.secret)) << "a revoked token opens nothing at once";
  const auto listed = *tokens(admin_);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].revoked_at, kMonday + hours(1));
  const auto trail = audit();
  EXPECT_EQ(trail.front().action, admin_action::kScimTokenRevoked);
  EXPECT_EQ(trail.front().subject, "scim_token:" + std::to_string(t.token.id));

  EXPECT_EQ(code_of(revoke(admin_, t.token.id).result), "not_found") << "revoked already";
  EXPECT_EQ(code_of(revoke(admin_, t.token.id + 1000).result), "not_found");
  EXPECT_EQ(audit().size(), trail.size());
}

// A provider at work: Okta, with a live token.
class ScimUsersTest : public ScimTest {
 protected:
  void SetUp() override {
    ScimTest::SetUp();
    okta_ = *provider_for(make_token(admin_, "Okta").result->secret);
  }

  Ran<ScimUserView> create(const ScimUser& u, const Person* as = nullptr) {
    return run<ScimUserView>(kMonday, [&](UseCase& uc) { return scim_create_user(uc, as ? *as : okta_, u); });
  }
  Ran<ScimUserView> replace(PersonId id, const ScimUser& u, std::optional<std::int64_t> if_match = std::nullopt,
                            TimePoint at = kMonday + hours(1)) {
    return run<ScimUserView>(at, [&](UseCase& uc) { return scim_replace_user(uc, okta_, id, u, if_match); });
  }
  Result<ScimUserView> read(PersonId id) {
    return store_->read_value<ScimUserView>([&](sql::Connection& db) { return scim_user(db, id); });
  }
  ScimPage list(const ScimFilter& f, std::int64_t start, std::int64_t count) {
    return *store_->read_value<ScimPage>([&](sql::Connection& db) { return scim_list_users(db, f, start, count); });
  }
  std::int64_t people() { return list({}, 1, 0).total; }
  // What the provider knows of the mentee, as it sends it back on a replace.
  ScimUser maya() {
    ScimUser u = user("maya@example.com", "Maya Mentee");
    u.manager = manager_.id;
    return u;
  }

  Person okta_;
};

TEST_F(ScimUsersTest, ACreatedPersonHasWhatTheProviderSentAndNoPassword) {
  ScimUser u = user("Ines.Costa@Northwind.example");
  u.external_id = "8d2c1f3a";
  u.title = "Analyst";
  u.department = "Finance";
  u.employee_number = "E777";
  u.timezone = "Europe/Lisbon";
  u.manager = manager_.id;
  auto ran = create(u);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  const ScimUserView& v = *ran.result;
  EXPECT_GT(v.person.id, 0);
  EXPECT_EQ(v.person.email, "ines.costa@northwind.example");
  EXPECT_EQ(v.person.name, "Ines Costa");
  EXPECT_EQ(v.person.title, "Analyst");
  EXPECT_EQ(v.person.department, "Finance");
  EXPECT_EQ(v.person.employee_id, "E777");
  EXPECT_EQ(v.person.timezone, "Europe/Lisbon");
  EXPECT_TRUE(v.person.active);
  EXPECT_FALSE(v.person.is_admin);
  EXPECT_EQ(v.external_id, "8d2c1f3a");
  ASSERT_TRUE(v.manager);
  EXPECT_EQ(v.manager->id, manager_.id);

  auto stored = read(v.person.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->person.email, "ines.costa@northwind.example");
  EXPECT_EQ(stored->external_id, "8d2c1f3a");
  EXPECT_EQ(*store_->read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    return storage::password_hash_of(db, v.person.id);
  }),
            "");
}

TEST_F(ScimUsersTest, ACreationIsAuditedAsTheProviderNamedByItsToken) {
  const PersonId id = create(user("ines@example.com")).result->person.id;
  const auto entry = audit().front();
  EXPECT_EQ(entry.action, admin_action::kPersonCreated);
  EXPECT_EQ(entry.subject, "person:" + std::to_string(id));
  EXPECT_FALSE(entry.actor) << "a provider is no person";
  EXPECT_EQ(entry.detail.rfind("SCIM provisioning (Okta): Ines Costa <ines@example.com>", 0), 0u) << entry.detail;
}

TEST_F(ScimUsersTest, AnAddressInUseIsAConflictOnUserNameAndNothingIsWritten) {
  const auto before = people();
  auto ran = create(user("MAYA@example.com"));
  EXPECT_EQ(code_of(ran.result), "conflict");
  EXPECT_EQ(field_of(ran.result), "userName");
  EXPECT_EQ(people(), before);
}

TEST_F(ScimUsersTest, BadValuesAreInvalidInSCIMsFieldNamesAndNothingIsWritten) {
  const auto before = people();
  const auto entries = audit().size();
  ScimUser no_manager = user("x@example.com");
  no_manager.manager = 999999;
  ScimUser bad_zone = user("y@example.com");
  bad_zone.timezone = "Mars/Olympus";
  const std::vector<std::pair<ScimUser, std::string>> bad = {
      {user("not an address"), "userName"},
      {user("z@example.com", ""), "displayName"},
      {no_manager, "manager"},
      {bad_zone, "timezone"},
  };
  for (const auto& [u, field] : bad) {
    auto ran = create(u);
    EXPECT_EQ(code_of(ran.result), "invalid") << field;
    EXPECT_EQ(field_of(ran.result), field);
  }
  EXPECT_EQ(people(), before);
  EXPECT_EQ(audit().size(), entries);
}

TEST_F(ScimUsersTest, OnlyAnAdministratorOrAProviderActingAsOneCreatesPeople) {
  const auto before = people();
  for (const Person* who : {&mentee_, &manager_, &stranger_})
    EXPECT_EQ(code_of(create(user("ines@example.com"), who).result), "forbidden") << who->name;
  EXPECT_EQ(people(), before);
}

TEST_F(ScimUsersTest, ReadingAnUnknownUserIsNotFound) {
  EXPECT_EQ(code_of(read(999999)), "not_found");
  auto maya_seen = read(mentee_.id);
  ASSERT_TRUE(maya_seen);
  EXPECT_EQ(maya_seen->external_id, "");
  ASSERT_TRUE(maya_seen->manager);
  EXPECT_EQ(maya_seen->manager->name, "Morgan Manager");
}

TEST_F(ScimUsersTest, AReplaceWritesWhatSCIMCarriesKeepsTheRestAndTheOldManagerAsAFormerOne) {
  mentee_.bio = "I like spreadsheets";
  save(mentee_);
  Person new_manager = person("Nora Newmanager", "nora@example.com", 0);
  ScimUser u = maya();
  u.name = "Maya Patel";
  u.title = "Product analyst";
  u.external_id = "00u1okta";
  u.manager = new_manager.id;
  auto ran = replace(mentee_.id, u);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->person.name, "Maya Patel");
  EXPECT_EQ(ran.result->person.title, "Product analyst");
  EXPECT_EQ(ran.result->person.bio, "I like spreadsheets") << "what SCIM does not carry stays";
  EXPECT_EQ(ran.result->person.manager_id, new_manager.id);
  EXPECT_EQ(ran.result->person.former_manager_ids, std::vector<PersonId>{manager_.id});
  EXPECT_EQ(ran.result->external_id, "00u1okta");
  EXPECT_EQ(read(mentee_.id)->person.name, "Maya Patel");

  const auto entry = audit().front();
  EXPECT_EQ(entry.action, admin_action::kPersonUpdated);
  EXPECT_EQ(entry.subject, "person:" + std::to_string(mentee_.id));
  EXPECT_EQ(entry.detail.rfind("SCIM provisioning (Okta)", 0), 0u) << entry.detail;
}

TEST_F(ScimUsersTest, AReplaceOfAnOlderVersionIsAConflictOnIfMatchAndChangesNothing) {
  const std::int64_t version = read(mentee_.id)->person.row_version;
  ScimUser u = maya();
  u.name = "Maya Patel";
  auto stale = replace(mentee_.id, u, version - 1);
  EXPECT_EQ(code_of(stale.result), "conflict");
  EXPECT_EQ(field_of(stale.result), "If-Match");
  EXPECT_EQ(read(mentee_.id)->person.name, "Maya Mentee");
  auto current = replace(mentee_.id, u, version);
  ASSERT_TRUE(current.result) << current.result.error().message;
  EXPECT_GT(current.result->person.row_version, version);
}

TEST_F(ScimUsersTest, AReplaceWithABadManagerOrOfNobodyIsRefused) {
  ScimUser own = maya();
  own.manager = mentee_.id;
  expect_invalid(replace(mentee_.id, own).result, "manager");
  ScimUser unknown = maya();
  unknown.manager = 999999;
  EXPECT_EQ(field_of(replace(mentee_.id, unknown).result), "manager");
  EXPECT_EQ(code_of(replace(999999, user("ghost@example.com")).result), "not_found");
  ScimUser taken = maya();
  taken.user_name = "daniel@example.com";
  EXPECT_EQ(code_of(replace(mentee_.id, taken).result), "conflict") << "another person's address";
  EXPECT_EQ(read(mentee_.id)->person.manager_id, manager_.id);
}

TEST_F(ScimUsersTest, APersonMadeInactiveIsSignedOutAndTheirOpenRelationshipsAskedToConclude) {
  const Relationship r = accepted();  // starting
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::insert_token(db, {"maya-session", mentee_.id, "session", "", "csrf", kMonday, kMonday + days(7), ""});
    return {};
  }));
  ScimUser off = maya();
  off.active = false;
  auto ran = replace(mentee_.id, off);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_FALSE(ran.result->person.active);
  EXPECT_FALSE(*store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> {
    return storage::find_live_token(db, "maya-session", kMonday + hours(1)).has_value();
  }));
  EXPECT_EQ(relationship(r.id).state, RelState::concluding);
  EXPECT_EQ(changes_in(ran.events), (std::vector<std::pair<RelState, RelState>>{{RelState::starting, RelState::concluding}}));
  EXPECT_EQ(audit().front().action, admin_action::kPersonDeactivated);

  ScimUser back = maya();
  auto again = replace(mentee_.id, back, std::nullopt, kMonday + hours(2));
  ASSERT_TRUE(again.result) << again.result.error().message;
  EXPECT_TRUE(again.result->person.active);
  EXPECT_EQ(relationship(r.id).state, RelState::concluding) << "nothing of the history is undone";
  EXPECT_EQ(audit().front().action, admin_action::kPersonReactivated);
}

TEST_F(ScimUsersTest, AnInactivePersonReplacedAgainTouchesNoRelationship) {
  const Relationship r = accepted();
  ScimUser off = maya();
  off.active = false;
  ASSERT_TRUE(replace(mentee_.id, off).result);
  auto again = replace(mentee_.id, off, std::nullopt, kMonday + hours(2));
  ASSERT_TRUE(again.result);
  EXPECT_TRUE(changes_in(again.events).empty());
  EXPECT_EQ(relationship(r.id).state, RelState::concluding);
}

TEST_F(ScimUsersTest, ListsPageThroughEveryoneByPosition) {
  const std::int64_t total = people();
  EXPECT_EQ(total, 5);  // the four of the fixture and the administrator
  std::vector<PersonId> seen;
  for (std::int64_t start = 1; start <= total; start += 2) {
    const ScimPage page = list({}, start, 2);
    EXPECT_EQ(page.total, total);
    for (const auto& v : page.users) seen.push_back(v.person.id);
  }
  EXPECT_EQ(seen, (std::vector<PersonId>{manager_.id, mentee_.id, mentor_.id, stranger_.id, admin_.id}));
  EXPECT_TRUE(list({}, total + 1, 10).users.empty());
  EXPECT_TRUE(list({}, 1, 0).users.empty());
  const ScimPage first = list({}, 1, 5);
  ASSERT_EQ(first.users.size(), 5u);
  ASSERT_TRUE(first.users[1].manager) << "each with their manager";
  EXPECT_EQ(first.users[1].manager->id, manager_.id);
}

TEST_F(ScimUsersTest, ListsFilterByUserNameInAnyCaseOrByExternalId) {
  ScimUser u = user("ines@example.com");
  u.external_id = "00u1okta";
  const PersonId ines = create(u).result->person.id;

  ScimFilter by_name;
  by_name.attribute = ScimFilter::Attribute::user_name;
  by_name.value = "MAYA@Example.com";
  const ScimPage named = list(by_name, 1, 10);
  EXPECT_EQ(named.total, 1);
  ASSERT_EQ(named.users.size(), 1u);
  EXPECT_EQ(named.users[0].person.id, mentee_.id);

  ScimFilter by_external;
  by_external.attribute = ScimFilter::Attribute::external_id;
  by_external.value = "00u1okta";
  const ScimPage external = list(by_external, 1, 10);
  ASSERT_EQ(external.users.size(), 1u);
  EXPECT_EQ(external.users[0].person.id, ines);
  EXPECT_EQ(external.users[0].external_id, "00u1okta");

  by_name.value = "nobody@example.com";
  EXPECT_EQ(list(by_name, 1, 10).total, 0);
  EXPECT_TRUE(list(by_external, 2, 10).users.empty()) << "a start past the one match";
  EXPECT_EQ(list(by_external, 2, 10).total, 1);
}

}  // namespace
}  // namespace mh::services
