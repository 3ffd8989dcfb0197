"""The annual report reproduces Sandwell's published 2021/22 figures from the dataset, and
follows the spec's shapes where there is nothing to count."""

import csv
import io
import json
import re

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, Person, PersonRole, Role
from portal.services.staff import create_staff_user

from .conftest import NOW, PASSWORD, SECRET, signed_in
from .test_staff_access import open_complaint

EXPECTED = "sandwell-2021-22.expected.json"


def report(cli, year):
    result = cli.invoke(args=["report", "annual", "--year", str(year), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def differences(expected, got, path=""):
    """Every published figure the report does not reproduce."""
    wrong = []
    for key, value in expected.items():
        if key.startswith("_"):
            continue
        where = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            wrong += differences(value, got.get(key, {}), where)
        elif got.get(key) != value:
            wrong.append((where, value, got.get(key)))
    return wrong


def at(table, dotted):
    for part in dotted.split("."):
        table = table[part]
    return table


@pytest.fixture
def sandwell_report(cli, sandwell_data):
    result = cli.invoke(args=["cases", "import", str(sandwell_data)])
    assert result.exit_code == 0, result.output
    return report(cli, 2021), json.loads((sandwell_data.parent / EXPECTED).read_text())


def test_the_report_reproduces_every_published_figure(sandwell_report):
    got, expected = sandwell_report
    assert differences(expected, got) == []


def test_tables_published_in_full_have_nothing_else(sandwell_report):
    got, expected = sandwell_report
    for dotted in expected["_complete"]:
        published, ours = at(expected, dotted), at(got, dotted)
        extra = {label: count for label, count in ours.items() if label not in published}
        assert all(count in (0, {"received": 0, "upheld_or_partly": 0}) for count in
                   extra.values()), (dotted, extra)  # fmt: skip


def test_every_fixed_label_is_present_and_percentages_add_up(sandwell_report):
    got, _expected = sandwell_report
    assert list(got["complaints"]["by_month"]) == [
        "2021-04", "2021-05", "2021-06", "2021-07", "2021-08", "2021-09",
        "2021-10", "2021-11", "2021-12", "2022-01", "2022-02", "2022-03",
    ]  # fmt: skip
    outcomes = {"upheld", "partially_upheld", "not_upheld", "inconclusive", "withdrawn", "open"}
    assert set(got["stage1"]["outcomes"]) == outcomes
    assert set(got["stage1"]["response_days"]["statutory"]) == {"0-10", "11-20", "21-40", "41+"}
    assert "pending" in got["ombudsman"]["decisions"] and "none" in got["children"]["satisfaction"]
    assert sum(got["complaints"]["by_month"].values()) == got["complaints"]["received"]
    channels = got["complaints"]["by_channel"].values()
    assert sum(entry["count"] for entry in channels) == got["complaints"]["received"]
    assert list(got["previous_years"]) == ["2020/21", "2019/20", "2018/19"]


def test_a_year_with_nothing_in_it_is_all_zeros(cli):
    empty = report(cli, 2030)
    assert empty["year"] == "2030/31"
    assert empty["complaints"]["received"] == 0
    assert empty["stage1"]["upheld_or_partly_pct"] is None and empty["stage1"]["met_pct"] is None
    assert empty["stage1"]["timeliness_by_quarter"]["Q3"] == {"met": 0, "missed": 0}
    assert empty["complaints"]["by_channel"]["web"] == {"count": 0, "pct": None}
    assert empty["stage2"]["average_response_days"] is None
    assert empty["learning"]["returned_pct"] is None


def test_the_staff_page_shows_the_year_with_charts_and_commentary(make_app, sandwell_data):

    app = make_app()
    app.config["WTF_CSRF_ENABLED"] = False

    app.config["FROZEN_NOW"] = NOW
    assert app.test_cli_runner().invoke(args=["cases", "import", str(sandwell_data)]).exit_code == 0
    with app.app_context():
        user = create_staff_user(db.session, email="viewer@example.org", display_name="Vic",
                                 role=Role.VIEWER, password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()
    viewer = signed_in(app, "viewer@example.org")
    page = viewer.get("/staff/reports/annual?year=2021")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Annual report 2021/22" in text
    assert "Stage 1 complaints fell by 8 (4%) from last year." in text
    assert "76% of stage 1 responses were in time (84% last year)." in text
    assert '<svg class="portal-chart" role="img"' in text and "<desc" in text
    assert "Partially upheld" in text  # labels read as people read them
    live = viewer.get("/staff/reports").get_data(as_text=True)
    assert "Stage 1 this quarter (Q3)" in live and "learning forms outstanding" in live


def test_csv_exports_defuse_formulas_and_leave_out_personal_data(make_app, tmp_path):
    app = make_app()
    app.config.update(WTF_CSRF_ENABLED=False, FROZEN_NOW=NOW)
    record = json.loads(open_complaint("T-CSV", "2026-05-04"))
    record["team"] = '=HYPERLINK("http://example.com")'
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n")
    cli = app.test_cli_runner()
    assert cli.invoke(args=["cases", "import", str(tmp_path / "one.jsonl")]).exit_code == 0
    with app.app_context():
        case = db.session.scalar(select(Case))
        private = Person(case_id=case.id, role=PersonRole.COMPLAINANT, full_name="Alex Private")
        db.session.add(private)
        user = create_staff_user(db.session, email="viewer@example.org", display_name="Vic",
                                 role=Role.VIEWER, password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()
    viewer = signed_in(app, "viewer@example.org")
    cases = viewer.get("/staff/reports/cases.csv?year=2026")
    assert cases.headers["Content-Disposition"] == 'attachment; filename="cases-2026.csv"'
    text = cases.get_data(as_text=True)
    assert "T-CSV" in text and "'=HYPERLINK" in text and "Alex Private" not in text
    tables = viewer.get("/staff/reports/annual.csv?year=2026").get_data(as_text=True)
    # A year the reports do not offer gives this year's report, not an error
    for far_off in ("1", "1999", "9999"):
        assert viewer.get(f"/staff/reports/cases.csv?year={far_off}").headers[
            "Content-Disposition"] == 'attachment; filename="cases-2026.csv"'  # fmt: skip
        assert viewer.get(f"/staff/reports/annual.csv?year={far_off}").status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(tables)) for cell in row]
    assert "complaints.received" in cells and not any(cell.startswith("=") for cell in cells)
    assert (
        cli.invoke(
            args=["report", "annual", "--year", "2026", "--format", "csv"]
        ).stdout_bytes.decode()
        == tables
    )


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("database_templates", ["sqlite"], indirect=True)
def test_the_pdf_has_a_title_page_page_numbers_and_hides_small_numbers(make_app, sandwell_data):
    app = make_app()
    app.config.update(WTF_CSRF_ENABLED=False, FROZEN_NOW=NOW)
    assert app.test_cli_runner().invoke(args=["cases", "import", str(sandwell_data)]).exit_code == 0
    with app.app_context():
        user = create_staff_user(db.session, email="viewer@example.org", display_name="Vic",
                                 role=Role.VIEWER, password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()
    viewer = signed_in(app, "viewer@example.org")
    internal = viewer.get("/staff/reports/annual.pdf?year=2021")
    assert internal.mimetype == "application/pdf"
    pages = pdf_text(internal.data)
    assert len(pages) > 4 and "Sandwell Children's Trust" in pages[0] and "2021/22" in pages[0]
    assert all("Internal: exact figures" in page for page in pages)
    assert "Page 2 /" in pages[1] and "fewer than 5" not in "".join(pages)
    public = pdf_text(viewer.get("/staff/reports/annual.pdf?year=2021&publishable=1").data)
    assert "fewer than 5" in "".join(public) and not any("Internal" in page for page in public)
    # The first pages really render: each has ink on it
    document = pdfium.PdfDocument(internal.data)
    for number in range(3):
        shades = document[number].render(scale=0.5).to_pil().convert("L").getextrema()
        assert shades[0] < 100, f"page {number + 1} is blank"
    # No count from 1 to 4 in the children's tables of the publishable version
    children = "".join(public).split("Children and young people")[-1].split("Mediation, stage 2")[0]
    rows = [line for line in children.splitlines() if not line.startswith("Outcomes of")]
    counts = [int(n) for n in re.findall(r"(?m)\s(\d+)$", "\n".join(rows))]
    assert counts and not any(1 <= n <= 4 for n in counts), counts
    printed = app.test_cli_runner().invoke(
        args=["report", "annual", "--year", "2021", "--format", "pdf", "--publishable"]
    )
    assert printed.exit_code == 0 and "fewer than 5" in "".join(pdf_text(printed.stdout_bytes))


def complaint(reference, started_on, procedure="statutory", responded_on=None, outcome=None):
    record = json.loads(open_complaint(reference, started_on, procedure))
    record["stages"][0].update(responded_on=responded_on, outcome=outcome)
    return json.dumps(record)


def test_the_edges_of_the_definitions(cli, tmp_path):
    (tmp_path / "edges.jsonl").write_text("\n".join([
        # Open at the year's end: due 24 March, so overdue on 31 March (missed) …
        complaint("E-OVERDUE", "2022-03-10"),
        # … and due 8 April, so neither met nor missed on 31 March.
        complaint("E-NOT-DUE", "2022-03-25"),
        # Christmas and New Year in the window: due 6 January, answered on the 7th in
        # 11 working days (27, 28 December and 3 January are bank holidays).
        complaint("E-XMAS", "2021-12-20", responded_on="2022-01-07", outcome="upheld"),
        # A complaint under both procedures follows the statutory timescales: 10 working
        # days, not the corporate 20, so an answer on day 12 is late and banded 11-20.
        complaint("E-BOTH", "2022-03-01", "both", responded_on="2022-03-17",
                  outcome="not_upheld"),
    ]) + "\n")  # fmt: skip
    assert cli.invoke(args=["cases", "import", str(tmp_path / "edges.jsonl")]).exit_code == 0
    got = report(cli, 2021)
    # Q3 holds the Christmas stage (started in December); Q4 the others; E-NOT-DUE neither
    assert got["stage1"]["timeliness_by_quarter"]["Q3"] == {"met": 0, "missed": 1}
    assert got["stage1"]["timeliness_by_quarter"]["Q4"] == {"met": 0, "missed": 2}
    assert got["stage1"]["met_pct"] == 0
    assert got["stage1"]["outcomes"]["open"] == 2
    assert got["stage1"]["response_days"]["statutory"] == {"0-10": 0, "11-20": 2, "21-40": 0,
                                                           "41+": 0}  # fmt: skip
    assert got["complaints"]["by_procedure"] == {"statutory": 3, "corporate": 0, "both": 1}
    assert got["stage1"]["upheld_or_partly"] == 1 and got["stage1"]["upheld_or_partly_pct"] == 25
