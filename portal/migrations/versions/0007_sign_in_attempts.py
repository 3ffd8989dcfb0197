"""Sign-in attempts for every way in (the tracker, staff sign-in, password resets), in one
table that replaces the tracker's own

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 21:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('door', sa.String(length=16), nullable=False),
    sa.Column('subject_key', sa.String(length=64), nullable=False),
    sa.Column('address_key', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempts'))
    )
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_address_key'), ['address_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempts_subject_key'), ['subject_key'], unique=False)
    # The last hour's tracker attempts still count.
    op.execute(
        "INSERT INTO sign_in_attempts (at, door, subject_key, address_key, succeeded) "
        "SELECT at, 'tracker', reference_key, address_key, succeeded FROM tracker_attempts"
    )
    with op.batch_alter_table('tracker_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracker_attempts_reference_key'))
        batch_op.drop_index(batch_op.f('ix_tracker_attempts_at'))
        batch_op.drop_index(batch_op.f('ix_tracker_attempts_address_key'))
    op.drop_table('tracker_attempts')


def downgrade():
    op.create_table('tracker_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reference_key', sa.String(length=64), nullable=False),
    sa.Column('address_key', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracker_attempts'))
    )
    with op.batch_alter_table('tracker_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracker_attempts_address_key'), ['address_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracker_attempts_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracker_attempts_reference_key'), ['reference_key'], unique=False)
    op.execute(
        "INSERT INTO tracker_attempts (at, reference_key, address_key, succeeded) "
        "SELECT at, subject_key, address_key, succeeded FROM sign_in_attempts "
        "WHERE door = 'tracker'"
    )
    with op.batch_alter_table('sign_in_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_subject_key'))
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_attempts_address_key'))
    op.drop_table('sign_in_attempts')
