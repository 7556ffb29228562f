"""View helpers for the Streamlit viewer (``app.py``).

Everything here is plain Python over the shared model (``corpus.model``,
``diffing.model``): loading and hashing input, indexing pairs for filters and
search, amendment histories, deep links and escaped HTML fragments.  Nothing
here imports Streamlit, so every helper is testable without a running app.
"""
