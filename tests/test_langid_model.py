"""The language model's cache: same answers as py3langid's own loader, from a plain file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscoder.ingest import langid_model

# Written for this test.
SAMPLES = [
    "Police said on Monday that two people were hurt when the crowd was dispersed.",
    "La police a dispersé la foule lundi devant la mairie de la ville.",
    "Die Polizei hat am Montag die Menge vor dem Rathaus aufgelöst.",
]


def test_cached_model_answers_as_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("NEWSCODER_CACHE_DIR", str(tmp_path))
    first = langid_model.load_identifier()  # decompresses and writes the cache
    files = list(tmp_path.glob("py3langid-*.npz"))
    assert len(files) == 1 and not list(tmp_path.glob(".langid-*"))
    again = langid_model.load_identifier()  # reads it
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in SAMPLES:
        assert first.classify(text) == again.classify(text) == stock.classify(text)


def test_a_damaged_cache_or_none_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSCODER_CACHE_DIR", "")
    assert langid_model.cache_dir() is None
    assert langid_model.load_identifier().classify(SAMPLES[0])[0] == "en"
    monkeypatch.setenv("NEWSCODER_CACHE_DIR", str(tmp_path))
    langid_model.load_identifier()
    (cached,) = tmp_path.glob("py3langid-*.npz")
    cached.write_bytes(b"not a model")
    assert langid_model.load_identifier().classify(SAMPLES[1])[0] == "fr"


def test_one_copy_per_model_whatever_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is named after the model's bytes (not its file's time), and writing it
    removes copies of other models: new virtual environments no longer pile up copies."""
    monkeypatch.setenv("NEWSCODER_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "py3langid-0.4.0-4586720-1796289036049992906.npz"
    stale.write_bytes(b"an older copy")
    langid_model.load_identifier()
    (kept,) = tmp_path.glob("py3langid-*.npz")
    assert kept != stale
    shipped_name = langid_model._cache_file(Path(__file__))  # any file: named by digest
    assert shipped_name is not None and shipped_name.name.count("-") == 2
