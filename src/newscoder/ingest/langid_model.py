"""The language detector's model, read fast after its first load.

py3langid ships its model as an xz-compressed npz (4.6 MB); decompressing it costs
about 0.6 s of CPU in every process that checks a language, more than coding a
hundred short reports. The first load also writes the decompressed arrays (about
68 MB, the size the model takes in memory anyway) to the user's cache folder; later
processes read them in under 0.1 s.

The folder is ``$NEWSCODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/newscoder``, else
``~/.cache/newscoder``; ``NEWSCODER_CACHE_DIR=""`` turns the cache off. The file is
named after py3langid's version and a digest of the model file's bytes (so every
virtual environment with the same model shares one copy), written to a temporary
name and renamed (two processes cannot leave half a file); writing it removes the
copies of other models (earlier versions named the file after the model file's
time, so each new environment left a 68 MB copy behind). Any
failure to read or write it (a read-only home, another py3langid layout) falls
back to py3langid's own loader: the detector answers the same either way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Arrays only the current model layout has (py3langid.modelio.load_model checks the same).
_LAYOUT = frozenset({"nextmove_row", "out_feat"})


def cache_dir() -> Path | None:
    """Where the decompressed model is kept, or None when caching is off."""
    chosen = os.environ.get("NEWSCODER_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newscoder"


def load_identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` (normalised probabilities), from the cache
    when it holds this model, else from the shipped file (and cached for next time)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    shipped = MODEL_DIR / MODEL_FILE
    cached = _cache_file(shipped)
    if cached is not None and cached.exists():
        try:
            return _from_arrays(LanguageIdentifier, cached)
        except Exception as error:  # a damaged or foreign file: the shipped model serves
            log.debug("cached language model unusable: %r", error)
    if cached is not None:
        try:
            _write_cache(shipped, cached)
            return _from_arrays(LanguageIdentifier, cached)
        except Exception as error:
            log.debug("language model not cached: %r", error)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _cache_file(shipped: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        digest = hashlib.sha256(shipped.read_bytes()).hexdigest()[:16]
        version = metadata.version("py3langid")
    except (OSError, metadata.PackageNotFoundError):
        return None
    return folder / f"py3langid-{version}-{digest}.npz"


def _write_cache(shipped: Path, target: Path) -> None:
    import lzma
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".langid-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(shipped) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    for old in target.parent.glob("py3langid-*.npz"):
        if old != target:
            old.unlink(missing_ok=True)  # another model's copy: never read again


def _from_arrays(identifier: Any, path: Path) -> Any:
    """What ``LanguageIdentifier.from_model_file`` builds, from the plain npz."""
    import numpy as np
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        if _LAYOUT - set(data.files):
            raise ValueError(f"{path}: not a py3langid model")
        return identifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )
