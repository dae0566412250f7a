"""E-mail (issue 17) through a real SMTP server on loopback (aiosmtpd): immediate mail for
requests, answers, meeting changes (with the invitation attached, read back by python3-icalendar)
and the program's proposals; the daily digest; each kind switched off by the person or by the
one-click unsubscribe address of RFC 8058; and the outbox: while the mail server is down nothing
is lost, and once it is back every message arrives exactly once, also across a restart and a
crash of the server. Everything that arrives is parsed with Python's email package."""
import datetime as dt
import email
import email.policy
import email.utils
import os
import re
import socket
import threading
import time

import icalendar
import pytest
import requests
from aiosmtpd.controller import Controller

from conftest import Server, free_port
from lifecycle_helpers import CLOCK_START, Lab, active_pair, iso, json_of, requested_pair, assert_error

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATES = os.path.join(ROOT, "templates", "mail")
ORGANISATION = "Northwind Trädgård"
FROM = "mentoring@northwind.example"
PUBLIC = "https://mentoring.northwind.example"


class Inbox:
    """What an aiosmtpd handler received, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (envelope recipients, email.message.EmailMessage)

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def all(self):
        with self.lock:
            return list(self.messages)

    def to(self, address):
        return [m for rcpt, m in self.all() if address in rcpt]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that can be stopped and started again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def mail_server_on(binary, db, smtp):
    """A server on `db` and the fake clock that sends its mail through `smtp`."""
    return Server(binary, db, extra=["--test-clock", CLOCK_START, "--smtp", f"smtp://127.0.0.1:{smtp.port}",
                                     "--mail-from", FROM, "--organisation", ORGANISATION, "--public-url", PUBLIC,
                                     "--mail-templates", TEMPLATES])


@pytest.fixture(scope="module")
def smtp():
    s = SmtpServer()
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def mail_db(new_demo_database):
    return new_demo_database()


@pytest.fixture(scope="module")
def mail_server(binary, mail_db, smtp):
    s = mail_server_on(binary, mail_db, smtp)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def lab(mail_server):
    return Lab(mail_server, fake_clock=True)


def send_now(lab, digests=False):
    """Runs the outbox's sender at once (the test build's route) and returns what it did."""
    return json_of(requests.post(lab.url + "/api/v1/test/mail", json={"digests": digests}, timeout=60), 200)


def wait_for(inbox, address, count, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        got = inbox.to(address)
        if len(got) >= count:
            return got
        time.sleep(0.05)
    return inbox.to(address)


def request_mails(inbox, address):
    """The request mails to `address` (a digest may arrive beside them: the fake clock starts
    after the digest hour)."""
    return [m for m in inbox.to(address) if m["Subject"] == "A mentoring request for you"]


def request_mails_an_hour_on(server, smtp, address):
    """The request mails to `address` once the (restarted) server's sender ran an hour later."""
    lab = Lab(server, fake_clock=True)
    lab.advance(hours=1)
    send_now(lab)
    time.sleep(0.3)
    return request_mails(smtp.inbox, address)


def request_as_the_server_dies(lab, mentee, mentor):
    """A mentoring request whose mail makes the server die (exit_at was armed first): its answer
    may not arrive, since the server's own sender can get there first; the request was committed
    before its mail could go."""
    try:
        requested_pair(lab, mentee=mentee, mentor=mentor)
    except requests.ConnectionError:
        pass


def exit_at(lab, point):
    """Makes the server die at `point` of the next message's way; the server may die before it
    answers, when its own sender gets there first."""
    try:
        json_of(requests.post(lab.url + "/api/v1/test/mail", json={"exit_at": point}, timeout=10), 202)
    except requests.ConnectionError:
        pass


def parts(msg):
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    return text, html


def calendar_of(msg):
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            return part, icalendar.Calendar.from_ical(part.get_payload(decode=True))
    return None, None


