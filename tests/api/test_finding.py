"""Finding a mentor: explained recommendations that mirror the article (an external expert for a
seasoned mentee, reverse mentoring in a cutting-edge skill, a former manager, never the current
manager, a manager's recommendation), the directory search and its filters, and the program
settings that weigh the factors.

Every test makes its own people with skills nobody else has ("skill-<uuid>"), so the demo
organisation never decides an outcome. The program settings are global to a server, so their
tests run on a second server of their own (a fresh demo database) and restore what they change."""
import datetime as dt
import uuid

import pytest
import requests

from conftest import ADMIN, Client, Server, error_of, unique_email

PASSWORD = "a long password 1"
YEAR = dt.datetime.now(dt.timezone.utc).year


def unique(prefix="skill"):
    # Letters only: PostgreSQL's text parser reads a word such as "12e4ab" as a number
    # followed by a word, which would make a random id an unfair search term.
    return f"{prefix}-{uuid.uuid4().hex[:12].translate(str.maketrans('0123456789', 'ghijklmnop'))}"


def mentor_fields(**fields):
    """A mentor offering one-to-one mentoring with free places, in UTC, by video."""
    body = {"mentor_capacity": 2, "formats_offered": ["one_to_one"], "media": ["video"], "timezone": "UTC",
            "career_start_year": YEAR - 20, "department": "Operations", "title": "Specialist"}
    body.update(fields)
    return body


def ids_of(items):
    return [item["mentor"]["id"] if "mentor" in item else item["id"] for item in items]


def entry(items, person_id):
    """The recommendation (or directory entry) for one person; fails when absent."""
    found = [i for i in items if (i["mentor"]["id"] if "mentor" in i else i["id"]) == person_id]
    assert found, f"{person_id} not among {ids_of(items)}"
    return found[0]


def factor(recommendation, name):
    found = [f for f in recommendation["factors"] if f["name"] == name]
    return found[0] if found else None


