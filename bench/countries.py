"""Reuters-21578 ``places`` codes mapped to the country names an article uses for them.

The index's codes (``usa``, ``west-germany``, ``ussr``…) are the independent reference for
place-extraction quality; each code lists the names (and 1987-era variants) that count as
finding it. Names are compared in the store's folded form (``store.names``), so "U.S.",
"US" and "the United States" all match ``usa``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dossier.store.folding import fold
from dossier.store.names import canonical_name

# code -> names that denote it; the first is the display name.
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "afghanistan": ("Afghanistan",),
    "algeria": ("Algeria",),
    "angola": ("Angola",),
    "antigua": ("Antigua", "Antigua and Barbuda"),
    "argentina": ("Argentina",),
    "aruba": ("Aruba",),
    "australia": ("Australia",),
    "austria": ("Austria",),
    "bahamas": ("Bahamas", "The Bahamas"),
    "bahrain": ("Bahrain",),
    "bangladesh": ("Bangladesh",),
    "barbados": ("Barbados",),
    "belgium": ("Belgium",),
    "benin": ("Benin",),
    "bermuda": ("Bermuda",),
    "bhutan": ("Bhutan",),
    "bolivia": ("Bolivia",),
    "botswana": ("Botswana",),
    "brazil": ("Brazil",),
    "brunei": ("Brunei",),
    "bulgaria": ("Bulgaria",),
    "burkina-faso": ("Burkina Faso",),
    "burma": ("Burma", "Myanmar"),
    "cameroon": ("Cameroon",),
    "canada": ("Canada",),
    "cayman-islands": ("Cayman Islands", "Caymans"),
    "chad": ("Chad",),
    "chile": ("Chile",),
    "china": ("China", "People's Republic of China", "PRC"),
    "colombia": ("Colombia",),
    "congo": ("Congo",),
    "costa-rica": ("Costa Rica",),
    "cuba": ("Cuba",),
    "cyprus": ("Cyprus",),
    "czechoslovakia": ("Czechoslovakia",),
    "denmark": ("Denmark",),
    "djibouti": ("Djibouti",),
    "dominican-republic": ("Dominican Republic",),
    "east-germany": ("East Germany", "German Democratic Republic", "GDR"),
    "ecuador": ("Ecuador",),
    "egypt": ("Egypt",),
    "el-salvador": ("El Salvador", "Salvador"),
    "ethiopia": ("Ethiopia",),
    "fiji": ("Fiji",),
    "finland": ("Finland",),
    "france": ("France",),
    "gabon": ("Gabon",),
    "ghana": ("Ghana",),
    "greece": ("Greece",),
    "guam": ("Guam",),
    "guatemala": ("Guatemala",),
    "guinea": ("Guinea",),
    "guyana": ("Guyana",),
    "haiti": ("Haiti",),
    "honduras": ("Honduras",),
    "hong-kong": ("Hong Kong",),
    "hungary": ("Hungary",),
    "iceland": ("Iceland",),
    "india": ("India",),
    "indonesia": ("Indonesia",),
    "iran": ("Iran",),
    "iraq": ("Iraq",),
    "ireland": ("Ireland", "Irish Republic", "Republic of Ireland"),
    "israel": ("Israel",),
    "italy": ("Italy",),
    "ivory-coast": ("Ivory Coast", "Cote d'Ivoire"),
    "jamaica": ("Jamaica",),
    "japan": ("Japan",),
    "jordan": ("Jordan",),
    "kampuchea": ("Kampuchea", "Cambodia"),
    "kenya": ("Kenya",),
    "kuwait": ("Kuwait",),
    "lebanon": ("Lebanon",),
    "lesotho": ("Lesotho",),
    "liberia": ("Liberia",),
    "libya": ("Libya",),
    "liechtenstein": ("Liechtenstein",),
    "luxembourg": ("Luxembourg",),
    "madagascar": ("Madagascar",),
    "malawi": ("Malawi",),
    "malaysia": ("Malaysia",),
    "malta": ("Malta",),
    "mauritania": ("Mauritania",),
    "mauritius": ("Mauritius",),
    "mexico": ("Mexico",),
    "morocco": ("Morocco",),
    "mozambique": ("Mozambique",),
    "namibia": ("Namibia", "South West Africa"),
    "nepal": ("Nepal",),
    "netherlands": ("Netherlands", "Holland"),
    "new-zealand": ("New Zealand",),
    "nicaragua": ("Nicaragua",),
    "niger": ("Niger",),
    "nigeria": ("Nigeria",),
    "north-korea": ("North Korea",),
    "norway": ("Norway",),
    "oman": ("Oman",),
    "pakistan": ("Pakistan",),
    "panama": ("Panama",),
    "papua-new-guinea": ("Papua New Guinea",),
    "paraguay": ("Paraguay",),
    "peru": ("Peru",),
    "philippines": ("Philippines",),
    "poland": ("Poland",),
    "portugal": ("Portugal",),
    "qatar": ("Qatar",),
    "romania": ("Romania", "Rumania"),
    "rwanda": ("Rwanda",),
    "saudi-arabia": ("Saudi Arabia",),
    "senegal": ("Senegal",),
    "sierra-leone": ("Sierra Leone",),
    "singapore": ("Singapore",),
    "somalia": ("Somalia",),
    "south-africa": ("South Africa",),
    "south-korea": ("South Korea", "Korea"),
    "spain": ("Spain",),
    "sri-lanka": ("Sri Lanka",),
    "sudan": ("Sudan",),
    "suriname": ("Suriname", "Surinam"),
    "swaziland": ("Swaziland",),
    "sweden": ("Sweden",),
    "switzerland": ("Switzerland",),
    "syria": ("Syria",),
    "taiwan": ("Taiwan",),
    "tanzania": ("Tanzania",),
    "thailand": ("Thailand",),
    "togo": ("Togo",),
    "trinidad-tobago": ("Trinidad and Tobago", "Trinidad"),
    "tunisia": ("Tunisia",),
    "turkey": ("Turkey",),
    "uae": ("United Arab Emirates", "UAE", "Emirates"),
    "uganda": ("Uganda",),
    "uk": ("United Kingdom", "Britain", "UK", "Great Britain", "England", "Scotland", "Wales"),
    "uruguay": ("Uruguay",),
    "us-virgin-islands": ("U.S. Virgin Islands", "Virgin Islands"),
    "usa": ("United States", "U.S.", "US", "USA", "America", "United States of America"),
    "ussr": ("Soviet Union", "USSR", "Russia"),
    "vanuatu": ("Vanuatu",),
    "venezuela": ("Venezuela",),
    "vietnam": ("Vietnam", "Viet Nam"),
    "west-germany": ("West Germany", "Germany", "Federal Republic of Germany"),
    "yemen-arab-republic": ("Yemen Arab Republic", "North Yemen", "Yemen"),
    "yemen-demo-republic": ("South Yemen", "People's Democratic Republic of Yemen", "Yemen"),
    "yugoslavia": ("Yugoslavia",),
    "zaire": ("Zaire",),
    "zambia": ("Zambia",),
    "zimbabwe": ("Zimbabwe",),
}


def name_key(name: str) -> str:
    """The folded form under which a place name is compared with the table."""
    return fold(canonical_name(name))


_CODES_BY_KEY: dict[str, frozenset[str]] = {}
for _code, _names in COUNTRY_NAMES.items():
    for _name in _names:
        _key = name_key(_name)
        _CODES_BY_KEY[_key] = _CODES_BY_KEY.get(_key, frozenset()) | {_code}


def codes_for(name: str) -> frozenset[str]:
    """The Reuters country codes a place name denotes; empty when it is not a country."""
    return _CODES_BY_KEY.get(name_key(name), frozenset())


@dataclass(slots=True)
class PlaceScore:
    """Running counts for country recall and precision over many articles."""

    articles: int = 0
    expected: int = 0  # index countries, summed over articles
    found: int = 0  # of those, named by one of the article's place actors
    country_actors: int = 0  # place actors that are countries
    relevant: int = 0  # of those, in the article's index places

    def add(self, index_places: Iterable[str], place_names: Iterable[str]) -> None:
        """Count one article: its index country codes against its place actors' names."""
        expected = {code for code in index_places if code in COUNTRY_NAMES}
        named = [codes_for(name) for name in place_names]
        named = [codes for codes in named if codes]
        found_codes = frozenset().union(*named) if named else frozenset()
        self.articles += 1
        self.expected += len(expected)
        self.found += len(expected & found_codes)
        self.country_actors += len(named)
        self.relevant += sum(1 for codes in named if codes & expected)

    @property
    def recall(self) -> float | None:
        """Share of index countries found among the articles' place actors."""
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        """Share of the articles' country actors that are in their index places."""
        return self.relevant / self.country_actors if self.country_actors else None
