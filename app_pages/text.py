"""Show text that came from a person or a file (a file name, a plan name) as plain words.

Streamlit renders messages as Markdown: a ``$`` would start LaTeX and ``[a](b)`` would
become a link. :func:`md` escapes every Markdown character so the text shows as typed.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#|$<>~:])")


def md(text: str) -> str:
    """``text`` with every Markdown character escaped: ``'$5 [x](y)'`` shows as typed."""
    return _MARKDOWN.sub(r"\\\1", text)