def recommendations(client, **params):
    params.setdefault("limit", 100)
    r = client.get("/api/v1/me/recommendations", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def directory(client, **params):
    r = client.get("/api/v1/directory", params=params)
    assert r.status_code == 200, r.text
    return r.json()


# ---------------------------------------------------------------------------------------------
# Recommendations: the article's scenarios


def test_a_seasoned_mentee_sees_an_external_expert_above_an_equally_skilled_colleague(make_person):
    skill, department = unique(), unique("dept")
    colleague, _ = make_person(name="Colleague Expert", **mentor_fields(
        department=department, skills=[{"name": skill, "level": 5}], career_start_year=YEAR - 28))
    outsider, _ = make_person(name="Outside Expert", **mentor_fields(
        department="", is_external=True, organisation="Contoso Consulting",
        skills=[{"name": skill, "level": 5}], career_start_year=YEAR - 28))
    _, mentee = make_person(name="Seasoned Mentee", department=department, career_start_year=YEAR - 20,
                            media=["video"], aspirations={"skills": [skill]})

    body = recommendations(mentee)
    assert body["seasoned"] is True
    assert body["wanted_skills"] == [skill]
    order = ids_of(body["items"])
    assert order.index(outsider["id"]) < order.index(colleague["id"])
    expert = entry(body["items"], outsider["id"])
    outside = factor(expert, "outside_perspective")
    assert outside is not None and outside["points"] == 12
    assert "outside the organisation" in outside["reason"] and "Contoso Consulting" in outside["reason"]
    assert "outside_perspective" in expert["labels"]
    assert expert["mentor"]["is_external"] is True and expert["mentor"]["organisation"] == "Contoso Consulting"
    same = entry(body["items"], colleague["id"])
    assert factor(same, "outside_perspective") is None
    assert expert["score"] - same["score"] == pytest.approx(12, abs=0.11)


def test_a_mentee_early_in_their_career_sees_no_outside_perspective_bonus(make_person):
    skill = unique()
    colleague, _ = make_person(**mentor_fields(skills=[{"name": skill, "level": 5}]))
    outsider, _ = make_person(**mentor_fields(department="", is_external=True, organisation="Contoso",
                                              skills=[{"name": skill, "level": 5}]))
    _, mentee = make_person(department="Operations", career_start_year=YEAR - 5, media=["video"])
    body = recommendations(mentee, skills=skill)
    assert body["seasoned"] is False
    assert factor(entry(body["items"], outsider["id"]), "outside_perspective") is None
    assert entry(body["items"], outsider["id"])["score"] == entry(body["items"], colleague["id"])["score"]


def test_a_junior_mentee_wanting_generative_ai_gets_a_reverse_mentoring_match(make_person):
    marker = unique()
    young, _ = make_person(name="Young Expert", **mentor_fields(
        career_start_year=YEAR - 1, skills=[{"name": "generative AI", "level": 5}, {"name": marker, "level": 5}]))
    peer, _ = make_person(name="Young Beginner", **mentor_fields(
        career_start_year=YEAR - 1, skills=[{"name": "generative AI", "level": 3}, {"name": marker, "level": 5}]))
    _, mentee = make_person(name="Junior Mentee", career_start_year=YEAR - 3, media=["video"])

    body = recommendations(mentee, skills=f"generative AI,{marker}")
    assert body["wanted_skills"] == sorted(["generative ai", marker])
    match = entry(body["items"], young["id"])
    assert "reverse_mentoring" in match["labels"]
    reverse = factor(match, "reverse_mentoring")
    assert reverse["points"] == 15
    assert "Reverse mentoring" in reverse["reason"] and "generative AI" in reverse["reason"]
    assert match["mentor"]["years_of_experience"] < 3
    beginner = entry(body["items"], peer["id"])
    assert "reverse_mentoring" not in beginner["labels"]
    order = ids_of(body["items"])
    assert order.index(young["id"]) < order.index(peer["id"])


def test_reverse_mentoring_is_only_for_a_less_experienced_mentor(make_person):
    marker = unique()
    senior, _ = make_person(**mentor_fields(career_start_year=YEAR - 10,
                                            skills=[{"name": "generative AI", "level": 5}, {"name": marker, "level": 5}]))
    _, mentee = make_person(career_start_year=YEAR - 3)
    body = recommendations(mentee, skills=f"generative AI,{marker}")
    assert "reverse_mentoring" not in entry(body["items"], senior["id"])["labels"]


def test_a_former_manager_is_labelled_as_knowing_where_you_started(make_person):
    skill = unique()
    former, _ = make_person(name="First Manager", **mentor_fields(skills=[{"name": skill, "level": 3}]))
    other, _ = make_person(**mentor_fields(skills=[{"name": skill, "level": 3}]))
    _, mentee = make_person(career_start_year=YEAR - 6, former_manager_ids=[former["id"]])
    body = recommendations(mentee, skills=skill)
    match = entry(body["items"], former["id"])
    assert "former_manager" in match["labels"]
    assert "they know where you started" in factor(match, "former_manager")["reason"]
    assert factor(match, "former_manager")["points"] == 12
    assert "former_manager" not in entry(body["items"], other["id"])["labels"]
    order = ids_of(body["items"])
    assert order.index(former["id"]) < order.index(other["id"])


def test_the_current_manager_never_appears_and_is_listed_as_excluded_with_the_reason(make_person):
    skill = unique()
    manager, _ = make_person(name="Current Manager", **mentor_fields(skills=[{"name": skill, "level": 5}]))
    _, mentee = make_person(manager_id=manager["id"], career_start_year=YEAR - 4)
    for limit in (1, 10, 100):
        body = recommendations(mentee, skills=skill, limit=limit)
        assert manager["id"] not in ids_of(body["items"])
        excluded = entry(body["excluded"], manager["id"])
        assert excluded["excluded_because"] == "current_manager"
        assert "not your manager" in excluded["reason"]
        assert excluded["mentor"]["name"] == "Current Manager"
    assert mentee.person["id"] not in ids_of(body["items"]) + ids_of(body["excluded"])


def test_the_current_manager_is_excluded_even_with_a_low_score(make_person):
    manager, _ = make_person(**mentor_fields(timezone="Pacific/Kiritimati", media=["phone"]))
    _, mentee = make_person(manager_id=manager["id"], career_start_year=YEAR - 30, media=["chat"])
    body = recommendations(mentee, limit=1)
    assert manager["id"] not in ids_of(body["items"])
    assert entry(body["excluded"], manager["id"])["excluded_because"] == "current_manager"


def test_oneself_never_appears_even_as_a_mentor_with_the_wanted_skill(make_person):
    skill = unique()
    me, client = make_person(**mentor_fields(skills=[{"name": skill, "level": 5}]))
    body = recommendations(client, skills=skill)
    assert me["id"] not in ids_of(body["items"]) + ids_of(body["excluded"])


def test_a_mentor_with_a_waiting_request_is_excluded_as_already_paired(make_person):
    skill = unique()
    wanted, _ = make_person(**mentor_fields(skills=[{"name": skill, "level": 5}]))
    _, mentee = make_person(career_start_year=YEAR - 4)
    r = mentee.post("/api/v1/relationships", json={"mentor_id": wanted["id"], "message": "Hello"})
    assert r.status_code == 201, r.text
    body = recommendations(mentee, skills=skill)
    assert wanted["id"] not in ids_of(body["items"])
    assert entry(body["excluded"], wanted["id"])["excluded_because"] == "already_paired"


def test_a_mentor_whose_places_are_taken_is_excluded_for_having_no_capacity(make_person):
    skill = unique()
    full, full_client = make_person(**mentor_fields(mentor_capacity=1, skills=[{"name": skill, "level": 5}]))
    _, first = make_person()
    created = first.post("/api/v1/relationships", json={"mentor_id": full["id"], "message": "I hope to learn from your experience."})
    assert created.status_code == 201, created.text
    r = full_client.post(f"/api/v1/relationships/{created.json()['id']}/accept")
    assert r.status_code == 200, r.text
    _, mentee = make_person(career_start_year=YEAR - 4)
    body = recommendations(mentee, skills=skill)
    assert full["id"] not in ids_of(body["items"])
    excluded = entry(body["excluded"], full["id"])
    assert excluded["excluded_because"] == "no_capacity" and excluded["mentor"]["free_places"] == 0


def test_every_recommendation_explains_its_score_with_factors(make_person):
    skill = unique()
    m, _ = make_person(**mentor_fields(skills=[{"name": skill, "level": 4}]))
    _, mentee = make_person(career_start_year=YEAR - 5, media=["video"])
    body = recommendations(mentee, skills=skill)
    rec = entry(body["items"], m["id"])
    assert set(rec) == {"mentor", "score", "factors", "labels"}
    assert rec["score"] == pytest.approx(sum(f["points"] for f in rec["factors"]), abs=0.05 * len(rec["factors"]))
    names = {f["name"] for f in rec["factors"]}
    assert {"skill_match", "experience_gap", "timezone_overlap", "shared_medium", "free_capacity"} <= names
    assert all(f["reason"] for f in rec["factors"])
    assert f"{skill} at level 4" in factor(rec, "skill_match")["reason"]
    assert rec["mentor"]["free_places"] == 2
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_the_ranking_is_stable_and_ties_are_broken_by_id(make_person):
    skill = unique()
    twins = [make_person(**mentor_fields(skills=[{"name": skill, "level": 5}]))[0]["id"] for _ in range(3)]
    _, mentee = make_person(career_start_year=YEAR - 5)
    first = recommendations(mentee, skills=skill)
    order = [i for i in ids_of(first["items"]) if i in twins]
    assert order == sorted(twins, key=int)
    assert ids_of(recommendations(mentee, skills=skill)["items"]) == ids_of(first["items"])


def test_the_limit_caps_the_recommendations(make_person):
    _, mentee = make_person(career_start_year=YEAR - 5)
    assert len(recommendations(mentee, limit=3)["items"]) == 3
    assert len(recommendations(mentee, limit=1)["items"]) == 1
    r = mentee.get("/api/v1/me/recommendations")
    assert r.status_code == 200 and len(r.json()["items"]) == 10


def test_a_purpose_is_echoed_and_an_unknown_one_is_422(make_person):
    _, mentee = make_person()
    assert recommendations(mentee, purpose="networking")["purpose"] == "networking"
    assert recommendations(mentee)["purpose"] is None
    r = mentee.get("/api/v1/me/recommendations", params={"purpose": "fame"})
    assert r.status_code == 422 and error_of(r)["field"] == "purpose"


def test_a_skill_coaching_purpose_weighs_the_wanted_skill_more(make_person):
    skill = unique()
    m, _ = make_person(**mentor_fields(skills=[{"name": skill, "level": 5}]))
    _, mentee = make_person(career_start_year=YEAR - 5)
    plain = factor(entry(recommendations(mentee, skills=skill)["items"], m["id"]), "skill_match")
    coaching = factor(entry(recommendations(mentee, skills=skill, purpose="skill_coaching")["items"], m["id"]),
                      "skill_match")
    assert plain["points"] == 30 and coaching["points"] == 45


def test_an_unknown_skill_is_422_suggesting_the_nearest_known_one(make_person):
    skill = unique()
    make_person(**mentor_fields(skills=[{"name": skill, "level": 5}]))
    _, mentee = make_person()
    typo = skill[:-1] + ("x" if skill[-1] != "x" else "y")
    r = mentee.get("/api/v1/me/recommendations", params={"skills": typo})
    assert r.status_code == 422
    err = error_of(r)
    assert err["code"] == "invalid" and err["field"] == "skills"
    assert "did you mean" in err["message"] and skill in err["message"]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1.5"])
def test_a_limit_outside_1_to_100_is_422(make_person, limit):
    _, mentee = make_person()
    r = mentee.get("/api/v1/me/recommendations", params={"limit": limit})
    assert r.status_code == 422 and error_of(r)["field"] == "limit"


def test_recommendations_need_a_session(client):
    r = client.get("/api/v1/me/recommendations")
    assert r.status_code == 401 and error_of(r)["code"] == "unauthenticated"


# ---------------------------------------------------------------------------------------------
# A manager's recommendation


def test_a_managers_recommendation_is_labelled_with_the_note_and_notifies_the_report(make_person):
    skill = unique()
    manager, manager_client = make_person(name="Dana Manager")
    suggested, _ = make_person(name="Suggested Mentor", **mentor_fields(skills=[{"name": skill, "level": 3}]))
    other, _ = make_person(**mentor_fields(skills=[{"name": skill, "level": 3}]))
    report, report_client = make_person(name="Report Person", manager_id=manager["id"], career_start_year=YEAR - 4)
    note = "She moved from sales to product; ask her about the first year."

    r = manager_client.post(f"/api/v1/people/{report['id']}/mentor-recommendations",
                            json={"mentor_id": suggested["id"], "note": note})
    assert r.status_code == 201, r.text
    sent = r.json()
    # The manager gets back what they sent and nothing about what follows.
    assert set(sent) == {"id", "report_id", "mentor_id", "note", "created_at"}
    assert sent["report_id"] == report["id"] and sent["mentor_id"] == suggested["id"] and sent["note"] == note

    body = recommendations(report_client, skills=skill)
    rec = entry(body["items"], suggested["id"])
    assert "manager_recommendation" in rec["labels"]
    reason = factor(rec, "manager_recommendation")["reason"]
    assert "Dana Manager" in reason and note in reason
    assert factor(rec, "manager_recommendation")["points"] == 20
    assert "manager_recommendation" not in entry(body["items"], other["id"])["labels"]
    order = ids_of(body["items"])
    assert order.index(suggested["id"]) < order.index(other["id"])

    nudges = report_client.get("/api/v1/me/notifications").json()["items"]
    mine = [n for n in nudges if n["kind"] == "manager_recommendation"]
    assert len(mine) == 1
    assert "Dana Manager" in mine[0]["message"] and "Suggested Mentor" in mine[0]["message"]
    assert mine[0]["relationship_id"] is None and mine[0]["read"] is False
    assert mine[0]["link"] == f"/people/{suggested['id']}"

    listed = report_client.get("/api/v1/me/mentor-recommendations").json()["items"]
    assert len(listed) == 1
    assert listed[0]["manager"] == {"id": manager["id"], "name": "Dana Manager"}
    assert listed[0]["mentor"]["id"] == suggested["id"] and listed[0]["mentor"]["name"] == "Suggested Mentor"
    assert listed[0]["note"] == note

    # The report acts on it; the manager's own views stay silent about it.
    assert report_client.post("/api/v1/relationships", json={"mentor_id": suggested["id"], "message": "I hope to learn from your experience."}).status_code == 201
    assert manager_client.get("/api/v1/me/mentor-recommendations").json()["items"] == []
    assert manager_client.get("/api/v1/me/notifications").json()["items"] == []


def test_recommending_again_replaces_the_note(make_person):
    manager, manager_client = make_person()
    suggested, _ = make_person(**mentor_fields())
    report, report_client = make_person(manager_id=manager["id"])
    path = f"/api/v1/people/{report['id']}/mentor-recommendations"
    assert manager_client.post(path, json={"mentor_id": suggested["id"], "note": "first"}).status_code == 201
    assert manager_client.post(path, json={"mentor_id": suggested["id"], "note": "second"}).status_code == 201
    listed = report_client.get("/api/v1/me/mentor-recommendations").json()["items"]
    assert [i["note"] for i in listed] == ["second"]


def test_a_manager_can_recommend_only_to_their_own_direct_reports(make_person):
    manager, manager_client = make_person()
    other_manager, _ = make_person()
    suggested, _ = make_person(**mentor_fields())
    stranger, stranger_client = make_person(manager_id=other_manager["id"])
    r = manager_client.post(f"/api/v1/people/{stranger['id']}/mentor-recommendations",
                            json={"mentor_id": suggested["id"], "note": "try them"})
    assert r.status_code == 403 and error_of(r)["code"] == "forbidden"
    # Not the report of one's report either, and nothing reached the stranger.
    report, _ = make_person(manager_id=manager["id"])
    grandchild, _ = make_person(manager_id=report["id"])
    r = manager_client.post(f"/api/v1/people/{grandchild['id']}/mentor-recommendations",
                            json={"mentor_id": suggested["id"]})
    assert r.status_code == 403
    assert stranger_client.get("/api/v1/me/mentor-recommendations").json()["items"] == []
    assert [n for n in stranger_client.get("/api/v1/me/notifications").json()["items"]
            if n["kind"] == "manager_recommendation"] == []


def test_a_managers_recommendation_is_validated(make_person):
    manager, manager_client = make_person()
    report, _ = make_person(manager_id=manager["id"])
    mentor, _ = make_person(**mentor_fields())
    path = f"/api/v1/people/{report['id']}/mentor-recommendations"
    cases = [({}, "mentor_id"), ({"mentor_id": "999999999"}, "mentor_id"),
             ({"mentor_id": report["id"]}, "mentor_id"), ({"mentor_id": manager["id"]}, "mentor_id"),
             ({"mentor_id": mentor["id"], "note": 5}, "note"),
             ({"mentor_id": mentor["id"], "note": "x" * 1001}, "note"),
             ({"mentor_id": mentor["id"], "colour": "red"}, "colour")]
    for body, field in cases:
        r = manager_client.post(path, json=body)
        assert r.status_code == 422, (body, r.text)
        assert error_of(r)["field"] == field, body
    assert manager_client.post("/api/v1/people/999999999/mentor-recommendations",
                               json={"mentor_id": mentor["id"]}).status_code == 404


def test_a_managers_recommendation_needs_a_session(client, make_person):
    report, _ = make_person()
    r = client.post(f"/api/v1/people/{report['id']}/mentor-recommendations", json={"mentor_id": "1"})
    assert r.status_code == 401
    assert client.get("/api/v1/me/mentor-recommendations").status_code == 401


# ---------------------------------------------------------------------------------------------
# The directory


def test_a_prefix_finds_a_skill_without_the_whole_word(make_person):
    word = "pivot" + uuid.uuid4().hex[:6].translate(str.maketrans("0123456789", "ghijklmnop"))
    person, _ = make_person(name="Spreadsheet Helper", skills=[{"name": f"{word} tables", "level": 4}])
    _, me = make_person()
    for q in (word[:7], word, f"{word} tables", word.upper()[:8]):
        assert person["id"] in ids_of(directory(me, q=q)["items"]), q
    found = entry(directory(me, q=word[:7])["items"], person["id"])
    assert found["skills"] == [{"name": f"{word} tables", "level": 4}]


def test_pivo_finds_someone_who_builds_pivot_tables(make_person):
    _, me = make_person()
    items = directory(me, q="pivo", limit=100)["items"]
    assert items
    assert any("pivot tables" in [s["name"].lower() for s in i["skills"]] for i in items)


def test_text_search_covers_name_title_and_bio_and_ranks_a_name_above_a_bio(make_person):
    word = "zq" + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    in_bio, _ = make_person(name="Aaron Bio", bio=f"I once worked on {word} for a year.")
    in_name, _ = make_person(name=f"Zed {word.capitalize()}")
    in_title, _ = make_person(name="Mid Title", title=f"{word} lead")
    _, me = make_person()
    order = ids_of(directory(me, q=word)["items"])
    assert set(order) == {in_bio["id"], in_name["id"], in_title["id"]}
    assert order.index(in_name["id"]) < order.index(in_bio["id"])


def test_the_directory_filters_by_skill_and_minimum_level(make_person):
    skill = unique()
    expert, _ = make_person(name="Level Four", skills=[{"name": skill, "level": 4}])
    novice, _ = make_person(name="Level Two", skills=[{"name": skill, "level": 2}])
    _, me = make_person()
    assert set(ids_of(directory(me, skill=skill)["items"])) == {expert["id"], novice["id"]}
    assert ids_of(directory(me, skill=skill.upper(), min_level=3)["items"]) == [expert["id"]]
    assert ids_of(directory(me, skill=skill, min_level=4)["items"]) == [expert["id"]]
    assert directory(me, skill=skill, min_level=5)["items"] == []


def test_the_directory_filters_internal_and_external_people(make_person):
    skill = unique()
    outsider, _ = make_person(is_external=True, organisation="Fabrikam", skills=[{"name": skill, "level": 3}])
    insider, _ = make_person(skills=[{"name": skill, "level": 3}])
    _, me = make_person()
    assert ids_of(directory(me, skill=skill, external="true")["items"]) == [outsider["id"]]
    assert ids_of(directory(me, skill=skill, external="false")["items"]) == [insider["id"]]
    card = entry(directory(me, skill=skill)["items"], outsider["id"])
    assert card["is_external"] is True and card["organisation"] == "Fabrikam"


def test_the_directory_filters_by_department_ignoring_case(make_person):
    department = unique("dept")
    a, _ = make_person(department=department)
    b, _ = make_person(department=department.upper())
    make_person(department=unique("dept"))
    _, me = make_person()
    assert set(ids_of(directory(me, department=department)["items"])) == {a["id"], b["id"]}


def test_the_directory_filters_by_medium(make_person):
    skill = unique()
    phone, _ = make_person(media=["phone", "video"], skills=[{"name": skill, "level": 3}])
    make_person(media=["in_person"], skills=[{"name": skill, "level": 3}])
    _, me = make_person()
    assert ids_of(directory(me, skill=skill, medium="phone")["items"]) == [phone["id"]]
    assert directory(me, skill=skill, medium="chat")["items"] == []


def test_the_directory_filters_by_working_hours_in_common(make_person):
    skill = unique()
    same, _ = make_person(timezone="UTC", skills=[{"name": skill, "level": 3}])
    near, _ = make_person(timezone="Asia/Dubai", skills=[{"name": skill, "level": 3}])  # UTC+4: 4 hours
    far, _ = make_person(timezone="Asia/Tokyo", skills=[{"name": skill, "level": 3}])  # UTC+9: none
    _, me = make_person(timezone="UTC")
    assert set(ids_of(directory(me, skill=skill)["items"])) == {same["id"], near["id"], far["id"]}
    assert set(ids_of(directory(me, skill=skill, tz_overlap=4)["items"])) == {same["id"], near["id"]}
    assert ids_of(directory(me, skill=skill, tz_overlap=5)["items"]) == [same["id"]]
    assert ids_of(directory(me, skill=skill, tz_overlap=8)["items"]) == [same["id"]]


def test_the_directory_filters_by_free_capacity(make_person):
    skill = unique()
    free, _ = make_person(mentor_capacity=2, skills=[{"name": skill, "level": 3}])
    none, _ = make_person(mentor_capacity=0, skills=[{"name": skill, "level": 3}])
    full, full_client = make_person(mentor_capacity=1, formats_offered=["one_to_one"],
                                    skills=[{"name": skill, "level": 3}])
    _, mentee = make_person()
    created = mentee.post("/api/v1/relationships", json={"mentor_id": full["id"], "message": "I hope to learn from your experience."})
    assert created.status_code == 201, created.text
    assert full_client.post(f"/api/v1/relationships/{created.json()['id']}/accept").status_code == 200
    _, me = make_person()
    assert ids_of(directory(me, skill=skill, has_capacity="true")["items"]) == [free["id"]]
    assert set(ids_of(directory(me, skill=skill, has_capacity="false")["items"])) == {none["id"], full["id"]}
    assert entry(directory(me, skill=skill)["items"], full["id"])["free_places"] == 0
    assert entry(directory(me, skill=skill)["items"], free["id"])["free_places"] == 2


def test_the_directory_filters_by_format_offered(make_person):
    skill = unique()
    circle, _ = make_person(formats_offered=["circle", "flash"], skills=[{"name": skill, "level": 3}])
    one, _ = make_person(formats_offered=["one_to_one"], skills=[{"name": skill, "level": 3}])
    _, me = make_person()
    assert ids_of(directory(me, skill=skill, format="circle")["items"]) == [circle["id"]]
    assert ids_of(directory(me, skill=skill, format="flash")["items"]) == [circle["id"]]
    assert ids_of(directory(me, skill=skill, format="one_to_one")["items"]) == [one["id"]]
    assert entry(directory(me, skill=skill)["items"], circle["id"])["formats_offered"] == ["circle", "flash"]


def test_circles_and_flash_topics_found_by_format_name_their_host_as_everywhere_else(client):
    me = client.login("admin@northwind.example")
    hosts = [c["host"] for c in directory(me, format="circle")["circles"]]
    mentors = [t["mentor"] for t in directory(me, format="flash")["flash_topics"]]
    assert hosts and mentors
    for person in hosts + mentors:
        assert set(person) == {"id", "name", "title", "timezone", "active"} and person["timezone"], person
        assert person["active"] is True, person


def test_filters_combine_with_the_text_query(make_person):
    skill = unique()
    word = "zq" + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    a, _ = make_person(bio=f"{word} fan", skills=[{"name": skill, "level": 5}])
    make_person(bio=f"{word} fan", skills=[{"name": skill, "level": 1}])
    make_person(bio="nothing here", skills=[{"name": skill, "level": 5}])
    _, me = make_person()
    assert ids_of(directory(me, q=word, skill=skill, min_level=4)["items"]) == [a["id"]]


def test_directory_pages_have_no_duplicates_and_a_stable_order(make_person):
    skill = unique()
    made = {make_person(name=f"Page {letter}", skills=[{"name": skill, "level": 2}])[0]["id"]
            for letter in "ECADB"}
    make_person(name="Page A", skills=[{"name": skill, "level": 2}])  # a name tie, broken by id
    _, me = make_person()
    first = directory(me, skill=skill)["items"]
    assert [i["name"] for i in first] == ["Page A", "Page A", "Page B", "Page C", "Page D", "Page E"]
    assert int(first[0]["id"]) < int(first[1]["id"])
    seen, cursor, pages = [], None, 0
    while True:
        params = {"skill": skill, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = directory(me, **params)
        assert len(page["items"]) <= 2
        seen += ids_of(page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == ids_of(first) and len(set(seen)) == 6 and made <= set(seen)


def test_directory_entries_leave_out_deactivated_people_and_follow_profile_changes(make_person, admin):
    skill, renamed = unique(), unique()
    person, _ = make_person(skills=[{"name": skill, "level": 3}])
    _, me = make_person()
    assert ids_of(directory(me, skill=skill)["items"]) == [person["id"]]
    r = admin.patch(f"/api/v1/people/{person['id']}", json={"skills": [{"name": renamed, "level": 4}]})
    assert r.status_code == 200, r.text
    assert ids_of(directory(me, skill=renamed, min_level=4)["items"]) == [person["id"]]
    assert ids_of(directory(me, q=renamed)["items"]) == [person["id"]]
    assert admin.post(f"/api/v1/people/{person['id']}/deactivate").status_code == 200
    assert directory(me, q=renamed)["items"] == []
    r = me.get("/api/v1/directory", params={"skill": renamed})
    assert r.status_code == 422  # nobody active holds it any more


def test_text_search_finds_names_outside_ascii_as_written(make_person):
    tag = uuid.uuid4().hex[:6].translate(str.maketrans("0123456789", "ghijklmnop"))
    person, _ = make_person(name=f"Zoë Ångström{tag}", bio="Loves café culture")
    _, me = make_person()
    for q in (f"Zoë Ångström{tag}", f"zoë Ångström{tag.upper()}", f"Ångström{tag}"):
        assert ids_of(directory(me, q=q)["items"]) == [person["id"]], q


def test_text_search_ignores_case_outside_ascii_too(make_person):
    tag = uuid.uuid4().hex[:6].translate(str.maketrans("0123456789", "ghijklmnop"))
    person, _ = make_person(name=f"Zoë Ångström{tag}")
    _, me = make_person()
    for q in ("ZOË", f"ångström{tag}", f"ÅNGSTRÖM{tag}"):
        found = ids_of(directory(me, q=q, limit=100)["items"])
        assert person["id"] in found, q


def test_a_person_added_between_two_pages_neither_repeats_nor_hides_an_entry(make_person):
    skill = unique()
    for letter in "BCDE":
        make_person(name=f"Shift {letter}", skills=[{"name": skill, "level": 2}])
    _, me = make_person()
    first = directory(me, skill=skill, limit=2)
    assert [i["name"] for i in first["items"]] == ["Shift B", "Shift C"]
    make_person(name="Shift A", skills=[{"name": skill, "level": 2}])
    second = directory(me, skill=skill, limit=2, cursor=first["next_cursor"])
    assert [i["name"] for i in second["items"]] == ["Shift D", "Shift E"]


def test_an_empty_directory_cursor_is_the_first_page(make_person):
    skill = unique()
    make_person(skills=[{"name": skill, "level": 2}])
    _, me = make_person()
    r = me.get("/api/v1/directory", params={"skill": skill, "cursor": ""})
    assert r.status_code == 200, r.text
    assert r.json() == directory(me, skill=skill)


def test_a_second_server_on_the_same_database_sees_new_people_and_taken_places(binary, demo_database, server,
                                                                              make_person):
    other = Server(binary, demo_database)
    try:
        watcher = Client(other.url).login(ADMIN)
        skill = unique()
        assert directory(watcher, limit=1)["items"]  # the second server has its snapshot now
        mentor, mentor_client = make_person(**mentor_fields(mentor_capacity=1, skills=[{"name": skill, "level": 5}]))
        assert ids_of(directory(watcher, skill=skill, has_capacity="true")["items"]) == [mentor["id"]]
        _, mentee = make_person()
        created = mentee.post("/api/v1/relationships", json={"mentor_id": mentor["id"], "message": "I hope to learn from your experience."})
        assert created.status_code == 201, created.text
        assert mentor_client.post(f"/api/v1/relationships/{created.json()['id']}/accept").status_code == 200
        assert directory(watcher, skill=skill, has_capacity="true")["items"] == []
        assert entry(directory(watcher, skill=skill)["items"], mentor["id"])["free_places"] == 0
    finally:
        other.stop()


@pytest.mark.parametrize("q", [" ", " , ,"])
def test_a_text_query_with_no_term_at_all_is_422(make_person, q):
    _, me = make_person()
    r = me.get("/api/v1/directory", params={"q": q})
    assert r.status_code == 422 and error_of(r)["field"] == "q"


@pytest.mark.parametrize("q,who", [("AI", "ai"), ("ux", "ux"), ("Go", "go"), ("R", "r"), ("C#", "csharp"),
                                   ("C++", "cpp"), ("c++ go", None)])
def test_short_terms_and_terms_with_symbols_find_skills_and_titles(make_person, q, who):
    # Issue 16: terms under three letters ("AI", "UX", "Go", "R", "C#", "C++") found nothing.
    tag = uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    people = {
        "ai": make_person(name=f"Ada {tag}", skills=[{"name": "Applied AI", "level": 4}])[0],
        "ux": make_person(name=f"Uma {tag}", skills=[{"name": "UX research", "level": 3}])[0],
        "go": make_person(name=f"Gil {tag}", title="Go developer")[0],
        "r": make_person(name=f"Rae {tag}", skills=[{"name": "R", "level": 5}])[0],
        "csharp": make_person(name=f"Cy {tag}", skills=[{"name": "C#", "level": 3}])[0],
        "cpp": make_person(name=f"Cal {tag}", skills=[{"name": "C++17", "level": 4}])[0],
        "google": make_person(name=f"Gus {tag}", skills=[{"name": "Google Analytics", "level": 4}])[0],
    }
    _, me = make_person()
    found = ids_of(directory(me, q=f"{tag} {q}", limit=100)["items"])
    expected = {people[who]["id"]} if who else set()
    assert set(found) == expected, (q, found)
def test_an_unknown_directory_skill_is_422_suggesting_the_nearest(make_person):
    skill = unique()
    make_person(skills=[{"name": skill, "level": 2}])
    _, me = make_person()
    r = me.get("/api/v1/directory", params={"skill": skill[:-1]})
    assert r.status_code == 422
    err = error_of(r)
    assert err["field"] == "skill" and "did you mean" in err["message"] and skill in err["message"]


@pytest.mark.parametrize("name,value", [
    ("min_level", "0"), ("min_level", "6"), ("tz_overlap", "9"), ("tz_overlap", "-1"), ("external", "yes"),
    ("has_capacity", "1"), ("medium", "pigeon"), ("format", "group"), ("limit", "0"), ("limit", "101"),
    ("cursor", "-2"), ("cursor", "abc"), ("q", "x" * 201)])
def test_bad_directory_parameters_are_422_naming_them(make_person, name, value):
    _, me = make_person()
    r = me.get("/api/v1/directory", params={name: value})
    assert r.status_code == 422, r.text
    assert error_of(r)["field"] == name


def test_the_directory_needs_a_session(client):
    r = client.get("/api/v1/directory", params={"q": "pivot"})
    assert r.status_code == 401 and error_of(r)["code"] == "unauthenticated"


# ---------------------------------------------------------------------------------------------
# Program settings, on a server of their own


@pytest.fixture(scope="module")
def settings_server(binary, new_demo_database):
    db = new_demo_database()
    s = Server(binary, db)
    yield s
    s.stop()


@pytest.fixture
def settings_admin(settings_server):
    """The administrator of the settings server; whatever a test changes is put back after it."""
    c = Client(settings_server.url).login(ADMIN)
    before = c.get("/api/v1/admin/program-settings").json()
    yield c
    r = c.put("/api/v1/admin/program-settings", json=before)
    assert r.status_code == 200, r.text
    assert r.json() == before


def person_on(admin_client, **fields):
    """A person made on the administrator's server, and their signed-in Client."""
    body = {"email": unique_email("finding"), "name": "Settings Person", "password": PASSWORD}
    body.update(fields)
    r = admin_client.post("/api/v1/people", json=body)
    assert r.status_code == 201, r.text
    return r.json(), Client(admin_client.base).login(body["email"], PASSWORD)


def test_the_default_program_settings(settings_admin):
    s = settings_admin.get("/api/v1/admin/program-settings").json()
    assert set(s) == {"weights", "emerging_skills", "allow_external"}
    assert s["allow_external"] is True
    assert "generative AI" in s["emerging_skills"]
    assert s["weights"] == {
        "skill": 30, "aspiration_role": 15, "aspiration_department": 10, "experience_gap": 10,
        "outside_perspective": 12, "reverse_mentoring": 15, "former_manager": 12, "timezone_overlap": 8,
        "shared_medium": 5, "free_capacity": 5, "responsiveness": 10, "unresponsive_penalty": 20,
        "manager_recommendation": 20, "seasoned_years": 15}


def test_only_administrators_see_or_change_the_program_settings(settings_server, settings_admin):
    _, someone = person_on(settings_admin)
    assert someone.get("/api/v1/admin/program-settings").status_code == 403
    r = someone.put("/api/v1/admin/program-settings", json={"allow_external": False})
    assert r.status_code == 403 and error_of(r)["code"] == "forbidden"
    anonymous = requests.get(settings_server.url + "/api/v1/admin/program-settings", timeout=10)
    assert anonymous.status_code == 401
    assert settings_admin.get("/api/v1/admin/program-settings").json()["allow_external"] is True


def test_a_zero_outside_perspective_weight_removes_the_factor(settings_admin):
    skill = unique()
    outsider, _ = person_on(settings_admin, **mentor_fields(department="", is_external=True, organisation="Contoso",
                                                            skills=[{"name": skill, "level": 5}]))
    _, mentee = person_on(settings_admin, career_start_year=YEAR - 25)
    before = entry(recommendations(mentee, skills=skill)["items"], outsider["id"])
    assert factor(before, "outside_perspective")["points"] == 12

    r = settings_admin.put("/api/v1/admin/program-settings", json={"weights": {"outside_perspective": 0}})
    assert r.status_code == 200, r.text
    assert r.json()["weights"]["outside_perspective"] == 0
    assert r.json()["weights"]["skill"] == 30  # the others are kept
    assert settings_admin.get("/api/v1/admin/program-settings").json() == r.json()

    after = entry(recommendations(mentee, skills=skill)["items"], outsider["id"])
    assert factor(after, "outside_perspective") is None
    assert "outside_perspective" not in after["labels"]
    assert after["score"] == pytest.approx(before["score"] - 12, abs=0.11)


def test_the_weights_and_the_seasoned_threshold_change_the_scores(settings_admin):
    skill = unique()
    colleague, _ = person_on(settings_admin, **mentor_fields(department="Elsewhere",
                                                             skills=[{"name": skill, "level": 5}]))
    _, mentee = person_on(settings_admin, department="Operations", career_start_year=YEAR - 10)
    rec = entry(recommendations(mentee, skills=skill)["items"], colleague["id"])
    assert factor(rec, "outside_perspective") is None  # 10 years: not seasoned yet
    r = settings_admin.put("/api/v1/admin/program-settings",
                           json={"weights": {"skill": 60, "seasoned_years": 10}})
    assert r.status_code == 200, r.text
    body = recommendations(mentee, skills=skill)
    assert body["seasoned"] is True
    rec = entry(body["items"], colleague["id"])
    assert factor(rec, "skill_match")["points"] == 60
    assert factor(rec, "outside_perspective")["points"] == 6  # another department: half


def test_the_emerging_skills_decide_what_counts_as_reverse_mentoring(settings_admin):
    skill = unique()
    young, _ = person_on(settings_admin, **mentor_fields(career_start_year=YEAR - 1,
                                                         skills=[{"name": skill, "level": 5}]))
    _, mentee = person_on(settings_admin, career_start_year=YEAR - 8)
    assert "reverse_mentoring" not in entry(recommendations(mentee, skills=skill)["items"], young["id"])["labels"]
    r = settings_admin.put("/api/v1/admin/program-settings", json={"emerging_skills": [skill.upper()]})
    assert r.status_code == 200 and r.json()["emerging_skills"] == [skill.upper()]
    assert "reverse_mentoring" in entry(recommendations(mentee, skills=skill)["items"], young["id"])["labels"]


def test_when_external_people_are_not_allowed_they_are_hidden_from_recommendations_and_the_directory(
        settings_admin):
    skill = unique()
    outsider, _ = person_on(settings_admin, **mentor_fields(is_external=True, organisation="Contoso",
                                                            skills=[{"name": skill, "level": 5}]))
    insider, _ = person_on(settings_admin, **mentor_fields(skills=[{"name": skill, "level": 5}]))
    _, mentee = person_on(settings_admin, career_start_year=YEAR - 20)
    assert outsider["id"] in ids_of(directory(mentee, skill=skill)["items"])

    r = settings_admin.put("/api/v1/admin/program-settings", json={"allow_external": False})
    assert r.status_code == 200 and r.json()["allow_external"] is False
    body = recommendations(mentee, skills=skill)
    assert insider["id"] in ids_of(body["items"])
    assert outsider["id"] not in ids_of(body["items"]) + ids_of(body["excluded"])
    assert all(not i["mentor"]["is_external"] for i in body["items"] + body["excluded"])
    assert ids_of(directory(mentee, skill=skill)["items"]) == [insider["id"]]
    assert directory(mentee, skill=skill, external="true")["items"] == []
    assert all(not i["is_external"] for i in directory(mentee, limit=100)["items"])

    r = settings_admin.put("/api/v1/admin/program-settings", json={"allow_external": True})
    assert r.status_code == 200
    assert outsider["id"] in ids_of(directory(mentee, skill=skill)["items"])


@pytest.mark.parametrize("body,field", [
    ({"weights": {"skill": -1}}, "weights.skill"),
    ({"weights": {"skill": 101}}, "weights.skill"),
    ({"weights": {"skill": "high"}}, "weights.skill"),
    ({"weights": {"skill": None}}, "weights.skill"),
    ({"weights": {"outside_perspective": True}}, "weights.outside_perspective"),
    ({"weights": {"charm": 5}}, "weights.charm"),
    ({"weights": {"seasoned_years": 61}}, "weights.seasoned_years"),
    ({"weights": {"seasoned_years": "ten"}}, "weights.seasoned_years"),
    ({"weights": [1, 2]}, "weights"),
    ({"allow_external": "no"}, "allow_external"),
    ({"emerging_skills": "generative AI"}, "emerging_skills"),
    ({"emerging_skills": [f"skill {i}" for i in range(51)]}, "emerging_skills"),
    ({"colour": "red"}, "colour"),
])
def test_bad_program_settings_are_422_naming_the_value_and_change_nothing(settings_admin, body, field):
    before = settings_admin.get("/api/v1/admin/program-settings").json()
    if field != "allow_external":
        body = {**body, "allow_external": False}  # a good member beside the bad one is not applied either
    r = settings_admin.put("/api/v1/admin/program-settings", json=body)
    assert r.status_code == 422, r.text
    assert error_of(r)["field"] == field
    assert settings_admin.get("/api/v1/admin/program-settings").json() == before


def test_a_partly_bad_settings_body_changes_nothing(settings_admin):
    before = settings_admin.get("/api/v1/admin/program-settings").json()
    r = settings_admin.put("/api/v1/admin/program-settings",
                           json={"weights": {"skill": 50, "shared_medium": 500}})
    assert r.status_code == 422 and error_of(r)["field"] == "weights.shared_medium"
    assert settings_admin.get("/api/v1/admin/program-settings").json() == before
