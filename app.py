"""Streamlit viewer (placeholder until the viewer lands): shows the parsed structure."""

from __future__ import annotations

import streamlit as st

import ordiff

st.set_page_config(page_title="ordinance-diff", layout="wide")
st.title("ordinance-diff")
names = [d.name for d in ordiff.corpus()]
name = st.selectbox("Document", names, key="doc")
doc = ordiff.load(name)
for version in doc.versions:
    st.header(version.label)
    for art in version.articles:
        st.text(f"Article {art.number} ({art.title})")
