"""Spreadsheet exports: no cell can start a formula, whatever a person typed."""

import csv
import io

import pytest

from portal.reports.exports import to_csv

FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("typed", FORMULAS, ids=["=", "+", "-", "@", "tab", "carriage return"])
def test_a_cell_that_would_start_a_formula_is_read_as_text(typed):
    [row] = csv.reader(io.StringIO(to_csv([["SCT-AAAA-BBBB", typed]]), newline=""))
    assert row == ["SCT-AAAA-BBBB", "'" + typed]


def test_ordinary_cells_are_left_as_they_are():
    [row] = csv.reader(io.StringIO(to_csv([["Fostering", 12, None, "a=b"]]), newline=""))
    assert row == ["Fostering", "12", "", "a=b"]
