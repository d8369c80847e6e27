from __future__ import annotations

from pathlib import Path


class ArticleFormatError(ValueError):
    """An input file that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem
