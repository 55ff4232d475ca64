"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from newscoder.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def code_text(nlp):
    """Code a text with an optional publication date; returns the contract record."""
    from newscoder.ingest import article_from_text
    from newscoder.pipeline import code_article

    def run(text: str, published: str | None = None, id: str = "t") -> dict:
        return code_article(article_from_text(text, id=id, published=published), nlp).to_dict()

    return run
