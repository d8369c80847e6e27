"""A readable Latin transliteration of Arabic names for display and search (e.g. «بوتين» → "butin"),
built on camel-tools' CharMapper. It is lossy by design: search, not scholarship."""

from __future__ import annotations

from functools import lru_cache

from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.dediac import dediac_ar

_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "'", "ؤ": "'", "ئ": "'", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": "a", "و": "w", "ى": "a", "ي": "y", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
    "ـ": "",
}
_MAPPER = CharMapper(_LETTERS)


@lru_cache(maxsize=50_000)
def transliterate(arabic: str) -> str:
    words = []
    for word in dediac_ar(arabic).split():
        latin = _MAPPER.map_string(word)
        if word.startswith("ع"):  # a leading ayn reads as a vowel in common romanisations (Abd, Umar)
            latin = "a" + latin[1:]
        # Long vowels between consonants read better as vowels than as glides.
        latin = "".join(_vowel(latin, i) for i in range(len(latin)))
        words.append(latin.strip("'").capitalize())
    return " ".join(word for word in words if word)


def _vowel(word: str, i: int) -> str:
    ch = word[i]
    if ch == "y" and 0 < i < len(word) - 1 and word[i - 1] not in "aeiou" and word[i + 1] not in "aeiou":
        return "i"
    if ch == "w" and 0 < i < len(word) - 1 and word[i - 1] not in "aeiou" and word[i + 1] not in "aeiou":
        return "u"
    if ch == "y" and i == len(word) - 1 and i > 0 and word[i - 1] not in "aeiou":
        return "i"
    return ch
