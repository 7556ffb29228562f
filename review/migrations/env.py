"""Alembic environment for the review store: run programmatically by ``review.sql.migrate``.

The caller passes an open connection (inside its transaction) as ``config.attributes["connection"]``.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table="review_alembic_version", render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
