"""Names of the world: countries, capitals, demonyms, organisations, titles, sectors.

Country names, demonyms and ISO codes come from maintained packages
(``countrynames`` for the many spellings and demonyms, ``pycountry`` for ISO
3166 codes). A small curated layer covers what they miss or get wrong:
canonical short names (``Russia``, not ``Russian Federation``), ``the US``,
capitals and seats of government that act for their state (``Beijing``,
``the Kremlin``), international organisations, and the title and sector words
news uses for people and state agents.

Example:
    >>> country_code("the US")
    'USA'
    >>> country_name("KOR")
    'South Korea'
    >>> state_of("Kremlin")
    'RUS'
    >>> organisation("NATO")
    'NATO'
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- canonical short names where ISO's official name is not what news says -----------
_CANONICAL_NAMES = {
    "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia", "TUR": "Turkey",
    "CZE": "Czechia", "PSE": "Palestine", "COD": "DR Congo", "COG": "Republic of the Congo",
    "FSM": "Micronesia", "VAT": "Vatican City", "BRN": "Brunei", "CPV": "Cape Verde",
    "CIV": "Ivory Coast", "SWZ": "Eswatini", "MKD": "North Macedonia", "NLD": "Netherlands",
    "BOL": "Bolivia", "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea", "LAO": "Laos",
    "MDA": "Moldova", "SYR": "Syria", "TWN": "Taiwan", "TZA": "Tanzania", "VEN": "Venezuela",
    "VNM": "Vietnam", "BHS": "Bahamas", "GMB": "Gambia", "PHL": "Philippines",
}

# --- names the packages miss or get wrong (checked: one maps "the US" to the Bahamas) --
_EXTRA_COUNTRY_NAMES = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "u.s.a.": "USA", "america": "USA",
    "united states": "USA", "united states of america": "USA", "american": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "british": "GBR",
    "prc": "CHN", "mainland china": "CHN", "chinese": "CHN",
    "south korea": "KOR", "south korean": "KOR", "republic of korea": "KOR", "rok": "KOR",
    "north korea": "PRK", "north korean": "PRK", "dprk": "PRK",
    "russia": "RUS", "russian": "RUS", "turkey": "TUR", "turkish": "TUR", "turkiye": "TUR",
    "türkiye": "TUR", "taiwan": "TWN", "taiwanese": "TWN", "iran": "IRN", "iranian": "IRN",
    "vietnam": "VNM", "vietnamese": "VNM", "syria": "SYR", "syrian": "SYR",
    "palestine": "PSE", "palestinian": "PSE", "gaza": "PSE", "israeli": "ISR",
    "emirati": "ARE", "uae": "ARE", "saudi": "SAU", "filipino": "PHL", "philippine": "PHL",
    "the netherlands": "NLD", "dutch": "NLD", "czech": "CZE", "ukrainian": "UKR",
    "kiev": "UKR",
}

# --- capitals and seats of government acting for their state ---------------------------
CAPITALS: dict[str, str] = {
    "Washington": "USA", "Washington, D.C.": "USA", "White House": "USA", "Pentagon": "USA",
    "Beijing": "CHN", "Zhongnanhai": "CHN", "Tokyo": "JPN", "Seoul": "KOR", "Pyongyang": "PRK",
    "Moscow": "RUS", "Kremlin": "RUS", "Kyiv": "UKR", "Kiev": "UKR", "Ankara": "TUR",
    "New Delhi": "IND", "Delhi": "IND", "Brasilia": "BRA", "Brasília": "BRA", "London": "GBR",
    "Downing Street": "GBR", "Whitehall": "GBR", "Paris": "FRA", "Elysee": "FRA",
    "Élysée": "FRA", "Berlin": "DEU", "Rome": "ITA", "Madrid": "ESP", "Warsaw": "POL",
    "Budapest": "HUN", "Bratislava": "SVK", "Prague": "CZE", "Vienna": "AUT", "Bern": "CHE",
    "Stockholm": "SWE", "Oslo": "NOR", "Helsinki": "FIN", "Copenhagen": "DNK",
    "The Hague": "NLD", "Amsterdam": "NLD", "Athens": "GRC", "Lisbon": "PRT", "Dublin": "IRL",
    "Ottawa": "CAN", "Mexico City": "MEX", "Havana": "CUB", "Caracas": "VEN", "Bogota": "COL",
    "Bogotá": "COL", "Lima": "PER", "Santiago": "CHL", "Buenos Aires": "ARG",
    "Tehran": "IRN", "Baghdad": "IRQ", "Damascus": "SYR", "Beirut": "LBN", "Amman": "JOR",
    "Riyadh": "SAU", "Abu Dhabi": "ARE", "Doha": "QAT", "Manama": "BHR", "Muscat": "OMN",
    "Sanaa": "YEM", "Cairo": "EGY", "Jerusalem": "ISR", "Tel Aviv": "ISR", "Ramallah": "PSE",
    "Kabul": "AFG", "Islamabad": "PAK", "Dhaka": "BGD", "Kathmandu": "NPL", "Colombo": "LKA",
    "Naypyidaw": "MMR", "Bangkok": "THA", "Hanoi": "VNM", "Phnom Penh": "KHM",
    "Vientiane": "LAO", "Manila": "PHL", "Malacañang": "PHL", "Jakarta": "IDN",
    "Kuala Lumpur": "MYS", "Singapore": "SGP", "Canberra": "AUS", "Wellington": "NZL",
    "Taipei": "TWN", "Ulaanbaatar": "MNG", "Minsk": "BLR", "Tbilisi": "GEO", "Yerevan": "ARM",
    "Baku": "AZE", "Astana": "KAZ", "Tashkent": "UZB", "Chisinau": "MDA", "Bucharest": "ROU",
    "Sofia": "BGR", "Belgrade": "SRB", "Zagreb": "HRV", "Vilnius": "LTU", "Riga": "LVA",
    "Tallinn": "EST", "Pretoria": "ZAF", "Abuja": "NGA", "Nairobi": "KEN",
    "Addis Ababa": "ETH", "Khartoum": "SDN", "Tripoli": "LBY", "Algiers": "DZA",
    "Rabat": "MAR", "Tunis": "TUN", "Kinshasa": "COD", "Kigali": "RWA", "Kampala": "UGA",
    "Juba": "SSD", "Mogadishu": "SOM", "Asmara": "ERI", "Bamako": "MLI", "Niamey": "NER",
    "Ouagadougou": "BFA", "Dakar": "SEN", "Accra": "GHA", "Harare": "ZWE",
}

# --- international organisations: canonical name -> aliases --------------------------------
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "European Union": ("EU", "E.U.", "Brussels", "European Commission", "the bloc"),
    "NATO": ("North Atlantic Treaty Organization", "the alliance", "Nato"),
    "United Nations": ("UN", "U.N.", "the UN"),
    "UN Security Council": ("Security Council", "UNSC", "U.N. Security Council"),
    "ASEAN": ("Association of Southeast Asian Nations", "Asean"),
    "African Union": ("AU", "African Union Commission"),
    "APEC": ("Asia-Pacific Economic Cooperation",),
    "G7": ("Group of Seven", "G-7"),
    "G20": ("Group of 20", "G-20"),
    "BRICS": (),
    "World Health Organization": ("WHO",),
    "International Monetary Fund": ("IMF",),
    "World Bank": (),
    "World Trade Organization": ("WTO",),
    "International Atomic Energy Agency": ("IAEA",),
    "OPEC": ("Organization of the Petroleum Exporting Countries",),
    "Mercosur": ("Mercosul",),
    "Arab League": ("League of Arab States",),
    "Gulf Cooperation Council": ("GCC",),
    "Shanghai Cooperation Organisation": ("SCO", "Shanghai Cooperation Organization"),
    "OSCE": ("Organization for Security and Co-operation in Europe",),
    "International Criminal Court": ("ICC",),
    "Hamas": (),
    "Hezbollah": (),
}

# --- title words that name roles ---------------------------------------------------------
TITLES: tuple[str, ...] = (
    "president", "vice president", "prime minister", "deputy prime minister", "premier",
    "chancellor", "king", "queen", "emperor", "crown prince", "prince", "emir", "sultan",
    "sheikh", "pope", "supreme leader", "leader", "foreign minister", "defense minister",
    "defence minister", "finance minister", "interior minister", "trade minister", "minister",
    "secretary of state", "secretary", "secretary general", "secretary-general",
    "general secretary", "chairman", "chairwoman", "chairperson", "chair", "chief executive",
    "ceo", "founder", "spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy",
    "special envoy", "governor", "mayor", "senator", "lawmaker", "general", "admiral",
    "commander", "director", "head", "chief", "expert", "analyst", "professor", "predecessor",
    "successor", "deputy", "adviser", "advisor", "national security adviser", "speaker",
    "foreign secretary", "home secretary", "attorney general", "justice minister",
    "delegation head", "negotiator", "sister", "brother", "wife", "husband", "son", "daughter",
)
TITLE_WORDS: frozenset[str] = frozenset(w for t in TITLES for w in t.replace("-", " ").split())
HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "gen", "gen.", "lt",
     "col", "adm", "sen", "sen.", "rep", "rep.", "gov", "gov."}
)
#: Titles that say the holder is a woman or a man (gender evidence for pronouns).
FEMALE_TITLES = frozenset({"queen", "chairwoman", "spokeswoman", "wife", "daughter", "sister",
                           "mrs", "mrs.", "ms", "ms.", "dame"})
MALE_TITLES = frozenset({"king", "emperor", "prince", "crown prince", "emir", "sultan",
                         "sheikh", "pope", "chairman", "spokesman", "husband", "son", "brother",
                         "mr", "mr.", "sir"})

# --- sector words: the part of a state an agent noun names -----------------------------
SECTORS: dict[str, str] = {
    **dict.fromkeys(
        ("military", "army", "navy", "naval", "forces", "force", "troops", "soldiers",
         "warships", "warship", "vessels", "vessel", "ships", "ship", "jets", "jet", "aircraft",
         "drones", "drone", "missiles", "missile", "coast guard", "air force", "marines",
         "fighter", "fighters", "bombers", "submarine", "submarines", "artillery", "militia",
         "defense ministry", "defence ministry", "staff", "people's army", "chiefs"),
        "military"),
    **dict.fromkeys(
        ("government", "ministry", "foreign ministry", "officials", "official", "office",
         "cabinet", "authorities", "administration", "diplomats", "diplomat", "embassy",
         "leadership", "regime", "state", "president's office", "presidential office",
         "department", "commerce department", "state department", "negotiators",
         "delegation", "parliament", "lawmakers", "envoy", "spokesperson"),
        "government"),
    **dict.fromkeys(
        ("prosecutors", "prosecutor", "court", "courts", "judges", "judge",
         "justice department", "justice ministry", "supreme court"),
        "judiciary"),
    **dict.fromkeys(("police", "investigators", "intelligence", "spies", "agents"), "police"),
    **dict.fromkeys(("media", "state media", "broadcaster", "news agency"), "media"),
    **dict.fromkeys(("companies", "firms", "exporters", "businesses", "banks"), "business"),
}


def _norm(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return text.strip().lower()


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a country name, short form or demonym, else ``None``.

    Example:
        >>> country_code("South Korean"), country_code("PRC"), country_code("Nara")
        ('KOR', 'CHN', None)
    """
    import countrynames

    key = _norm(name)
    if not key:
        return None
    if key in _EXTRA_COUNTRY_NAMES:
        return _EXTRA_COUNTRY_NAMES[key]
    capital = _capital_index().get(key)
    if capital:
        return None  # a capital is a place first; state_of() decides when it acts
    official = _official_names().get(key)
    if official:
        return official
    if len(key) <= 3 or not _DEMONYM.search(key):
        # countrynames also knows cities ("Nara" -> JP) and bare ISO codes ("IT"):
        # past ISO names, trust it for demonyms only
        return None
    code2 = countrynames.to_code(key)
    if code2 is None or len(code2) != 2:
        return None  # subdivisions ("CN-BJ") and pseudo-codes are not states
    return _alpha3(code2)


