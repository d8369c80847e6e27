"""Extraction: from an Article to its entities and meetings (see loader.document)."""

from loader.extract.rules import RuleExtractor

__all__ = ["RuleExtractor"]
