"""Shared by the relationship-lifecycle API tests (test_lifecycle*.py).

A `Lab` wraps one running server: it signs in the demo administrator, makes fresh people
through the admin API (like conftest's make_person, so every test has its own mentee, mentor
and manager and tests never interfere), knows the server's time, and on a server started with
`--test-clock` moves that time (which also runs the lifecycle checks). An `Actor` is a person
with a signed-in session; it signs in again by itself once the fake clock has moved past the
7-day session life. `Pair` and the short-cuts below walk a relationship to a given state the
way a scripted client would, asserting every step."""
import datetime as dt
import itertools
import threading
import uuid

import pytest
import requests

from conftest import ADMIN, DEMO_PASSWORD, Client, Server, Verbs, error_of, unique_email

CLOCK_START = "2026-12-01T09:00:00Z"
PASSWORD = "a long password 1"
SESSION_LIFE = dt.timedelta(days=7)

LIVE_STATES = {"accepted", "starting", "active", "fading", "concluding"}

_names = itertools.count(1)


def assert_error(r, status, field=None, words=()):
    """The JSON error of `r`, asserting its status, the field it names and words of its message."""
    assert r.status_code == status, r.text
    err = error_of(r)
    if field is not None:
        assert err["field"] == field, err
    for w in words:
        assert w in err["message"], err
    return err


def run_together(*calls):
    """Runs the calls at the same moment on separate threads; returns their responses in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as e:  # pragma: no cover - reported below
            results[i] = e

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for r in results:
        assert not isinstance(r, Exception), r
    return results


def parse_time(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def iso(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%d")


def json_of(response, status):
    """The JSON body of a response that must have `status`."""
    assert response.status_code == status, f"{response.request.method} {response.request.url}: " \
                                           f"{response.status_code} {response.text}"
    return response.json() if response.content else None


class Actor(Verbs):
    """A person and a signed-in session on the lab's server."""

    def __init__(self, lab, person, email, password):
        self.lab = lab
        self.person = person
        self.id = person["id"]
        self.name = person["name"]
        self.email = email
        self.password = password
        self.client = None
        self.signed_in_at = None
        self.sign_in()

    def sign_in(self):
        self.client = Client(self.lab.url).login(self.email, self.password)
        self.signed_in_at = self.lab.now
        return self

    def session(self):
        """A new, separate session of the same person (for concurrent requests)."""
        return Client(self.lab.url).login(self.email, self.password)

    def _client(self):
        if self.lab.now - self.signed_in_at >= SESSION_LIFE - dt.timedelta(hours=1):
            self.sign_in()
        return self.client

    def request(self, method, path, **kw):
        return self._client().request(method, path, **kw)

    def notifications(self, relationship_id=None, kind=None):
        items = json_of(self.get("/api/v1/me/notifications?limit=100"), 200)["items"]
        return [n for n in items
                if (relationship_id is None or n["relationship_id"] == relationship_id)
                and (kind is None or n["kind"] == kind)]

    def __repr__(self):
        return f"Actor({self.name}, {self.id})"


class Lab:
    """One server, its administrator and its time."""

    def __init__(self, server, fake_clock=False):
        self.server = server
        self.url = server.url
        self.fake_clock = fake_clock
        self._now = parse_time(CLOCK_START) if fake_clock else None
        if fake_clock:
            self.advance(seconds=0)  # learn the server's time (earlier modules may have moved it)
        self.admin = Actor(self, {"id": None, "name": "Administrator"}, ADMIN, DEMO_PASSWORD)
        self.admin.id = self.admin.client.person["id"]

    @property
    def now(self):
        if self.fake_clock:
            return self._now
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    def advance(self, days=0, seconds=0, hours=0):
        """Moves the fake clock and runs the lifecycle checks; returns the tick's report."""
        assert self.fake_clock, "this server runs on the real clock"
        r = requests.post(self.url + "/api/v1/test/clock",
                          json={"advance_days": days, "advance_seconds": seconds + hours * 3600}, timeout=30)
        report = json_of(r, 200)
        self._now = parse_time(report["now"])
        return report

    def later(self, days=0, hours=0, minutes=0):
        return self.now + dt.timedelta(days=days, hours=hours, minutes=minutes)

    def person(self, name=None, **fields):
        """A fresh person made by the administrator, signed in."""
        email = unique_email("lifecycle")
        body = {"email": email, "name": name or f"Lifecycle Person {next(_names)}", "password": PASSWORD}
        body.update(fields)
        created = json_of(self.admin.post("/api/v1/people", json=body), 201)
        return Actor(self, created, email, PASSWORD)

    def mentor(self, capacity=3, **fields):
        return self.person(mentor_capacity=capacity, **fields)

    def mentee(self, manager=None, **fields):
        if manager is not None:
            fields["manager_id"] = manager.id
        return self.person(**fields)

    def anonymous(self):
        return Client(self.url)


