"""The analyst workspace: notes anchored to element ids, and a reviewed concordance.

``review.model`` (frozen objects), ``review.store`` (the store interface, ``MemoryStore``,
``open_store``), ``review.sql`` (SQLite / PostgreSQL through SQLAlchemy, Alembic migrations),
``review.anchors`` (make and re-find anchors), ``review.decisions`` (apply the decision log to a
comparison), ``review.w3c`` (W3C Web Annotation JSON-LD), ``review.render`` (the one safe Markdown
renderer for note bodies), ``review.workspace`` (what the CLI, app and reports call).

Imports only ``corpus`` and ``diffing``.
"""
