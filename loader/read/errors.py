from __future__ import annotations

from pathlib import Path


class ArticleFormatError(ValueError):
    """An input file that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Errors cross process boundaries when extraction runs in workers.
        return (type(self), (self.path, self.problem))
