"""newscoder: news reports in, sourced and geocoded event data out."""

__version__ = "0.1.0"
