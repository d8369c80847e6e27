"""Extraction: from an Article to its entities and meetings (see loader.document and pipeline.py)."""

from loader.extract.pipeline import Extractor

__all__ = ["Extractor"]
