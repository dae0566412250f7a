// Flash sessions: booking a slot with a question, cancelling, and the follow-up; who may do each
// and who is told; and who sees what of a topic, its slots and their bookings.
#include "services/flash.hpp"

#include "services/flash_views.hpp"

#include "services/testing.hpp"
#include "storage/flash_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class FlashTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    const OfferedSlot offered = offered_flash_slot(mentor_, kMonday + days(2), "Building a pivot table");
    topic_ = offered.topic;
    slot_ = offered.slot;
  }

  Ran<FlashBooking> book(const Person& who, const std::string& question = "How do I group by month?") {
    return run<FlashBooking>(kMonday, [&](UseCase& uc) { return book_flash_slot(uc, who, slot_, question); });
  }

  // The fixture's topic as `who` sees it, with its upcoming slots.
  Result<FlashTopicView> seen_by(const Person& who) {
    return store_->read_value<FlashTopicView>(
        [&](sql::Connection& db) -> Result<FlashTopicView> { return visible_flash_topic(db, who, topic_, kMonday); });
  }
  // The fixture's only slot as `who` sees it.
  FlashSlotView slot_seen_by(const Person& who) {
    auto v = seen_by(who);
    EXPECT_TRUE(v) << v.error().message;
    EXPECT_TRUE(v->slots && v->slots->size() == 1u);
    return v->slots->front();
  }
  FlashTopicPage page_for(const Person& who, const FlashTopicQuery& query) {
    return read<FlashTopicPage>([&](sql::Connection& db) { return flash_topic_page(db, who, query, kMonday); });
  }
  void unpublish() {
    auto ran = run<FlashTopic>(kMonday, [&](UseCase& uc) {
      FlashTopicChange change;
      change.published = false;
      return change_flash_topic(uc, mentor_, topic_, change);
    });
    ASSERT_TRUE(ran.result) << ran.result.error().message;
  }
  // Another published topic of the mentor's, without slots.
  FlashTopicId another_topic() {
    return *store_->write_value<FlashTopicId>([&](sql::Connection& db) -> Result<FlashTopicId> {
      FlashTopic t;
      t.mentor_id = mentor_.id;
      t.title = "Reading a P&L";
      t.created_at = t.updated_at = kMonday;
      return storage::insert_flash_topic(db, t);
    });
  }
  static std::vector<FlashTopicId> ids_of(const FlashTopicPage& page) {
    std::vector<FlashTopicId> out;
    for (const auto& v : page.items) out.push_back(v.topic.id);
    return out;
  }

  FlashTopicId topic_ = 0;
  FlashSlotId slot_ = 0;
};

TEST_F(FlashTest, ABookingTellsTheMentorTheQuestion) {
  auto ran = book(mentee_);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "flash_booked"}}));
  EXPECT_NE(std::get<Notified>(ran.events[0]).message.find("group by month"), std::string::npos);
}

TEST_F(FlashTest, BookingIsRefusedForAnUnknownOwnOrTakenSlotAndABlankQuestion) {
  EXPECT_EQ(code_of(run<FlashBooking>(kMonday, [&](UseCase& uc) { return book_flash_slot(uc, mentee_, 999, "q?"); }).result),
            "not_found");
  EXPECT_EQ(field_of(book(mentor_).result), "slot_id");
  EXPECT_EQ(field_of(book(mentee_, "  ").result), "question");
  ASSERT_TRUE(book(mentee_).result);
  auto taken = book(stranger_);
  EXPECT_EQ(code_of(taken.result), "conflict");
  EXPECT_EQ(field_of(taken.result), "slot_id");
}

TEST_F(FlashTest, ASessionIsItsMenteesAndMentorsOnlyAndEachListsTheirOwn) {
  const FlashBooking b = *book(mentee_).result;
  const Person admin = administrator();
  auto as = [&](const Person& who, FlashBookingId id) {
    return store_->read_value<FlashBooking>([&](sql::Connection& db) { return participant_booking(db, who, id); });
  };
  EXPECT_TRUE(as(mentee_, b.id));
  EXPECT_TRUE(as(mentor_, b.id));
  EXPECT_EQ(code_of(as(stranger_, b.id)), "forbidden");
  EXPECT_EQ(code_of(as(admin, b.id)), "forbidden");
  EXPECT_EQ(code_of(as(mentee_, b.id + 100)), "not_found");
  auto listed = [&](const Person& who, std::optional<Role> role) {
    return read<std::vector<FlashBookingView>>([&](sql::Connection& db) { return my_flash_bookings(db, who, role); });
  };
  ASSERT_EQ(listed(mentee_, std::nullopt).size(), 1u);
  const FlashBookingView v = listed(mentee_, Role::mentee).front();
  EXPECT_EQ(v.booking.id, b.id);
  ASSERT_TRUE(v.mentor);
  EXPECT_EQ(v.mentor->id, mentor_.id);
  EXPECT_EQ(v.topic_title, std::optional<std::string>("Building a pivot table"));
  EXPECT_TRUE(listed(mentee_, Role::mentor).empty());
  EXPECT_EQ(listed(mentor_, Role::mentor).size(), 1u);
  EXPECT_TRUE(listed(stranger_, std::nullopt).empty());
}

