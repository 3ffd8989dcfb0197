"""Indexes for the queue's other open contacts and the annual report's counts

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 07:20:00

Compliments are never closed, so with years of them the index on closed_on alone still
leaves the queue reading tens of thousands of rows to find a hundred open contacts. The
annual report counts a kind's cases, and stages of one number, within a year; with the
single-column indexes SQLite read every complaint for each count.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_cases_kind_closed_on', 'cases', ['kind', 'closed_on']),
    ('ix_cases_kind_received_on', 'cases', ['kind', 'received_on']),
    ('ix_stages_number_started_on', 'stages', ['number', 'started_on']),
    ('ix_stages_number_responded_on', 'stages', ['number', 'responded_on']),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
