"""Looking changes nothing: every page reachable by GET, for every kind of visitor, leaves
the database as it was. Email scanners and browsers' prefetching open links freely, so a GET
must never save an answer, use up a link or send anything. The one exception is by design:
a member of staff reading a case is itself recorded ("case.viewed")."""

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, Base, Role

from .test_staff_access import a_case_for_every_route, sign_in
from .test_tracker import complain
from .test_tracker import sign_in as sign_in_to_tracker

#: Reading a case is recorded on purpose; nothing else a GET does may reach the database.
RECORDED_READS = {"case.viewed"}
#: A token that is the right shape but opens nothing.
UNKNOWN_TOKEN = "x" * 43
LINK = re.compile(r'href="(/[^"#]*)"')
NOT_PAGES = ("/static/", "/staff/sign-out", "/track/sign-out")


def everything_stored(app) -> dict[str, list]:
    """Every row of every table, ignoring the audit events that record staff reading."""
    with app.app_context():
        tables = {}
        for table in Base.metadata.sorted_tables:
            query = select(table)
            if table.name == AuditEvent.__tablename__:
                query = query.where(table.c.action.not_in(RECORDED_READS))
            tables[table.name] = sorted(map(repr, db.session.execute(query).all()))
        return tables


def start_pages(app, values: dict) -> list[str]:
    """Every GET route: built with real values where it needs them, unknown tokens for links."""
    pages = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        arguments = {name: values.get(name, UNKNOWN_TOKEN) for name in rule.arguments}
        try:
            pages.append(rule.build(arguments)[1])
        except (ValueError, TypeError):  # a converter refused the value: reached by links
            continue
    return pages


def visit_everything(client, pages: list[str]) -> int:
    """Open each page, then every page it links to, once; return how many were opened."""
    seen, queue = set(), list(pages)
    while queue:
        page = queue.pop()
        path = urlsplit(page).path
        if page in seen or path.startswith(NOT_PAGES):
            continue
        seen.add(page)
        response = client.get(page)
        assert response.status_code < 500, page
        if response.location:
            queue.append(response.location)
        elif response.mimetype == "text/html":
            queue.extend(LINK.findall(response.get_data(as_text=True)))
    return len(seen)


@pytest.mark.parametrize("visitor", ["anonymous", "tracker", *(role.value for role in Role)])
def test_opening_every_page_changes_nothing(staff_app, visitor):
    values = {**a_case_for_every_route(staff_app), "number": 1, "band": "7-11", "code": "cy"}
    client = staff_app.test_client()
    if visitor == "tracker":
        reference, words = complain(staff_app)
        assert sign_in_to_tracker(client, reference, words).status_code == 303
    elif visitor != "anonymous":
        sign_in(client, Role(visitor))
    before = everything_stored(staff_app)
    opened = visit_everything(client, start_pages(staff_app, values))
    assert opened > 40  # the walk really went somewhere
    after = everything_stored(staff_app)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], f"{visitor}: a GET changed {changed}"
