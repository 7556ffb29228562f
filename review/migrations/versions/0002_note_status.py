"""Notes get a ``status`` column (open/resolved) for filtering, filled from each note's data.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_notes") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="open"))
    notes = sa.table("review_notes", sa.column("id", sa.String), sa.column("data", sa.JSON))
    conn = op.get_bind()
    for note_id, data in conn.execute(sa.select(notes.c.id, notes.c.data)).all():
        status = data.get("status", "open") if isinstance(data, dict) else "open"
        if status != "open":
            conn.execute(
                sa.text("UPDATE review_notes SET status = :s WHERE id = :i"), {"s": status, "i": note_id}
            )


def downgrade() -> None:
    with op.batch_alter_table("review_notes") as batch:
        batch.drop_column("status")
