"""Video rooms (issue 17): the organisation's video service (none, Jitsi, BigBlueButton) set by an
administrator, with every bad value refused naming its field and the BigBlueButton secret never
given back; a long random room per meeting, circle session and flash booking, stable and not
derived from ids; its link for the participants alone, in the page, the .ics (LOCATION, URL and
DESCRIPTION, read back by python3-icalendar) and the join route; gone when the meeting becomes
face to face (SEQUENCE raised). BigBlueButton against a small fake server on loopback that checks
every call's checksum (SHA-1 or SHA-256 of call name + query + secret) as the real API does."""
import hashlib
import http.server
import re
import threading
import urllib.parse

import icalendar
import pytest

from conftest import free_port
from lifecycle_helpers import active_pair, assert_error, clock_lab, clock_server, flash_booking, iso, json_of  # noqa: F401

JITSI = "https://meet.example.org"
SECRET = "bbb-Shared-Secret-0123456789"
ROOM = re.compile(r"^[0-9a-f]{64}$")


class FakeBbb:
    """A BigBlueButton API on 127.0.0.1: `create` and `join` are accepted only with the right
    checksum; created rooms remember their passwords, and a join says which role it got."""

    def __init__(self, secret, algorithm="sha1"):
        self.secret = secret
        self.algorithm = algorithm
        self.calls = []  # (call, params, checksum ok)
        self.rooms = {}
        self.refuse_create = False
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path, _, query = self.path.partition("?")
                call = path.rsplit("/", 1)[-1]
                signed, _, checksum = query.rpartition("&checksum=")
                digest = hashlib.new(fake.algorithm, (call + signed + fake.secret).encode()).hexdigest()
                params = dict(urllib.parse.parse_qsl(signed, keep_blank_values=True))
                ok = path.startswith("/bigbluebutton/api/") and checksum == digest
                fake.calls.append((call, params, ok))
                if not ok:
                    return self.answer(200, "<response><returncode>FAILED</returncode>"
                                            "<messageKey>checksumError</messageKey></response>")
                if call == "create":
                    if fake.refuse_create:
                        return self.answer(200, "<response><returncode>FAILED</returncode>"
                                                "<messageKey>maxMeetingsReached</messageKey></response>")
                    fake.rooms.setdefault(params["meetingID"], params)
                    return self.answer(200, "<response><returncode>SUCCESS</returncode>"
                                            f"<meetingID>{params['meetingID']}</meetingID></response>")
                if call == "join":
                    room = fake.rooms.get(params.get("meetingID"))
                    if room is None:
                        return self.answer(200, "<response><returncode>FAILED</returncode>"
                                                "<messageKey>notFound</messageKey></response>")
                    role = ("MODERATOR" if params["password"] == room["moderatorPW"] else
                            "VIEWER" if params["password"] == room["attendeePW"] else None)
                    if role is None:
                        return self.answer(200, "<response><returncode>FAILED</returncode>"
                                                "<messageKey>invalidPassword</messageKey></response>")
                    return self.answer(200, f"joined {params['fullName']} as {role}")
                return self.answer(404, "<response><returncode>FAILED</returncode></response>")

            def answer(self, status, body):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.port = free_port()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def api(self):
        return f"http://127.0.0.1:{self.port}/bigbluebutton/api"

    def follow(self, location):
        """What a browser following Mentorhub's redirect gets from the server."""
        import requests
        return requests.get(location, timeout=10)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def bbb():
    fake = FakeBbb(SECRET)
    yield fake
    fake.stop()


def configure(lab, **settings):
    return json_of(lab.admin.put("/api/v1/admin/video", json=settings), 200)


def event_of(response):
    assert response.status_code == 200, response.text
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return event