def start_clock_server(binary, new_demo_database):
    """A fresh demo database and a server on a fake clock starting at CLOCK_START."""
    db = new_demo_database()
    return Server(binary, db, extra=["--test-clock", CLOCK_START])


@pytest.fixture(scope="module")
def clock_server(binary, new_demo_database):
    with start_clock_server(binary, new_demo_database) as s:
        yield s


@pytest.fixture(scope="module")
def clock_lab(clock_server):
    return Lab(clock_server, fake_clock=True)


@pytest.fixture(scope="module")
def lab(clock_lab):
    """The module's lab (on its fake-clock server)."""
    return clock_lab


# ---------------------------------------------------------------------------------------------
# Content and short-cuts


def objectives(tag="", n=2):
    samples = [
        {"category": "networking", "description": f"Meet five people in product management{tag}",
         "success_measure": f"Five coffee chats held and written up{tag}"},
        {"category": "skill_gaps", "description": f"Close the gap in roadmap prioritisation{tag}",
         "success_measure": f"Own the next quarter's roadmap review{tag}"},
        {"category": "career_options", "description": f"Decide between product and engineering management{tag}",
         "success_measure": f"A written decision with reasons{tag}"},
    ]
    return samples[:n]


def debrief_body(objective_ids, outcome="achieved", **extra):
    body = {"outcomes": [{"objective_id": oid, "outcome": outcome} for oid in objective_ids],
            "achieved": "We met the people and wrote the plan.",
            "still_to_do": "Shadow a roadmap review.",
            "do_differently": "Agree the review date at the start.",
            "rating": 4}
    body.update(extra)
    return body


def unique_word():
    """A word of letters no other text holds, so a directory search for it finds only what a
    test made."""
    return "zq" + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))


def learner_of(lab, word):
    """A new person who wants to learn `word` (and knows it a little): recommendations on it are for them."""
    return lab.person(skills=[{"name": word, "level": 1}], aspirations={"skills": [word]})


class Resource:
    """One thing the API serves at `collection`/id (a relationship, a circle, a flash topic): the
    answer that created it, and its people by role; the one named by `reads_as` reads it unless a
    call names someone else."""

    collection = ""
    reads_as = ""

    def __init__(self, lab, created, **people):
        self.lab = lab
        self.id = created["id"]
        self.created = created
        for role, actor in people.items():
            setattr(self, role, actor)

    def path(self, suffix=""):
        return f"{self.collection}/{self.id}{suffix}"

    def read(self, suffix="", by=None):
        return json_of((by or getattr(self, self.reads_as)).get(self.path(suffix)), 200)


