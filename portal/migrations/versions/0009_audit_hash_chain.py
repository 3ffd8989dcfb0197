"""Audit hash chain: each event carries the hash of the one before it and its own

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 09:00:00

The existing events are chained in id order. Their triggers refuse UPDATE, so they are
dropped for the backfill and made again afterwards (SQLite's table copy would drop them
anyway), on the way up and on the way down.
"""
from datetime import UTC

from alembic import op
import sqlalchemy as sa

from portal.models.audit import GENESIS_HASH, chain_hash


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

BATCH = 1000

audit_events = sa.table(
    'audit_events',
    sa.column('id', sa.Integer()),
    sa.column('occurred_at', sa.DateTime(timezone=True)),
    sa.column('actor_kind', sa.String()),
    sa.column('actor_id', sa.Integer()),
    sa.column('action', sa.String()),
    sa.column('case_id', sa.Integer()),
    sa.column('details', sa.JSON()),
    sa.column('previous_hash', sa.String()),
    sa.column('event_hash', sa.String()),
)


def upgrade():
    _drop_guards()
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('event_hash', sa.String(length=64), nullable=True))
    _chain_existing_events()
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('previous_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('event_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f('uq_audit_events_previous_hash'), ['previous_hash']
        )
    _create_guards()


def downgrade():
    _drop_guards()
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_events_previous_hash'), type_='unique')
        batch_op.drop_column('event_hash')
        batch_op.drop_column('previous_hash')
    _create_guards()


def _chain_existing_events():
    """Hash every event in id order, a batch at a time."""
    connection = op.get_bind()
    if connection.dialect.name == 'postgresql':
        # No one appends while the chain is being built (reading stays possible).
        op.execute('LOCK TABLE audit_events IN EXCLUSIVE MODE')
    previous_hash, last_id = GENESIS_HASH, 0
    while True:
        rows = connection.execute(
            sa.select(audit_events)
            .where(audit_events.c.id > last_id)
            .order_by(audit_events.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            event_hash = chain_hash(
                occurred_at=_aware(row.occurred_at),
                actor_kind=row.actor_kind,
                actor_id=row.actor_id,
                action=row.action,
                case_id=row.case_id,
                details=row.details,
                previous_hash=previous_hash,
            )
            connection.execute(
                audit_events.update()
                .where(audit_events.c.id == row.id)
                .values(previous_hash=previous_hash, event_hash=event_hash)
            )
            previous_hash, last_id = event_hash, row.id


def _aware(value):
    """SQLite gives timestamps back without their zone; they were stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _drop_guards():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TRIGGER audit_events_no_update')
        op.execute('DROP TRIGGER audit_events_no_delete')
        return
    # The TRUNCATE trigger and the function stay: neither stops an UPDATE.
    op.execute('DROP TRIGGER audit_events_no_change ON audit_events')


def _create_guards():
    if op.get_bind().dialect.name == 'sqlite':
        for verb in ('UPDATE', 'DELETE'):
            op.execute(
                f'CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events '
                "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
            )
        return
    op.execute(
        'CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events '
        'FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()'
    )
