"""Store: SQLite persistence of contract records and linked events, full-text search
and exports."""

from __future__ import annotations

from newscoder.store.db import Store, text_hash
from newscoder.store.export import (
    export_acled_csv,
    export_jsonl,
    export_parquet,
    export_plover_jsonl,
)
from newscoder.store.migrations import LATEST as SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "export_acled_csv",
    "export_jsonl",
    "export_parquet",
    "export_plover_jsonl",
    "text_hash",
]
