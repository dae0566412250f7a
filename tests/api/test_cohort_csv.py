"""The cohort file over HTTP (POST /api/v1/matchings/from-csv), issue 16: RFC 4180 files as
spreadsheets write them are accepted (a byte-order mark, CRLF, quoted commas and line breaks),
and a file with bad rows is one 422 naming every bad line with its reason, an unknown manager
and a circle of managers included; nothing is matched or stored then."""
from conftest import ADMIN, Client, error_of

ROUTE = "/api/v1/matchings/from-csv"


def admin_client(server):
    return Client(server.url).login(ADMIN)


def relationship_count(admin):
    r = admin.get("/api/v1/admin/relationships", params={"limit": 500})
    assert r.status_code == 200, r.text
    body = r.json()
    return len(body["items"]) if isinstance(body, dict) and "items" in body else len(body)


def test_byte_order_mark_crlf_and_quoted_line_breaks_are_accepted(server):
    admin = admin_client(server)
    text = ("\ufeffID,Name,Role,Department,Wanted Skills,Skills,Manager,Capacity\r\n"
            '1,"Patel, Maya",mentee,Sales,"SQL\r\npivot tables",,3,\r\n'
            '2,Ben Ode,mentor,Finance,,"SQL:5\r\npivot tables:4",,1\r\n'
            "3,Cy Park,none,Sales,,,,\r\n")
    r = admin.post(ROUTE, json={"csv": text})
    assert r.status_code == 200, r.text
    (pair,) = r.json()["pairs"]
    assert pair["mentee"]["name"] == "Patel, Maya" and pair["mentor"]["name"] == "Ben Ode"
    assert r.json()["summary"]["mentees"] == 1


# A file whose every bad row must be named, each with its line (the header is line 1).
BAD_ROWS = ("id,name,role,manager_id,skills\n"
            "1,Ann,mentee,77,\n"                 # 2: unknown manager
            "2,,mentor,,SQL:5\n"                 # 3: no name
            "x,Bo,mentee,,\n"                    # 4: not an id
            '3,Cy "C" Lee,mentee,,\n'            # 5: a stray quote
            "4,Di,mentee\n"                      # 6: a field short
            "5,Ed,mentor,,SQL:9\n"               # 7: a level out of range
            "1,Flo,mentee,,\n"                   # 8: id 1 again
            "6,Gus,mentee,,\n"                   # 9: fine
            "7,Ivy,mentor,8,SQL:4\n"             # 10: a circle with line 11
            "8,Jo,mentor,7,SQL:4\n")


def test_every_bad_row_is_named_in_one_answer(server):
    admin = admin_client(server)
    before = relationship_count(admin)
    r = admin.post(ROUTE, json={"csv": BAD_ROWS})
    assert r.status_code == 422, r.text
    err = error_of(r)
    assert err["code"] == "invalid" and err["field"] == "csv"
    lines = err["message"].split("\n")
    assert [line.split(":")[0] for line in lines] == [
        "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 10"]
    assert "manager_id 77 is not the id of anyone in the file" in lines[0]
    assert lines[1] == "line 3: name is required"
    assert 'id must be a positive whole number, not "x"' in lines[2]
    assert "a quote inside the unquoted value of name" in lines[3]
    assert lines[4] == "line 6: the row has 3 fields, the header has 5 columns"
    assert 'level of "SQL" must be between 1 and 5' in lines[5]
    assert lines[6] == "line 8: person 1 appears again (first on line 2)"
    assert lines[7] == ("line 10: manager_id makes a circle of managers: 7 (line 10) is managed by 8 (line 11), "
                        "who is managed by 7 (line 10)")
    assert relationship_count(admin) == before  # nothing written