def test_a_request_reaches_the_mentor_at_once_with_both_parts_and_proper_headers(lab, smtp):
    mentor = lab.mentor(name="Zoë Ångström")
    mentee = lab.mentee(name="Eve <b>& Co</b>")
    requested_pair(lab, mentee=mentee, mentor=mentor)
    send_now(lab)
    wait_for(smtp.inbox, mentor.email, 1)
    [msg] = request_mails(smtp.inbox, mentor.email)

    assert msg["MIME-Version"] == "1.0"
    assert re.fullmatch(r"<[0-9a-f]{64}@northwind\.example>", msg["Message-ID"])
    assert email.utils.parsedate_to_datetime(msg["Date"]) == lab.now.replace(tzinfo=dt.timezone.utc) or \
        abs(email.utils.parsedate_to_datetime(msg["Date"]) - lab.now) < dt.timedelta(minutes=5)
    assert msg["From"].addresses[0].display_name == ORGANISATION
    assert msg["From"].addresses[0].addr_spec == FROM
    assert msg["To"].addresses[0].display_name == "Zoë Ångström"
    assert msg["To"].addresses[0].addr_spec == mentor.email
    # The encoded words were really used on the wire for the names that need them.
    raw = msg.as_bytes(policy=email.policy.SMTP)
    assert b"=?UTF-8?" in raw or b"=?utf-8?" in raw
    assert msg["Subject"] == "A mentoring request for you"
    assert msg.get_content_type() == "multipart/alternative"

    unsubscribe = msg["List-Unsubscribe"]
    assert re.fullmatch(r"<https://mentoring\.northwind\.example/mail/unsubscribe/[0-9a-f]{64}/requests>", unsubscribe)
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    text, html = parts(msg)
    assert text.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    body_text = text.get_content()
    body_html = html.get_content()
    assert "Eve <b>& Co</b> asks you to be their mentor." in body_text
    assert "Eve &lt;b&gt;&amp; Co&lt;/b&gt; asks you to be their mentor." in body_html
    assert "<b>&" not in body_html
    assert "Hello Zoë Ångström," in body_text
    assert f"{PUBLIC}/requests" in body_text and f'href="{PUBLIC}/requests"' in body_html
    assert ORGANISATION in body_text and "Northwind Trädgård" in body_html
    # Nothing for the mentee: they sent it.
    assert request_mails(smtp.inbox, mentee.email) == []


def test_an_answer_reaches_the_mentee_and_a_meeting_reaches_both_with_its_invitation(lab, smtp):
    pair = active_pair(lab)
    send_now(lab)
    wait_for(smtp.inbox, pair.mentee.email, 1)
    answers = [m for m in smtp.inbox.to(pair.mentee.email) if m["Subject"] == "An answer to your mentoring request"]
    assert len(answers) == 1
    assert "accepted" in parts(answers[0])[0].get_content()

    starts = lab.later(days=3).replace(minute=0, second=0)
    meeting = pair.schedule(by=pair.mentor, starts_at=starts, where="Café Nord")
    send_now(lab)
    for person in (pair.mentee, pair.mentor):
        mails = [m for m in smtp.inbox.to(person.email) if m.get_content_type() == "multipart/mixed"]
        assert len(mails) == 1, [m["Subject"] for m in smtp.inbox.to(person.email)]
        msg = mails[0]
        text, html = parts(msg)
        assert "Café Nord" in text.get_content() and "Café Nord" in html.get_content()
        part, cal = calendar_of(msg)
        assert part.get_content_type() == "text/calendar"
        assert part.get_param("method") == "REQUEST"
        assert str(cal["METHOD"]) == "REQUEST"
        [event] = cal.walk("VEVENT")
        assert str(event["UID"]) == f"meeting-{meeting['id']}@mentorhub"
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == starts.astimezone(dt.timezone.utc)
        assert str(event["LOCATION"]) == "Café Nord"

    moved = starts + dt.timedelta(days=1)
    json_of(pair.mentee.patch(pair.path(f"/meetings/{meeting['id']}"), json={"starts_at": iso(moved)}), 200)
    json_of(pair.mentee.patch(pair.path(f"/meetings/{meeting['id']}"), json={"status": "cancelled"}), 200)
    send_now(lab)
    for person in (pair.mentee, pair.mentor):
        invitations = [calendar_of(m) for m in smtp.inbox.to(person.email) if m.get_content_type() == "multipart/mixed"]
        methods = [(str(cal["METHOD"]), int(cal.walk("VEVENT")[0]["SEQUENCE"])) for _, cal in invitations]
        # Each mail carries the meeting as it is when the mail is written: the moved time first
        # arrives with the cancellation right behind it.
        assert len(methods) == 3, methods
        assert methods[0] == ("REQUEST", 0)
        assert methods[-1][0] == "CANCEL"
        assert invitations[-1][0].get_param("method") == "CANCEL"


