"""Tracker sessions held on the server, so signing out ends every copy of the cookie

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 00:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tracker_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_tracker_sessions_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracker_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_tracker_sessions_key_hash'))
    )
    with op.batch_alter_table('tracker_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracker_sessions_case_id'), ['case_id'], unique=False)


def downgrade():
    with op.batch_alter_table('tracker_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracker_sessions_case_id'))
    op.drop_table('tracker_sessions')