_DEMONYM = re.compile(r"(?:an|ese|ish|i|ic|ch|ean|ene|ite|ot|er)$")
_MORE_DEMONYMS = {"swiss": "CHE", "greek": "GRC", "thai": "THA", "kyrgyz": "KGZ",
                  "french": "FRA", "welsh": "GBR", "scottish": "GBR", "english": "GBR"}


@lru_cache(maxsize=1)
def _official_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = dict(_MORE_DEMONYMS)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(value.lower(), c.alpha_3)
    for code, value in _CANONICAL_NAMES.items():
        names[value.lower()] = code
    return names


@lru_cache(maxsize=512)
def _alpha3(code2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code2)
    return country.alpha_3 if country is not None else None


def preload() -> None:
    """Load the country tables now (about 0.4 s once) rather than on the first document."""
    import countrynames

    countrynames.to_code("Cambodian")
    _official_names()
    _capital_index()
    _organisation_index()


def country_name(code: str) -> str | None:
    """Canonical short English name of an alpha-3 code."""
    import pycountry

    if code in _CANONICAL_NAMES:
        return _CANONICAL_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, str]:
    return {_norm(k): v for k, v in CAPITALS.items()}


def state_of(name: str) -> str | None:
    """Alpha-3 code of the state a capital or seat of government stands for."""
    return _capital_index().get(_norm(name))


@lru_cache(maxsize=1)
def _organisation_index() -> dict[str, str]:
    index = {}
    for canonical, aliases in ORGANISATIONS.items():
        index[_norm(canonical)] = canonical
        for alias in aliases:
            index[_norm(alias)] = canonical
    return index


def organisation(name: str) -> str | None:
    """Canonical name of an international organisation, else ``None``."""
    return _organisation_index().get(_norm(name))


def sector(words: str) -> str | None:
    """Sector named by an agent noun phrase (``naval vessels`` -> ``military``).

    Example:
        >>> sector("naval vessels"), sector("prosecutors"), sector("rare earths")
        ('military', 'judiciary', None)
    """
    low = words.lower()
    tokens = low.split()
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            found = SECTORS.get(" ".join(tokens[i : i + n]))
            if found:
                return found
    return None


def is_title(words: str) -> bool:
    """True when every word is a title word (``Prime Minister``, ``General Secretary``)."""
    parts = words.lower().replace("-", " ").split()
    return bool(parts) and all(p in TITLE_WORDS for p in parts)
