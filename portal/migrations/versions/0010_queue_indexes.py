"""Indexes for the staff queue: contacts awaiting triage, still open, or asking for the next stage

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 04:00:00

With years of cases, each of the queue's lists would otherwise read the whole cases table.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

COLUMNS = ('triaged_on', 'closed_on', 'escalation_requested_on')


def upgrade():
    for column in COLUMNS:
        op.create_index(f'ix_cases_{column}', 'cases', [column])


def downgrade():
    for column in COLUMNS:
        op.drop_index(f'ix_cases_{column}', table_name='cases')