def test_every_bad_row_is_also_listed_with_its_line_column_value_and_reason(server):
    admin = admin_client(server)
    r = admin.post(ROUTE, json={"csv": BAD_ROWS})
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["more_problems"] == 0
    assert err["details"] == [
        {"line": 2, "column": "manager_id", "value": "77",
         "reason": "77 is not the id of anyone in the file; add the manager as a row (role none if they take no "
                   "part) or leave manager_id empty"},
        {"line": 3, "column": "name", "value": None, "reason": "is required"},
        {"line": 4, "column": "id", "value": "x", "reason": 'must be a positive whole number, not "x"'},
        {"line": 5, "column": "name", "value": None,
         "reason": "a quote inside the unquoted value of name; put the whole value in quotes and write the quote "
                   'twice ("")'},
        {"line": 6, "column": None, "value": None, "reason": "the row has 3 fields, the header has 5 columns"},
        {"line": 7, "column": "skills", "value": "SQL:9", "reason": 'level of "SQL" must be between 1 and 5, not "9"'},
        {"line": 8, "column": "id", "value": "1", "reason": "person 1 appears again (first on line 2)"},
        {"line": 10, "column": "manager_id", "value": "8",
         "reason": "makes a circle of managers: 7 (line 10) is managed by 8 (line 11), who is managed by 7 (line 10)"},
    ]
    # The message says the same, one line each.
    assert len(err["message"].split("\n")) == len(err["details"])


def test_a_broken_quote_names_its_column_in_the_list(server):
    admin = admin_client(server)
    r = admin.post(ROUTE, json={"csv": 'id,name,role\n1,Ann,mentee\n2,"Ben,mentor\n'})
    assert r.status_code == 422
    (problem,) = r.json()["error"]["details"]
    assert problem == {"line": 3, "column": "name", "value": None,
                       "reason": "the quoted value of name that starts on this line is never closed"}


def test_unknown_manager_is_refused_and_a_listed_one_accepted(server):
    admin = admin_client(server)
    header = "id,name,role,manager_id,skills,wanted_skills\n"
    rows = "1,Ann,mentee,9,,SQL\n2,Ben,mentor,,SQL:5,\n"
    r = admin.post(ROUTE, json={"csv": header + rows})
    assert r.status_code == 422
    assert error_of(r)["message"].startswith("line 2: manager_id 9 is not the id of anyone in the file")

    r = admin.post(ROUTE, json={"csv": header + rows + "9,Ola Berg,none,,,\n"})
    assert r.status_code == 200, r.text
    assert len(r.json()["pairs"]) == 1


def test_manager_cycle_is_refused_naming_the_lines(server):
    admin = admin_client(server)
    text = "id,name,role,manager_id\n1,Ann,mentee,3\n2,Ben,mentor,1\n\n3,Cy,mentor,2\n"
    r = admin.post(ROUTE, json={"csv": text})
    assert r.status_code == 422
    assert error_of(r)["message"] == ("line 2: manager_id makes a circle of managers: 1 (line 2) is managed by "
                                      "3 (line 5), who is managed by 2 (line 3), who is managed by 1 (line 2)")


def test_a_long_list_of_problems_is_cut_with_a_count(server):
    admin = admin_client(server)
    text = "id,name,role\n" + "".join(f"{i},Ann,boss\n" for i in range(1, 131))
    r = admin.post(ROUTE, json={"csv": text})
    assert r.status_code == 422
    lines = error_of(r)["message"].split("\n")
    assert len(lines) == 101
    assert lines[0].startswith("line 2: role must be") and lines[99].startswith("line 101: ")
    assert lines[100] == "and 30 more problems"


def test_an_unterminated_quote_names_the_line_it_opens_on(server):
    admin = admin_client(server)
    r = admin.post(ROUTE, json={"csv": 'id,name,role\n1,Ann,mentee\n2,"Ben,mentor\n3,Cy,mentee\n'})
    assert r.status_code == 422
    assert error_of(r)["message"] == "line 3: the quoted value of name that starts on this line is never closed"


def test_a_workbook_sent_as_the_text_is_named_with_how_to_save_it_as_csv(server):
    """A script that read the .xlsx itself as text sends a zip's bytes: the answer says it is a
    workbook and how to save CSV, not that the text holds control characters; nothing matched."""
    admin = admin_client(server)
    before = relationship_count(admin)
    r = admin.post(ROUTE, json={"csv": "PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml"})
    assert r.status_code == 422, r.text
    assert error_of(r)["field"] == "csv", r.text
    assert "the file is a workbook (.xlsx or .ods, a zipped file), not CSV text" in error_of(r)["message"], r.text
    assert relationship_count(admin) == before