def video_circle_session(lab, topic):
    """A video circle on `topic` with one member and a video session in four days. Answers the host,
    the member, the session and its path."""
    host = lab.person(formats_offered=["one_to_one", "circle"], mentor_capacity=2)
    circle = json_of(host.post("/api/v1/circles", json={"topic": topic, "size_limit": 3,
                                                        "cadence_days": 14, "medium": "video", "membership": "open"}), 201)
    member = lab.person()
    json_of(member.post(f"/api/v1/circles/{circle['id']}/join", json={}), 200)
    session = json_of(host.post(f"/api/v1/circles/{circle['id']}/sessions",
                                json={"starts_at": iso(lab.later(days=4)), "medium": "video"}), 201)
    return host, member, session, f"/api/v1/circles/{circle['id']}/sessions/{session['id']}"


def join(client, path):
    return client.get(path, allow_redirects=False)


# ---------------------------------------------------------------------------------------------
# Settings


def test_settings_start_empty_and_every_bad_value_is_refused_naming_its_field(clock_lab):
    assert configure(clock_lab, provider="none") == {
        "provider": "none", "jitsi_url": None, "bbb_url": None, "bbb_secret_set": False, "bbb_checksum": "sha1"}
    bad = [
        ({}, "provider"),
        ({"provider": "zoom"}, "provider"),
        ({"provider": 3}, "provider"),
        ({"provider": "jitsi"}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": "http://meet.example.org"}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": "https://user:pw@meet.example.org"}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": "https://meet.example.org/?room=x"}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": "https://meet.example.org/a b"}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": "meet.example.org"}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": ["https://meet.example.org"]}, "jitsi_url"),
        ({"provider": "jitsi", "jitsi_url": "https://" + "a" * 600}, "jitsi_url"),
        ({"provider": "bigbluebutton", "bbb_secret": SECRET}, "bbb_url"),
        ({"provider": "bigbluebutton", "bbb_url": "https://admin:pw@bbb.example.org/bigbluebutton/api",
          "bbb_secret": SECRET}, "bbb_url"),
        ({"provider": "bigbluebutton", "bbb_url": "https://bbb.example.org/bigbluebutton/api"}, "bbb_secret"),
        ({"provider": "bigbluebutton", "bbb_url": "https://bbb.example.org/bigbluebutton/api",
          "bbb_secret": "short"}, "bbb_secret"),
        ({"provider": "bigbluebutton", "bbb_url": "https://bbb.example.org/bigbluebutton/api",
          "bbb_secret": SECRET, "bbb_checksum": "md5"}, "bbb_checksum"),
        ({"provider": "jitsi", "jitsi_url": JITSI, "colour": "blue"}, "colour"),
    ]
    for body, field in bad:
        err = assert_error(clock_lab.admin.put("/api/v1/admin/video", json=body), 422)
        assert err["field"] == field, (body, err)
    # Nothing was written by any of them.
    assert json_of(clock_lab.admin.get("/api/v1/admin/video"), 200)["provider"] == "none"
    assert_error(clock_lab.person().put("/api/v1/admin/video", json={"provider": "jitsi", "jitsi_url": JITSI}), 403)


def test_the_shared_secret_is_write_only(clock_lab, clock_server):
    saved = configure(clock_lab, provider="bigbluebutton", bbb_url="https://bbb.example.org/bigbluebutton/api/",
                      bbb_secret=SECRET, bbb_checksum="sha256")
    assert saved == {"provider": "bigbluebutton", "jitsi_url": None,
                     "bbb_url": "https://bbb.example.org/bigbluebutton/api/", "bbb_secret_set": True,
                     "bbb_checksum": "sha256"}
    read = clock_lab.admin.get("/api/v1/admin/video")
    assert SECRET not in read.text and json_of(read, 200) == saved
    # Saved again without the secret, the stored one stays; at another address it must be given.
    again = configure(clock_lab, provider="bigbluebutton", bbb_url="https://bbb.example.org/bigbluebutton/api/",
                      bbb_checksum="sha256")
    assert again["bbb_secret_set"] is True
    err = assert_error(clock_lab.admin.put("/api/v1/admin/video", json={
        "provider": "bigbluebutton", "bbb_url": "https://other.example.org/bigbluebutton/api"}), 422)
    assert err["field"] == "bbb_secret"
    # Switching to Jitsi forgets it: coming back needs it again.
    configure(clock_lab, provider="jitsi", jitsi_url=JITSI)
    err = assert_error(clock_lab.admin.put("/api/v1/admin/video", json={
        "provider": "bigbluebutton", "bbb_url": "https://bbb.example.org/bigbluebutton/api/"}), 422)
    assert err["field"] == "bbb_secret"
    configure(clock_lab, provider="none")
    assert SECRET not in clock_server.logged()


# ---------------------------------------------------------------------------------------------
# Jitsi


def test_a_video_meeting_has_a_random_room_in_the_page_the_ics_and_the_join_route(clock_lab):
    configure(clock_lab, provider="jitsi", jitsi_url=JITSI + "/")
    pair = active_pair(clock_lab)
    first = pair.schedule(starts_at=clock_lab.later(days=3), medium="video", where="")
    second = pair.schedule(starts_at=clock_lab.later(days=17), medium="video", where="")
    mpath = pair.path(f"/meetings/{first['id']}")
    link = json_of(pair.mentee.get(mpath), 200)["video_url"]
    assert link.startswith(JITSI + "/") and ROOM.match(link[len(JITSI) + 1:]), link
    assert json_of(pair.mentor.get(mpath), 200)["video_url"] == link  # one room, both people
    assert json_of(pair.mentee.get(mpath), 200)["video_url"] == link  # stable
    other = json_of(pair.mentee.get(pair.path(f"/meetings/{second['id']}")), 200)["video_url"]
    # Two meetings' rooms share nothing that orders them: random names, not a sequence.
    assert other != link and ROOM.match(other[len(JITSI) + 1:])
    workspace = json_of(pair.mentee.get(pair.path("")), 200)
    assert {m["id"]: m["video_url"] for m in workspace["meetings"]}[first["id"]] == link

    event = event_of(pair.mentor.get(mpath + "/calendar.ics"))
    assert str(event["LOCATION"]) == link and str(event["URL"]) == link
    assert link in str(event["DESCRIPTION"]).replace("\n", "")
    r = join(pair.mentee, mpath + "/video")
    assert r.status_code == 303 and r.headers["Location"] == link
    assert r.headers["Cache-Control"] == "no-store"

    # Only the pair: nobody else sees the room, administrators included.
    for outsider in (clock_lab.person(), clock_lab.admin):
        assert_error(join(outsider, mpath + "/video"), 403)
        assert link not in outsider.get(mpath + "/calendar.ics").text
    assert_error(join(clock_lab.anonymous(), mpath + "/video"), 401)
    assert_error(join(pair.mentee, pair.path("/meetings/987654321/video")), 404)


def test_a_meeting_turned_face_to_face_loses_its_link_and_its_calendar_sequence_rises(clock_lab):
    configure(clock_lab, provider="jitsi", jitsi_url=JITSI)
    pair = active_pair(clock_lab)
    meeting = pair.schedule(starts_at=clock_lab.later(days=4), medium="video", where="")
    mpath = pair.path(f"/meetings/{meeting['id']}")
    link = json_of(pair.mentee.get(mpath), 200)["video_url"]
    before = event_of(pair.mentee.get(mpath + "/calendar.ics"))
    changed = json_of(pair.mentor.patch(mpath, json={"medium": "in_person", "where": "Café Nord"}), 200)
    assert changed["medium"] == "in_person" and changed["video_url"] is None
    after = event_of(pair.mentee.get(mpath + "/calendar.ics"))
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["LOCATION"]) == "Café Nord" and "URL" not in after
    assert link not in str(after["DESCRIPTION"])
    err = assert_error(join(pair.mentee, mpath + "/video"), 409)
    assert "face to face" in err["message"]
    # Back to video: the same room again.
    json_of(pair.mentor.patch(mpath, json={"medium": "video", "where": ""}), 200)
    assert json_of(pair.mentee.get(mpath), 200)["video_url"] == link
    # A cancelled meeting has no room to join.
    json_of(pair.mentee.patch(mpath, json={"status": "cancelled"}), 200)
    assert json_of(pair.mentee.get(mpath), 200)["video_url"] is None
    assert_error(join(pair.mentor, mpath + "/video"), 409)


