"""An index for the staff queue's other open contacts: open cases of a kind

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 07:20:00

Compliments are never closed, so with years of them the index on closed_on alone still
leaves the queue reading tens of thousands of rows to find a hundred open contacts.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_cases_kind_closed_on', 'cases', ['kind', 'closed_on'])


def downgrade():
    op.drop_index('ix_cases_kind_closed_on', table_name='cases')