TEST_F(FlashTest, ATopicsViewCountsItsFreeSlotsAndListsThemWhenAsked) {
  const FlashTopic t = *store_->read_value<FlashTopic>([&](sql::Connection& db) -> Result<FlashTopic> {
    auto found = storage::find_flash_topic(db, topic_);
    if (!found) return not_found("gone");
    return *found;
  });
  auto view = [&](const Person& who, FlashSlotsShown shown) {
    return *store_->read_value<FlashTopicView>([&](sql::Connection& db) -> Result<FlashTopicView> {
      return flash_topic_view(db, who, t, kMonday, shown);
    });
  };
  const FlashTopicView counted = view(mentee_, FlashSlotsShown::count_only);
  EXPECT_EQ(counted.free_slots, 1);
  ASSERT_TRUE(counted.next_free_slot);
  EXPECT_FALSE(counted.slots);
  ASSERT_TRUE(counted.mentor);
  EXPECT_EQ(counted.mentor->id, mentor_.id);
  const FlashTopicView listed = view(mentee_, FlashSlotsShown::upcoming);
  ASSERT_TRUE(listed.slots);
  EXPECT_EQ(listed.slots->size(), 1u);
  ASSERT_TRUE(book(mentee_).result);
  EXPECT_EQ(view(stranger_, FlashSlotsShown::count_only).free_slots, 0);
  EXPECT_FALSE(view(stranger_, FlashSlotsShown::count_only).next_free_slot);
}