def test_a_new_video_service_reaches_the_calendars_with_a_higher_sequence(clock_lab):
    configure(clock_lab, provider="jitsi", jitsi_url=JITSI)
    pair = active_pair(clock_lab)
    meeting = pair.schedule(starts_at=clock_lab.later(days=4), medium="video", where="")
    mpath = pair.path(f"/meetings/{meeting['id']}")
    before = event_of(pair.mentee.get(mpath + "/calendar.ics"))
    assert str(before["URL"]).startswith(JITSI)
    try:
        # Another Jitsi server: the same room name on a new address, and calendars must update.
        configure(clock_lab, provider="jitsi", jitsi_url="https://jitsi.example.net")
        moved = event_of(pair.mentee.get(mpath + "/calendar.ics"))
        assert str(moved["URL"]).startswith("https://jitsi.example.net/")
        assert int(moved["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
        # Saving the same settings again changes nothing a calendar holds.
        configure(clock_lab, provider="jitsi", jitsi_url="https://jitsi.example.net")
        assert int(event_of(pair.mentee.get(mpath + "/calendar.ics"))["SEQUENCE"]) == int(moved["SEQUENCE"])
        # No video service any more: the link goes, and the entry says so with a higher sequence.
        configure(clock_lab, provider="none")
        gone = event_of(pair.mentee.get(mpath + "/calendar.ics"))
        assert "URL" not in gone and int(gone["SEQUENCE"]) == int(moved["SEQUENCE"]) + 1
    finally:
        configure(clock_lab, provider="jitsi", jitsi_url=JITSI)


def test_no_video_service_means_no_link(clock_lab):
    configure(clock_lab, provider="none")
    pair = active_pair(clock_lab)
    meeting = pair.schedule(starts_at=clock_lab.later(days=4), medium="video", where="")
    mpath = pair.path(f"/meetings/{meeting['id']}")
    assert json_of(pair.mentee.get(mpath), 200)["video_url"] is None
    assert "URL" not in event_of(pair.mentee.get(mpath + "/calendar.ics"))
    assert_error(join(pair.mentee, mpath + "/video"), 409)


def test_circle_sessions_and_flash_bookings_have_rooms_for_their_people(clock_lab):
    configure(clock_lab, provider="jitsi", jitsi_url=JITSI)
    host, member, session, spath = video_circle_session(clock_lab, "Presenting data")
    link = session["video_url"]
    assert link.startswith(JITSI + "/") and ROOM.match(link.rsplit("/", 1)[1])
    assert json_of(member.get(spath), 200)["video_url"] == link
    assert str(event_of(member.get(spath + "/calendar.ics"))["URL"]) == link
    assert join(member, spath + "/video").headers["Location"] == link
    assert_error(join(clock_lab.person(), spath + "/video"), 403)

    mentor, mentee, booking = flash_booking(clock_lab)
    bpath = f"/api/v1/flash/bookings/{booking['id']}"
    blink = booking["video_url"]
    assert blink.startswith(JITSI + "/") and blink != link
    assert json_of(mentor.get(bpath), 200)["video_url"] == blink
    event = event_of(mentee.get(bpath + "/calendar.ics"))
    assert str(event["LOCATION"]) == blink and str(event["URL"]) == blink
    assert join(mentor, bpath + "/video").headers["Location"] == blink
    assert_error(join(clock_lab.person(), bpath + "/video"), 403)
    json_of(mentee.post(bpath + "/cancel", json={"reason": "Clash"}), 200)
    assert json_of(mentor.get(bpath), 200)["video_url"] is None
    assert_error(join(mentee, bpath + "/video"), 409)


# ---------------------------------------------------------------------------------------------
# BigBlueButton


def test_joining_creates_the_room_and_sends_each_person_with_a_signed_join(clock_lab, bbb):
    configure(clock_lab, provider="bigbluebutton", bbb_url=bbb.api + "/", bbb_secret=SECRET)
    pair = active_pair(clock_lab)
    meeting = pair.schedule(starts_at=clock_lab.later(days=3), medium="video", where="")
    mpath = pair.path(f"/meetings/{meeting['id']}")
    # The page's link is Mentorhub's join route; the signed address is made per person.
    assert json_of(pair.mentee.get(mpath), 200)["video_url"] == mpath + "/video"
    assert str(event_of(pair.mentee.get(mpath + "/calendar.ics"))["URL"]).endswith(mpath + "/video")

    r = join(pair.mentor, mpath + "/video")
    assert r.status_code == 303, r.text
    location = r.headers["Location"]
    assert location.startswith(bbb.api + "/join?")
    [(call, created, ok)] = bbb.calls
    assert (call, ok) == ("create", True)
    assert ROOM.match(created["meetingID"])
    assert pair.mentee.name in created["name"] and pair.mentor.name in created["name"]
    assert SECRET not in location
    assert bbb.follow(location).text == f"joined {pair.mentor.name} as MODERATOR"

    r = join(pair.mentee, mpath + "/video")
    assert r.status_code == 303
    assert bbb.follow(r.headers["Location"]).text == f"joined {pair.mentee.name} as VIEWER"
    assert all(ok for _, _, ok in bbb.calls)
    assert [c for c, _, _ in bbb.calls] == ["create", "join", "create", "join"]
    assert len({p["meetingID"] for _, p, _ in bbb.calls}) == 1  # one room, created idempotently

    # Outsiders reach neither the route nor the server.
    calls = len(bbb.calls)
    assert_error(join(clock_lab.admin, mpath + "/video"), 403)
    assert_error(join(clock_lab.person(), mpath + "/video"), 403)
    assert len(bbb.calls) == calls


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_a_signed_out_browser_following_a_join_link_signs_in_and_comes_back(clock_lab, bbb):
    """The link in a mail or a calendar entry, opened in a browser without a session: the sign-in
    page with the link to return to, and after signing in the same link opens the room. A script
    without a session gets the 401 as before, and nothing reaches the video server."""
    configure(clock_lab, provider="bigbluebutton", bbb_url=bbb.api, bbb_secret=SECRET)
    pair = active_pair(clock_lab)
    meeting = pair.schedule(starts_at=clock_lab.later(days=2), medium="video", where="")
    link = pair.path(f"/meetings/{meeting['id']}/video")

    signed_out = clock_lab.anonymous()
    r = signed_out.get(link, headers=BROWSER, allow_redirects=False)
    assert r.status_code == 303, r.text
    assert r.headers["Cache-Control"] == "no-store"
    to = urllib.parse.urlsplit(r.headers["Location"])
    assert (to.scheme, to.netloc, to.path) == ("", "", "/sign-in")
    assert urllib.parse.parse_qs(to.query) == {"return_to": [link]}
    # The sign-in page is the web app's (the server answers its index for the path).
    assert signed_out.get("/sign-in", headers=BROWSER).status_code == 200

    assert_error(signed_out.get(link, allow_redirects=False), 401)
    assert_error(signed_out.get(link, headers={"Accept": "application/json"}, allow_redirects=False), 401)
    # Only links (GET) go to the sign-in page; a write without a session is refused as before.
    assert_error(signed_out.post("/api/v1/relationships", headers=BROWSER, json={}, allow_redirects=False), 401)
    assert bbb.calls == []

    # Signed in on that browser, the same link opens the room for the person.
    signed_out.login(pair.mentee.email, pair.mentee.password)
    r = signed_out.get(urllib.parse.parse_qs(to.query)["return_to"][0], headers=BROWSER, allow_redirects=False)
    assert r.status_code == 303, r.text
    assert bbb.follow(r.headers["Location"]).text == f"joined {pair.mentee.name} as VIEWER"


def test_a_query_survives_the_trip_through_sign_in(clock_lab):
    """Any link a signed-out browser follows comes back with its query, encoded anew."""
    r = clock_lab.anonymous().get("/api/v1/people?q=Ana Lima&limit=5", headers=BROWSER, allow_redirects=False)
    assert r.status_code == 303, r.text
    to = urllib.parse.urlsplit(r.headers["Location"])
    [back] = urllib.parse.parse_qs(to.query)["return_to"]
    path, _, query = back.partition("?")
    assert path == "/api/v1/people"
    assert urllib.parse.parse_qs(query) == {"q": ["Ana Lima"], "limit": ["5"]}


def test_sha256_checksums_when_the_server_wants_them(clock_lab, bbb):
    bbb.algorithm = "sha256"
    configure(clock_lab, provider="bigbluebutton", bbb_url=bbb.api, bbb_secret=SECRET, bbb_checksum="sha256")
    host, member, _, spath = video_circle_session(clock_lab, "Negotiating")
    r = join(member, spath + "/video")
    assert r.status_code == 303, r.text
    assert bbb.follow(r.headers["Location"]).text == f"joined {member.name} as VIEWER"
    assert bbb.follow(join(host, spath + "/video").headers["Location"]).text == f"joined {host.name} as MODERATOR"
    assert all(ok for _, _, ok in bbb.calls) and len(bbb.calls) == 4


def test_a_server_that_refuses_or_is_down_gives_503_and_no_redirect(clock_lab, clock_server, bbb):
    configure(clock_lab, provider="bigbluebutton", bbb_url=bbb.api, bbb_secret=SECRET)
    mentor, mentee, booking = flash_booking(clock_lab, title="Budgets", question="Where do I start?")
    path = f"/api/v1/flash/bookings/{booking['id']}/video"
    bbb.refuse_create = True
    err = assert_error(join(mentee, path), 503)
    assert "maxMeetingsReached" in err["message"]
    bbb.refuse_create = False
    # A wrong secret is refused by the server's checksum check.
    configure(clock_lab, provider="bigbluebutton", bbb_url=bbb.api, bbb_secret="not-the-servers-secret")
    err = assert_error(join(mentee, path), 503)
    assert "checksumError" in err["message"] and "not-the-servers-secret" not in err["message"]
    configure(clock_lab, provider="bigbluebutton", bbb_url=bbb.api, bbb_secret=SECRET)
    assert join(mentor, path).status_code == 303
    bbb.stop()
    err = assert_error(join(mentee, path), 503)
    assert "127.0.0.1" in err["message"]
    configure(clock_lab, provider="none")
    log = clock_server.logged()
    assert SECRET not in log and "not-the-servers-secret" not in log


# ---------------------------------------------------------------------------------------------
# The command line


def test_the_command_line_sets_the_service_and_never_prints_the_secret(binary, new_database, tmp_path):
    from conftest import run_cli
    db = new_database()
    r = run_cli(binary, db, "video", "configure", "--provider", "jitsi", "--url", JITSI)
    assert r.stdout.strip() == f"video rooms: Jitsi at {JITSI}"
    secret_file = tmp_path / "bbb-secret"
    secret_file.write_text(SECRET + "\n")
    r = run_cli(binary, db, "video", "configure", "--provider", "bigbluebutton", "--url",
                "https://bbb.example.org/bigbluebutton/api", "--secret-file", str(secret_file), "--checksum", "sha256")
    assert "BigBlueButton at https://bbb.example.org/bigbluebutton/api (secret set, checksums sha256)" in r.stdout
    shown = run_cli(binary, db, "video", "show")
    assert SECRET not in shown.stdout + shown.stderr + r.stdout + r.stderr
    assert "secret set" in shown.stdout
    bad = run_cli(binary, db, "video", "configure", "--provider", "jitsi", "--url", "http://meet.example.org", check=False)
    assert bad.returncode == 1 and bad.stderr.strip().startswith("mentorhub: jitsi_url must be an https:// address")
    missing = run_cli(binary, db, "video", "configure", "--provider", "bigbluebutton", "--url",
                      "https://other.example.org/bigbluebutton/api", check=False)
    assert missing.returncode == 1 and "bbb_secret" in missing.stderr
    assert "BigBlueButton" in run_cli(binary, db, "video", "show").stdout  # the refusals changed nothing
    assert run_cli(binary, db, "video", "configure", "--provider", "none").stdout.startswith("video rooms: none")
