"""An administrator nudges stalled pairs from the overview (issue 18, "acting without content"):
the fading ones, or those not started. Both people of each pair are told what to do next, with
the administrator's note; nobody twice on one day; nothing of the content is read or returned;
the nudge is in the administrators' audit trail."""
from lifecycle_helpers import (active_pair, assert_error, clock_lab, clock_server, json_of, lab,  # noqa: F401
                               starting_pair)

ROUTE = "/api/v1/admin/relationships/nudge"


def fading_pair(lab):
    pair = active_pair(lab)
    json_of(pair.mentee.put(pair.path("/logistics"), json={"cadence_days": 5, "medium": "video"}), 200)
    lab.advance(days=11)
    assert pair.state() == "fading"
    return pair


def test_the_fading_pairs_are_asked_to_meet_or_conclude_with_the_administrators_note(lab):
    pair = fading_pair(lab)
    note = "  Our spring cohort ends in May: book your next hour now.  "
    out = json_of(lab.admin.post(ROUTE, json={"which": "fading", "relationship_ids": [pair.id], "note": note}), 200)
    assert out == {"pairs": 1, "people": 2, "already_today": 0, "not_stalled": 0}
    for person, partner in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
        [told] = person.notifications(pair.id, "program_nudge")
        assert partner.name in told["message"]
        assert "Schedule the next one" in told["message"]
        assert told["message"].endswith("Our spring cohort ends in May: book your next hour now.")
        assert told["link"] == f"/relationships/{pair.id}#meetings"
    # Once a day, whoever asks.
    again = json_of(lab.admin.post(ROUTE, json={"which": "fading", "relationship_ids": [pair.id]}), 200)
    assert again == {"pairs": 0, "people": 0, "already_today": 1, "not_stalled": 0}
    assert len(pair.mentee.notifications(pair.id, "program_nudge")) == 1
    lab.advance(days=1)
    assert json_of(lab.admin.post(ROUTE, json={"which": "fading", "relationship_ids": [pair.id]}), 200)["pairs"] == 1


def test_pairs_not_started_are_asked_to_agree_a_purpose_and_others_are_left_alone(lab):
    stalled = starting_pair(lab)
    lab.advance(days=7, seconds=60)
    healthy = active_pair(lab)
    out = json_of(lab.admin.post(ROUTE, json={"which": "not_started", "relationship_ids": [stalled.id, healthy.id]}),
                  200)
    assert (out["pairs"], out["not_stalled"]) == (1, 1)
    [told] = stalled.mentor.notifications(stalled.id, "program_nudge")
    assert "agree its purpose" in told["message"] and told["link"].endswith("#purpose")
    assert healthy.mentee.notifications(healthy.id, "program_nudge") == []
    # A starting pair is not fading, so asking for the fading ones leaves it alone.
    out = json_of(lab.admin.post(ROUTE, json={"which": "fading", "relationship_ids": [stalled.id]}), 200)
    assert out["not_stalled"] == 1 and out["pairs"] == 0


def test_without_a_list_every_stalled_pair_of_that_kind_is_nudged(lab):
    pair = fading_pair(lab)
    out = json_of(lab.admin.post(ROUTE, json={"which": "fading"}), 200)
    assert out["pairs"] >= 1 and out["not_stalled"] == 0
    assert len(pair.mentor.notifications(pair.id, "program_nudge")) == 1


def test_the_nudge_is_in_the_audit_trail_and_shows_no_content(lab):
    pair = fading_pair(lab)
    r = lab.admin.post(ROUTE, json={"which": "fading", "relationship_ids": [pair.id], "note": "See you soon"})
    json_of(r, 200)
    assert pair.mentee.name not in r.text
    entry = json_of(lab.admin.get("/api/v1/admin/audit", params={"limit": 1}), 200)["items"][0]
    assert entry["action"] == "pairs_nudged" and entry["subject"] == "relationships"
    assert entry["detail"] == "1 fading pair nudged, with a note"


def test_bad_requests_name_their_field_and_tell_nobody(lab):
    pair = fading_pair(lab)
    cases = [
        ({}, "which"),
        ({"which": "everyone"}, "which"),
        ({"which": "fading", "relationship_ids": []}, "relationship_ids"),
        ({"which": "fading", "relationship_ids": "1"}, "relationship_ids"),
        ({"which": "fading", "relationship_ids": [pair.id, "x"]}, "relationship_ids[1]"),
        ({"which": "fading", "relationship_ids": [pair.id, "999999999"]}, "relationship_ids[1]"),
        ({"which": "fading", "relationship_ids": [pair.id], "note": "x" * 501}, "note"),
        ({"which": "fading", "relationship_ids": [pair.id], "note": 5}, "note"),
        ({"which": "fading", "everyone": True}, "everyone"),
    ]
    for body, field in cases:
        assert_error(lab.admin.post(ROUTE, json=body), 422, field=field)
    assert pair.mentee.notifications(pair.id, "program_nudge") == []


def test_only_an_administrator_nudges(lab):
    pair = fading_pair(lab)
    for actor in (pair.mentee, pair.mentor):
        assert actor.post(ROUTE, json={"which": "fading", "relationship_ids": [pair.id]}).status_code == 403
    assert lab.anonymous().post(ROUTE, json={"which": "fading"}).status_code in (401, 403)
    assert pair.mentee.notifications(pair.id, "program_nudge") == []