TEST_F(FlashTest, AMenteesCancellationFreesTheSlotAndTellsTheMentor) {
  const FlashBooking b = *book(mentee_).result;
  EXPECT_EQ(code_of(run<FlashBooking>(kMonday, [&](UseCase& uc) { return cancel_flash_booking(uc, stranger_, b.id, ""); }).result),
            "forbidden");
  auto ran = run<FlashBooking>(kMonday, [&](UseCase& uc) { return cancel_flash_booking(uc, mentee_, b.id, "sick"); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(notifications_in(ran.events), (Pairs{{mentor_.id, "flash_cancelled"}}));
  EXPECT_TRUE(book(stranger_).result);  // free again
}

TEST_F(FlashTest, TheTakeawayComesFromTheMenteeAfterTheSessionAndTheResourceFromTheMentor) {
  const FlashBooking b = *book(mentee_).result;
  const TimePoint after = kMonday + days(2) + hours(1);
  EXPECT_FALSE(run<FlashBooking>(kMonday, [&](UseCase& uc) { return record_flash_takeaway(uc, mentee_, b.id, "x", 5); }).result);
  EXPECT_EQ(code_of(run<FlashBooking>(after, [&](UseCase& uc) { return record_flash_takeaway(uc, mentor_, b.id, "x", 5); }).result),
            "forbidden");
  auto took = run<FlashBooking>(after, [&](UseCase& uc) { return record_flash_takeaway(uc, mentee_, b.id, "PivotBy", 5); });
  ASSERT_TRUE(took.result) << took.result.error().message;
  EXPECT_EQ(notifications_in(took.events), (Pairs{{mentor_.id, "flash_takeaway"}}));
  auto shared = run<FlashBooking>(after, [&](UseCase& uc) {
    return share_flash_resource(uc, mentor_, b.id, "https://example.com/pivots", "the cheat sheet");
  });
  ASSERT_TRUE(shared.result) << shared.result.error().message;
  EXPECT_EQ(notifications_in(shared.events), (Pairs{{mentee_.id, "flash_resource"}}));
}

TEST_F(FlashTest, APublishedTopicComesWithItsSlotsOrNotAtAll) {
  Person flash_mentor = mentor_;
  const NewFlashSlot good{kMonday + days(3), 30, "slots[0]"};
  const NewFlashSlot past{kMonday - days(1), 30, "slots[1]"};
  // Not offering flash mentoring yet: refused, naming the setting to change.
  EXPECT_EQ(field_of(run<FlashTopic>(kMonday, [&](UseCase& uc) {
                       return publish_flash_topic(uc, flash_mentor, {"Reading a P&L", ""}, {good});
                     }).result),
            "formats_offered");
  flash_mentor.formats_offered.push_back(Format::flash);
  EXPECT_EQ(field_of(run<FlashTopic>(kMonday, [&](UseCase& uc) {
                       return publish_flash_topic(uc, flash_mentor, {"  ", ""}, {good});
                     }).result),
            "title");
  // One bad slot: nothing is written, not even the topic.
  const auto topics = [&] {
    auto n = store_->read_value<int>([&](sql::Connection& db) -> Result<int> {
      return static_cast<int>(storage::all_flash_topics(db).size());
    });
    return n ? *n : -1;
  };
  const int before = topics();
  auto bad = run<FlashTopic>(kMonday, [&](UseCase& uc) {
    return publish_flash_topic(uc, flash_mentor, {"Reading a P&L", ""}, {good, past});
  });
  EXPECT_EQ(field_of(bad.result), "slots[1].start");
  EXPECT_EQ(topics(), before);
  auto made = run<FlashTopic>(kMonday, [&](UseCase& uc) {
    return publish_flash_topic(uc, flash_mentor, {"Reading a P&L", "Margins first"}, {good});
  });
  ASSERT_TRUE(made.result) << made.result.error().message;
  EXPECT_TRUE(made.result->published);
  EXPECT_EQ(topics(), before + 1);
  const auto slots = store_->read_value<int>([&](sql::Connection& db) -> Result<int> {
    return static_cast<int>(storage::slots_of_topic(db, made.result->id).size());
  });
  EXPECT_EQ(*slots, 1);
}

TEST_F(FlashTest, OnlyItsMentorChangesATopicAndUnpublishingNeedsNoFlashFormat) {
  auto stranger_edit = run<FlashTopic>(kMonday, [&](UseCase& uc) {
    return change_flash_topic(uc, stranger_, topic_, {.title = "Mine now"});
  });
  EXPECT_EQ(code_of(stranger_edit.result), "forbidden");
  // mentor_ does not offer flash (any more): hiding the topic works, showing it again does not.
  auto hidden = run<FlashTopic>(kMonday, [&](UseCase& uc) {
    return change_flash_topic(uc, mentor_, topic_, {.published = false});
  });
  ASSERT_TRUE(hidden.result) << hidden.result.error().message;
  EXPECT_FALSE(hidden.result->published);
  EXPECT_EQ(field_of(run<FlashTopic>(kMonday, [&](UseCase& uc) {
                       return change_flash_topic(uc, mentor_, topic_, {.published = true});
                     }).result),
            "formats_offered");
  auto renamed = run<FlashTopic>(kMonday, [&](UseCase& uc) {
    return change_flash_topic(uc, mentor_, topic_, {.title = "Pivot tables in ten minutes"});
  });
  ASSERT_TRUE(renamed.result);
  EXPECT_EQ(renamed.result->title, "Pivot tables in ten minutes");
  EXPECT_EQ(renamed.result->description, "");
}

TEST_F(FlashTest, AFreeFutureSlotIsWithdrawnButNotABookedOne) {
  EXPECT_EQ(code_of(run<FlashTopic>(kMonday, [&](UseCase& uc) {
                      return withdraw_flash_slot(uc, stranger_, topic_, slot_);
                    }).result),
            "forbidden");
  EXPECT_EQ(code_of(run<FlashTopic>(kMonday, [&](UseCase& uc) {
                      return withdraw_flash_slot(uc, mentor_, topic_, slot_ + 100);
                    }).result),
            "not_found");
  ASSERT_TRUE(book(mentee_).result);
  auto booked = run<FlashTopic>(kMonday, [&](UseCase& uc) { return withdraw_flash_slot(uc, mentor_, topic_, slot_); });
  EXPECT_EQ(code_of(booked.result), "conflict");
  EXPECT_EQ(field_of(booked.result), "slot_id");
}

TEST_F(FlashTest, AfterTheSessionEitherProposesAOneToOneThatTheBookingRemembers) {
  const FlashBooking b = *book(mentee_).result;
  const TimePoint after = kMonday + days(2) + hours(1);
  auto propose = [&](const Person& who, TimePoint now) {
    return run<Relationship>(now, [&](UseCase& uc) { return propose_from_flash_session(uc, who, b.id, {}); });
  };
  EXPECT_EQ(field_of(propose(mentee_, kMonday).result), "state");  // not met yet
  EXPECT_EQ(code_of(propose(stranger_, after).result), "forbidden");
  auto sent = propose(mentee_, after);
  ASSERT_TRUE(sent.result) << sent.result.error().message;
  EXPECT_EQ(sent.result->mentor_id, mentor_.id);
  EXPECT_EQ(notifications_in(sent.events), (Pairs{{mentor_.id, "request_received"}}));
  const auto remembered = store_->read_value<std::optional<RelationshipId>>(
      [&](sql::Connection& db) -> Result<std::optional<RelationshipId>> {
        return storage::find_flash_booking(db, b.id)->relationship_id;
      });
  EXPECT_EQ(*remembered, std::optional<RelationshipId>(sent.result->id));
  // A second proposal between the same two is the request rules' conflict, naming no field.
  auto again = propose(mentor_, after);
  EXPECT_EQ(code_of(again.result), "conflict");
  EXPECT_EQ(field_of(again.result), "");
}

TEST_F(FlashTest, AFreeSlotIsCountedAndOfferedToEveryone) {
  auto v = seen_by(stranger_);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->free_slots, 1);
  ASSERT_TRUE(v->next_free_slot);
  EXPECT_EQ(v->next_free_slot->slot.id, slot_);
  EXPECT_TRUE(v->next_free_slot->free);
  ASSERT_TRUE(v->mentor);
  EXPECT_EQ(v->mentor->id, mentor_.id);
}

TEST_F(FlashTest, AnotherMenteeSeesABookedSlotAsTakenWithoutItsBookerOrBooking) {
  ASSERT_TRUE(book(mentee_).result);
  const FlashSlotView s = slot_seen_by(stranger_);
  EXPECT_FALSE(s.free);
  EXPECT_FALSE(s.booked_by_me);
  EXPECT_EQ(s.booking_id, std::nullopt);
  EXPECT_FALSE(s.sees_booker);
  EXPECT_FALSE(s.booked_by);
  const auto v = seen_by(stranger_);
  EXPECT_EQ(v->free_slots, 0);
  EXPECT_FALSE(v->next_free_slot);
}

TEST_F(FlashTest, TheBookerSeesTheirBookingButNotThemselvesAsBooker) {
  const FlashBooking b = *book(mentee_).result;
  const FlashSlotView s = slot_seen_by(mentee_);
  EXPECT_FALSE(s.free);
  EXPECT_TRUE(s.booked_by_me);
  EXPECT_EQ(s.booking_id, std::optional<FlashBookingId>(b.id));
  EXPECT_FALSE(s.sees_booker);
  EXPECT_FALSE(s.booked_by);
}

TEST_F(FlashTest, TheMentorSeesWhoBookedTheirSlot) {
  const FlashBooking b = *book(mentee_).result;
  const FlashSlotView s = slot_seen_by(mentor_);
  EXPECT_FALSE(s.booked_by_me);
  EXPECT_EQ(s.booking_id, std::optional<FlashBookingId>(b.id));
  EXPECT_TRUE(s.sees_booker);
  ASSERT_TRUE(s.booked_by);
  EXPECT_EQ(s.booked_by->id, mentee_.id);
  ASSERT_TRUE(s.booked_by->person);
  EXPECT_EQ(s.booked_by->person->name, mentee_.name);
}

TEST_F(FlashTest, AWithdrawnSlotIsListedForTheMentorOnly) {
  ASSERT_TRUE(run<FlashTopic>(kMonday, [&](UseCase& uc) { return withdraw_flash_slot(uc, mentor_, topic_, slot_); }).result);
  const FlashSlotView s = slot_seen_by(mentor_);
  EXPECT_TRUE(s.slot.withdrawn);
  EXPECT_FALSE(s.free);
  for (const Person& other : {mentee_, stranger_}) {
    auto v = seen_by(other);
    ASSERT_TRUE(v);
    ASSERT_TRUE(v->slots);
    EXPECT_TRUE(v->slots->empty()) << other.name;
    EXPECT_EQ(v->free_slots, 0);
  }
}

TEST_F(FlashTest, AnUnpublishedTopicIsNotFoundForOthersAndOffersNoFreeSlot) {
  unpublish();
  EXPECT_EQ(code_of(seen_by(mentee_)), "not_found");
  EXPECT_EQ(code_of(seen_by(stranger_)), "not_found");
  auto own = seen_by(mentor_);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_EQ(own->free_slots, 0);
  EXPECT_FALSE(own->next_free_slot);
  ASSERT_TRUE(own->slots);
  EXPECT_EQ(own->slots->size(), 1u);  // still listed for its mentor
  // Nor does a search offer it, or a lost booking point to it.
  const auto offers = store_->read_value<std::vector<FlashOffer>>([&](sql::Connection& db) -> Result<std::vector<FlashOffer>> {
    return flash_offers(db, kMonday, [](const FlashTopic&) { return true; }, 20);
  });
  EXPECT_TRUE(offers->empty());
  const auto instead = store_->read_value<FreeFlashSlots>([&](sql::Connection& db) -> Result<FreeFlashSlots> {
    return free_slots_instead_of(db, mentee_, slot_, kMonday, 3);
  });
  EXPECT_TRUE(instead->slots.empty());
}

TEST_F(FlashTest, TheListHidesUnpublishedTopicsFromEveryoneButTheirMentor) {
  const FlashTopicId other = another_topic();
  unpublish();
  FlashTopicQuery everything;
  FlashTopicQuery mentors;
  mentors.mentor = mentor_.id;
  EXPECT_EQ(ids_of(page_for(mentee_, everything)), std::vector<FlashTopicId>{other});
  EXPECT_EQ(ids_of(page_for(mentee_, mentors)), std::vector<FlashTopicId>{other});
  EXPECT_EQ(ids_of(page_for(mentor_, mentors)), (std::vector<FlashTopicId>{topic_, other}));
  // Only listing their own topics shows a mentor the unpublished ones.
  EXPECT_EQ(ids_of(page_for(mentor_, everything)), std::vector<FlashTopicId>{other});
}

TEST_F(FlashTest, AListPageNamesTheCursorOfTheNextOne) {
  const FlashTopicId other = another_topic();
  FlashTopicQuery query;
  query.limit = 1;
  const FlashTopicPage first = page_for(stranger_, query);
  EXPECT_EQ(ids_of(first), std::vector<FlashTopicId>{topic_});
  EXPECT_EQ(first.next_after, std::optional<FlashTopicId>(topic_));
  query.after = first.next_after;
  const FlashTopicPage second = page_for(stranger_, query);
  EXPECT_EQ(ids_of(second), std::vector<FlashTopicId>{other});
  EXPECT_EQ(second.next_after, std::nullopt);
}

TEST_F(FlashTest, APersonsOwnFlashHoldsTheirUnpublishedTopicsAndTheirSessions) {
  const FlashBooking b = *book(mentee_).result;
  unpublish();
  const auto own = [&](const Person& p) {
    return read<OwnFlash>([&](sql::Connection& db) { return own_flash(db, p, kMonday); });
  };
  const OwnFlash mentor = own(mentor_);
  ASSERT_EQ(mentor.topics.size(), 1u);
  EXPECT_EQ(mentor.topics[0].topic.id, topic_);
  ASSERT_TRUE(mentor.topics[0].slots);
  ASSERT_EQ(mentor.bookings.size(), 1u);
  EXPECT_EQ(mentor.bookings[0].booking.id, b.id);
  ASSERT_EQ(mentor.bookings[0].topic_title, std::optional<std::string>("Building a pivot table"));
  const OwnFlash mentee = own(mentee_);
  EXPECT_TRUE(mentee.topics.empty());
  ASSERT_EQ(mentee.bookings.size(), 1u);
  ASSERT_TRUE(mentee.bookings[0].mentor);
  EXPECT_EQ(mentee.bookings[0].mentor->id, mentor_.id);
}

TEST_F(FlashTest, OnlyAdministratorsSeeTheOverviewAndItHoldsCountsOnly) {
  ASSERT_TRUE(book(mentee_).result);
  const auto overview = [&](const Person& p) {
    return store_->read_value<FlashOverview>(
        [&](sql::Connection& db) -> Result<FlashOverview> { return flash_overview(db, p, kMonday); });
  };
  EXPECT_EQ(code_of(overview(mentor_)), "forbidden");
  auto o = overview(administrator());
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->topics, 1);
  EXPECT_EQ(o->published_topics, 1);
  EXPECT_EQ(o->slots, 1);
  EXPECT_EQ(o->free_upcoming_slots, 0);
  EXPECT_EQ(o->bookings.at(FlashPhase::upcoming), 1);
  EXPECT_EQ(o->bookings.at(FlashPhase::cancelled), 0);
  EXPECT_EQ(o->average_rating, std::nullopt);
}

}  // namespace
}  // namespace mh::services
