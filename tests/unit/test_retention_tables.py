"""Erasure and purge reach every table that holds something about a case: a new table
with a case_id must be listed as removed, cleared, or kept only as statistics."""

from portal.models import Base
from portal.services.retention import CLEARED, DELETED

#: Tables about a case that hold no personal data of the people on it: the statistics the
#: annual report is made from, staff's own work, and the audit trail (identifiers only).
STATISTICS = {
    "audit_events",
    "case_issues",
    "case_themes",
    "investigations",
    "learning_actions",
    "learning_form_categories",
    "learning_forms",
    "mediations",
    "satisfaction_results",
    "survey_invitations",
}


def test_every_table_about_a_case_is_removed_cleared_or_only_statistics():
    about_a_case = {table.name for table in Base.metadata.sorted_tables if "case_id" in table.c}
    removed = {model.__tablename__ for model in DELETED.values()}
    cleared = {model.__tablename__ for model, _columns in CLEARED}
    assert about_a_case - removed - cleared - STATISTICS == set()
    assert about_a_case >= STATISTICS  # no stale names
