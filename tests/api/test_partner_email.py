"""The partner's e-mail (issue 17): each participant of a live relationship sees the other's
address to reach them outside the app; not while a request waits, not once it has ended, and
never anyone else (who cannot read the relationship at all)."""
from lifecycle_helpers import (active_pair, clock_lab, clock_server, concluded_pair, json_of,  # noqa: F401
                               requested_pair)


def seen(actor, pair):
    """What `actor` is shown as the partner's e-mail, in the relationship and in their list."""
    one = json_of(actor.get(pair.path()), 200)["partner_email"]
    listed = json_of(actor.get("/api/v1/relationships?limit=100"), 200)["items"]
    [item] = [r for r in listed if r["id"] == pair.id]
    assert item["partner_email"] == one
    return one


def test_the_partners_see_each_others_email_while_the_relationship_is_live(clock_lab):
    pair = requested_pair(clock_lab)
    assert seen(pair.mentee, pair) is None and seen(pair.mentor, pair) is None
    pair.accept()
    assert seen(pair.mentee, pair) == pair.mentor.email
    assert seen(pair.mentor, pair) == pair.mentee.email


def test_nobody_else_sees_it(clock_lab):
    manager = clock_lab.person()
    pair = active_pair(clock_lab, mentee=clock_lab.mentee(manager=manager))
    for who in (manager, clock_lab.person(), clock_lab.admin):
        r = who.get(pair.path())
        assert r.status_code in (403, 404), r.text
        assert pair.mentor.email not in r.text and pair.mentee.email not in r.text
        listed = json_of(who.get("/api/v1/relationships?limit=100"), 200)
        assert pair.mentor.email not in str(listed)


def test_it_is_gone_once_the_relationship_has_ended(clock_lab):
    pair = concluded_pair(clock_lab)
    assert seen(pair.mentee, pair) is None and seen(pair.mentor, pair) is None
    declined = requested_pair(clock_lab)
    json_of(declined.mentor.post(declined.path("/decline"), json={"reason": "No time this term."}), 200)
    assert seen(declined.mentee, declined) is None and seen(declined.mentor, declined) is None
