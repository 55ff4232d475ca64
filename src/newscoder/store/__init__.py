"""Store: SQLite persistence of contract records, full-text search and exports."""

from __future__ import annotations

from newscoder.store.db import Store, text_hash
from newscoder.store.export import export_acled_csv, export_jsonl
from newscoder.store.migrations import LATEST as SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "export_acled_csv", "export_jsonl", "text_hash"]