def test_a_meeting_held_by_video_carries_its_room_in_the_mail_and_the_invitation(lab, smtp):
    json_of(lab.admin.put("/api/v1/admin/video", json={"provider": "jitsi", "jitsi_url": "https://meet.northwind.example"}),
            200)
    try:
        pair = active_pair(lab)
        meeting = pair.schedule(by=pair.mentor, starts_at=lab.later(days=3), medium="video", where="")
        link = json_of(pair.mentee.get(pair.path(f"/meetings/{meeting['id']}")), 200)["video_url"]
        assert re.fullmatch(r"https://meet\.northwind\.example/[0-9a-f]{64}", link), link
        send_now(lab)
        [msg] = [m for m in wait_for(smtp.inbox, pair.mentee.email, 1)
                 if m.get_content_type() == "multipart/mixed" and calendar_of(m)[1] is not None
                 and str(calendar_of(m)[1].walk("VEVENT")[0]["UID"]) == f"meeting-{meeting['id']}@mentorhub"]
        text, html = parts(msg)
        assert link in text.get_content() and link in html.get_content()
        [event] = calendar_of(msg)[1].walk("VEVENT")
        assert str(event["LOCATION"]) == link and str(event["URL"]) == link
        assert link in str(event["DESCRIPTION"]).replace("\n", "")
        first_sequence = int(event["SEQUENCE"])
        # Turned face to face, the next mail's invitation has no room and a higher SEQUENCE.
        json_of(pair.mentor.patch(pair.path(f"/meetings/{meeting['id']}"), json={"medium": "in_person",
                                                                               "where": "Café Nord"}), 200)
        send_now(lab)
        mails = [m for m in smtp.inbox.to(pair.mentee.email) if m.get_content_type() == "multipart/mixed"
                 and str(calendar_of(m)[1].walk("VEVENT")[0]["UID"]) == f"meeting-{meeting['id']}@mentorhub"]
        assert len(mails) == 2, [m["Subject"] for m in mails]
        [event] = calendar_of(mails[-1])[1].walk("VEVENT")
        assert int(event["SEQUENCE"]) == first_sequence + 1
        assert str(event["LOCATION"]) == "Café Nord" and "URL" not in event
        assert link not in parts(mails[-1])[0].get_content()
    finally:
        json_of(lab.admin.put("/api/v1/admin/video", json={"provider": "none"}), 200)


