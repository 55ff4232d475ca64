"""newscoder: news reports in, sourced and geocoded event data out.

import newscoder
result = newscoder.code(text, published="2022-12-02")
record = result.to_dict()          # output contract v1
"""

from newscoder.api import code, code_many, geoparse
from newscoder.frames import to_dataframe

__version__ = "0.2.0"
__all__ = ["__version__", "code", "code_many", "geoparse", "to_dataframe"]