class Pair(Resource):
    """A mentee, a mentor and their relationship."""

    collection = "/api/v1/relationships"
    reads_as = "mentee"

    def workspace(self, by=None):
        return self.read(by=by)

    def state(self):
        return self.workspace()["state"]

    def objective_ids(self):
        return [o["id"] for o in self.workspace()["purpose"]["objectives"]]

    def events(self, by=None):
        return self.read("/events", by)["items"]

    def accept(self):
        return json_of(self.mentor.post(self.path("/accept")), 200)

    def draft(self, by=None, objective_list=None, outcome="A clear next step in my career."):
        body = {"objectives": objective_list if objective_list is not None else objectives(),
                "desired_outcome": outcome}
        return json_of((by or self.mentee).put(self.path("/purpose"), json=body), 200)

    def agree(self, by, version):
        return json_of(by.post(self.path("/purpose/agree"), json={"version": version}), 200)

    def agree_both(self):
        version = self.workspace()["purpose"]["version"]
        self.agree(self.mentee, version)
        return self.agree(self.mentor, version)

    def add_task(self, by=None, **fields):
        body = {"title": "Book an informational interview", "type": "informational_interview", "owner": "mentee"}
        body.update(fields)
        ws = json_of((by or self.mentee).post(self.path("/tasks"), json=body), 201)
        return ws["tasks"][-1]

    def schedule(self, by=None, starts_at=None, **fields):
        body = {"starts_at": iso(starts_at or self.lab.later(days=2)), "duration_minutes": 45}
        body.update(fields)
        return json_of((by or self.mentor).post(self.path("/meetings"), json=body), 201)

    def conclude(self, by=None):
        return json_of((by or self.mentee).post(self.path("/conclude")), 200)

    def debrief(self, by, **extra):
        return json_of(by.put(self.path("/debrief"), json=debrief_body(self.objective_ids(), **extra)), 200)


def requested_pair(lab, mentee=None, mentor=None, **body):
    mentee = mentee or lab.mentee()
    mentor = mentor or lab.mentor()
    payload = {"mentor_id": mentor.id, "message": "I would like to grow into product management.",
               "draft_purpose": "Explore a move into product."}
    payload.update(body)
    created = json_of(mentee.post("/api/v1/relationships", json=payload), 201)
    return Pair(lab, created, mentee=mentee, mentor=mentor)


def starting_pair(lab, **kw):
    pair = requested_pair(lab, **kw)
    pair.accept()
    return pair


def active_pair(lab, objective_list=None, **kw):
    pair = starting_pair(lab, **kw)
    pair.draft(objective_list=objective_list)
    ws = pair.agree_both()
    assert ws["state"] == "active", ws
    return pair


def concluding_pair(lab, **kw):
    pair = active_pair(lab, **kw)
    pair.conclude()
    return pair


def concluded_pair(lab, **kw):
    pair = concluding_pair(lab, **kw)
    pair.debrief(pair.mentee)
    summary = pair.debrief(pair.mentor)
    assert summary["state"] == "concluded", summary
    return pair


def pair_with_meeting_content(lab, mark, shared_notes=None, private_notes=(), mentee=None, task=True):
    """An active pair whose objective, task and story carry `mark`, with a meeting held an hour
    ago: on it `shared_notes` ("mentee" or "mentor", the text) and `private_notes` (the mentee's
    text, the mentor's). Answers the pair and the meeting."""
    pair = active_pair(lab, mentee=mentee, objective_list=[{"category": "networking", "description": mark + "objective",
                                                            "success_measure": mark + "measure"}])
    if task:
        pair.add_task(title=mark + "task")
    meeting = pair.schedule(starts_at=lab.later(hours=1))
    lab.advance(hours=2)
    mpath = pair.path(f"/meetings/{meeting['id']}")
    if shared_notes:
        by, text = shared_notes
        json_of(getattr(pair, by).patch(mpath, json={"shared_notes": text}), 200)
    for by, text in zip((pair.mentee, pair.mentor), private_notes):
        json_of(by.put(mpath + "/private-note", json={"text": text}), 200)
    json_of(pair.mentor.post(mpath + "/stories", json={"story": mark + "story", "point": mark + "point"}), 201)
    return pair, meeting


def flash_booking(lab, title="Pivot tables", question="How do I group dates by month?"):
    """A flash mentor's topic of `title` with one slot in 30 hours, which a new person books with
    `question`. Answers the mentor, the mentee and the booking."""
    mentor = lab.person(formats_offered=["one_to_one", "flash"], mentor_capacity=2)
    topic = json_of(mentor.post("/api/v1/flash/topics", json={
        "title": title, "slots": [{"start": iso(lab.later(hours=30)), "duration_minutes": 30}]}), 201)
    mentee = lab.person()
    booking = json_of(mentee.post(f"/api/v1/flash/slots/{topic['slots'][0]['id']}/book",
                                  json={"question": question}), 201)
    return mentor, mentee, booking