def test_a_cohort_proposal_reaches_the_mentor_as_a_proposal(lab, smtp):
    mentor = lab.mentor(formats_offered=["one_to_one"])
    mentee = lab.mentee(formats_sought=["one_to_one"])
    cohort = json_of(lab.admin.post("/api/v1/cohorts", json={
        "name": f"Mail cohort {mentor.id}", "mentee_ids": [mentee.id], "mentor_ids": [mentor.id]}), 201)
    job = json_of(lab.admin.post(f"/api/v1/cohorts/{cohort['id']}/matchings", json={"min_score": 0}), 202)
    deadline = time.time() + 60
    while time.time() < deadline:
        job = json_of(lab.admin.get(f"/api/v1/matchings/{job['id']}"), 200)
        if job["state"] not in ("queued", "running"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job
    json_of(lab.admin.post(f"/api/v1/matchings/{job['id']}/apply"), 200)
    send_now(lab)
    wait_for(smtp.inbox, mentor.email, 1)
    [msg] = [m for m in smtp.inbox.to(mentor.email) if m["Subject"] == "The program proposes a mentee for you"]
    assert msg["List-Unsubscribe"].endswith("/proposals>")
    assert mentee.name in parts(msg)[0].get_content()


def test_nothing_is_lost_while_the_mail_server_is_down_and_each_message_arrives_once(lab, smtp):
    # The server's own sender also runs every two seconds; the assertions hold whichever pass
    # sends what, so they count what arrived.
    smtp.stop()
    try:
        mentors = [lab.mentor() for _ in range(3)]
        for mentor in mentors:
            requested_pair(lab, mentor=mentor)
        report = send_now(lab)
        assert report["sent"] == 0, report
        lab.advance(seconds=31)  # past the first back-off: tried again, still down
        assert send_now(lab)["sent"] == 0
    finally:
        smtp.start()
    # Up again: the messages wait for their next attempt, then each arrives once.
    lab.advance(hours=1)
    send_now(lab)
    for mentor in mentors:
        wait_for(smtp.inbox, mentor.email, 1)
        assert len(request_mails(smtp.inbox, mentor.email)) == 1
    lab.advance(hours=2)
    send_now(lab)
    time.sleep(0.5)
    for mentor in mentors:
        assert len(request_mails(smtp.inbox, mentor.email)) == 1
    ids = [m["Message-ID"] for _, m in smtp.inbox.all()]
    assert len(ids) == len(set(ids))


def test_mail_settings_say_mail_is_on_and_switch_kinds(lab, smtp):
    person = lab.mentor()
    settings = json_of(person.get("/api/v1/me/mail"), 200)
    assert settings["enabled"] is True
    assert [k["kind"] for k in settings["kinds"]] == ["requests", "answers", "meetings", "proposals", "digest"]
    assert all(k["on"] for k in settings["kinds"])
    changed = json_of(person.put("/api/v1/me/mail", json={"kinds": {"requests": False}}), 200)
    assert {k["kind"]: k["on"] for k in changed["kinds"]}["requests"] is False
    assert_error(person.put("/api/v1/me/mail", json={"kinds": {"spam": False}}), 422, field="kinds.spam")
    assert_error(person.put("/api/v1/me/mail", json={"kinds": {"answers": "no"}}), 422, field="kinds.answers")
    # Switched off: a request to them is not mailed.
    requested_pair(lab, mentor=person)
    send_now(lab)
    time.sleep(0.2)
    assert request_mails(smtp.inbox, person.email) == []
    json_of(person.put("/api/v1/me/mail", json={"kinds": {"requests": True}}), 200)
    requested_pair(lab, mentor=person)
    send_now(lab)
    wait_for(smtp.inbox, person.email, 1)
    assert len(request_mails(smtp.inbox, person.email)) == 1


def test_one_click_unsubscribe_turns_that_kind_off_without_a_session(lab, smtp):
    mentor = lab.mentor()
    requested_pair(lab, mentor=mentor)
    send_now(lab)
    wait_for(smtp.inbox, mentor.email, 1)
    [msg] = request_mails(smtp.inbox, mentor.email)
    url = msg["List-Unsubscribe"].strip("<>")
    path = url.removeprefix(PUBLIC)
    # A GET (a mail scanner following the link) only asks.
    page = requests.get(lab.url + path, timeout=10)
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    assert "<form method=\"post\"" in page.text
    assert {k["kind"]: k["on"] for k in json_of(mentor.get("/api/v1/me/mail"), 200)["kinds"]}["requests"] is True
    # The mail client's one-click POST (RFC 8058), with no cookie.
    r = requests.post(lab.url + path, data="List-Unsubscribe=One-Click",
                      headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=10)
    assert r.status_code == 200, r.text
    kinds = {k["kind"]: k["on"] for k in json_of(mentor.get("/api/v1/me/mail"), 200)["kinds"]}
    assert kinds["requests"] is False and kinds["answers"] is True
    requested_pair(lab, mentor=mentor)
    send_now(lab)
    time.sleep(0.2)
    assert len(request_mails(smtp.inbox, mentor.email)) == 1
    # An address that names nothing.
    bad = requests.post(lab.url + "/mail/unsubscribe/" + "0" * 64 + "/requests", timeout=10)
    assert bad.status_code == 404
    bad = requests.post(lab.url + path.rsplit("/", 1)[0] + "/spam", timeout=10)
    assert bad.status_code == 404


def zone_at_local_hour(now, hour):
    """A fixed-offset zone in which `now` (UTC) falls in the given local hour."""
    offset = (hour - now.hour + 12) % 24 - 12  # within the -12..+11 hours that Etc/GMT names cover
    # Etc/GMT names count the other way round: Etc/GMT-3 is three hours east of UTC.
    return "Etc/UTC" if offset == 0 else f"Etc/GMT{-offset:+d}"


def mentee_digests(smtp, pair):
    return [m for m in smtp.inbox.to(pair.mentee.email) if m["Subject"].startswith("Your Mentorhub digest")]


def test_the_daily_digest_carries_what_was_not_mailed_and_only_when_there_is_something_new(lab, smtp):
    # The mentee's day starts three hours before the digest hour (07:00, their time): while the
    # pair works, no digest is due to them, whether the server's own sender or the test runs it.
    mentee = lab.mentee(timezone=zone_at_local_hour(lab.now, 4))
    pair = active_pair(lab, mentee=mentee)
    send_now(lab)
    before = len(smtp.inbox.to(pair.mentor.email))
    # A task and a story reflection nudge nobody by mail at once; the purpose agreement does.
    pair.draft(by=pair.mentor, outcome="A sharper next step.")
    version = pair.workspace()["purpose"]["version"]
    pair.agree(pair.mentor, version)
    send_now(lab, digests=True)
    assert mentee_digests(smtp, pair) == [], "a digest went before the mentee's digest hour"
    # Past their digest hour: one digest, sent by whichever sender got there first.
    lab.advance(hours=4)
    send_now(lab, digests=True)
    digests = wait_for_digests(smtp, pair, 1)
    assert len(digests) == 1
    text, html = parts(digests[0])
    assert "purpose" in text.get_content().lower()
    assert digests[0]["List-Unsubscribe"].endswith("/digest>")
    # Nothing new: no second digest the next day.
    lab.advance(days=1)
    send_now(lab, digests=True)
    time.sleep(0.2)
    assert len(mentee_digests(smtp, pair)) == 1
    assert len(smtp.inbox.to(pair.mentor.email)) >= before


def wait_for_digests(smtp, pair, count, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline and len(mentee_digests(smtp, pair)) < count:
        time.sleep(0.05)
    return mentee_digests(smtp, pair)


def test_a_server_without_a_mail_server_says_mail_is_off(server, make_person):
    _, person = make_person()
    settings = json_of(person.get("/api/v1/me/mail"), 200)
    assert settings["enabled"] is False


def crash_at(binary, db, smtp, point):
    """A server on `db` that dies (exit 70) at `point` of the way of a new request's mail; returns
    the request's mentor."""
    with mail_server_on(binary, db, smtp) as server:
        lab = Lab(server, fake_clock=True)
        mentor, mentee = lab.mentor(), lab.mentee()
        # Everything due before the request (the demo people's digests) goes first, so that the
        # request's mail is the next message on its way whatever the server's own sender did.
        send_now(lab, digests=True)
        exit_at(lab, point)
        request_as_the_server_dies(lab, mentee, mentor)
        server.proc.wait(timeout=20)
        assert server.proc.returncode == 70
    return mentor


def test_a_restart_and_a_crash_before_the_hand_over_send_each_message_once(binary, new_demo_database, smtp):
    db = new_demo_database()
    # The server dies right after claiming (before anything reached the mail server).
    mentor = crash_at(binary, db, smtp, "claimed")
    assert request_mails(smtp.inbox, mentor.email) == []
    # Restarted: the claim's lease (5 minutes) must pass before another sender takes it.
    server = mail_server_on(binary, db, smtp)
    try:
        lab = Lab(server, fake_clock=True)
        send_now(lab)
        assert request_mails(smtp.inbox, mentor.email) == []
        lab.advance(seconds=301)
        send_now(lab)
        deadline = time.time() + 10
        while not request_mails(smtp.inbox, mentor.email) and time.time() < deadline:
            time.sleep(0.05)
        assert len(request_mails(smtp.inbox, mentor.email)) == 1
        # A clean restart leaves nothing to resend.
        server.stop()
        server = mail_server_on(binary, db, smtp)
        assert len(request_mails_an_hour_on(server, smtp, mentor.email)) == 1
    finally:
        server.stop()


def test_a_crash_between_sending_and_marking_never_sends_the_message_twice(binary, new_demo_database, smtp):
    db = new_demo_database()
    # Dies after the mail server accepted the message and before it is marked sent.
    mentor = crash_at(binary, db, smtp, "sent")
    assert len(request_mails(smtp.inbox, mentor.email)) == 1
    with mail_server_on(binary, db, smtp) as server:
        # Handed over and never marked: left unconfirmed, never sent again.
        assert len(request_mails_an_hour_on(server, smtp, mentor.email)) == 1
