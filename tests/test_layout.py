"""The package's layout (issue 11): no module under src/newscoder is over 700 lines.

STYLE.md asks for modules of 150-600 lines, split along real seams when one grows
past that; 700 leaves room for a module to grow a little before it must be split.
"""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newscoder"
MAX_LINES = 700


def _lines(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


def test_the_source_tree_is_found() -> None:
    assert (SRC / "cli.py").is_file(), SRC


def test_no_module_is_over_700_lines() -> None:
    too_long = {
        str(path.relative_to(SRC)): n
        for path in sorted(SRC.rglob("*.py"))
        if (n := _lines(path)) > MAX_LINES
    }
    assert not too_long, (
        f"modules over {MAX_LINES} lines (split them along their seams, STYLE.md): {too_long}"
    )
