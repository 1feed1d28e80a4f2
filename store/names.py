"""Name folding shared by ingest (merging inside a document) and the store (across documents).

Two names denote the same actor when they share a match key: the actor kind plus the
name folded for case, dots in abbreviations, a leading "the", possessives and line
wraps, with a short table of well-known variants (US / U.S. / United States).
Organisations also meet at their plain form (no company suffix, no leading country,
"Department of State" read as "State Department"). General tables of the world's
countries (names, demonyms) and of well-known cities and states let ingest tell a
country from a city and count "Iranian officials" as a mention of Iran.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WHITESPACE = re.compile(r"\s+")
# Control and invisible formatting characters (C0, DEL, C1, zero-width, bidi overrides, BOM).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s?$")
_DOTTED_ABBREVIATION = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_ENDS_IN_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}$")

# Well-known variants of one name, folded; the first entry is the display name.
VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("United States", "US", "USA", "United States of America", "America"),
    ("United Kingdom", "UK", "Britain", "Great Britain"),
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("Soviet Union", "USSR"),
    ("United Arab Emirates", "UAE"),
    ("North Atlantic Treaty Organization", "NATO"),
)


def clean_name(text: str) -> str:
    """The name as displayed: Unicode-normalised, no control or bidi characters, one space between words, no possessive."""
    name = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_APOSTROPHES)
    name = _WHITESPACE.sub(" ", name).strip(" \t\n,;:-\"'()[]")
    name = _POSSESSIVE.sub("", name).strip()
    if name.endswith(".") and not _ENDS_IN_ABBREVIATION.search(name):
        name = name.rstrip(". ")
    return name


_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
"""ASCII words and single spaces: nothing in it for ``clean_name`` or the abbreviation rule to change."""


def fold(name: str) -> str:
    """The comparison form of a name: case-folded, no dots in abbreviations, no leading 'the'."""
    if _PLAIN_NAME.fullmatch(name) and not _LEADING_THE.match(name):
        return name.casefold()  # most names; the full rules cost ~4x more (the review queue folds every actor)
    return fold_fully(name)


def fold_fully(name: str) -> str:
    """``fold`` by every rule, whatever the name holds."""
    text = clean_name(name)
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _LEADING_THE.sub("", text)
    return text.casefold().strip()


_CANONICAL: dict[str, str] = {
    fold(variant): group[0] for group in VARIANT_GROUPS for variant in group
}


def canonical_name(name: str) -> str:
    """The display name for a well-known variant ("U.S." -> "United States"), else the clean name."""
    folded = fold(name)
    return _CANONICAL.get(folded) or _COUNTRY_NAMES.get(folded) or clean_name(name)


def match_keys(name: str, kind: str) -> list[str]:
    """Keys under which an actor of this kind and name merges with others.

    Organisations get one key per form in ``organization_key_forms``, so "US State
    Department" and "U.S. Department of State" meet at "organization:state department".
    """
    canonical = canonical_name(name)
    if kind == "organization":
        return [f"{kind}:{form}" for form in organization_key_forms(canonical)]
    if kind == "group":
        return [f"{kind}:{singular_last_word(fold(canonical))}"]
    return [f"{kind}:{fold(canonical)}"]


def singular_last_word(folded: str) -> str:
    """A group name with its last word in the singular ("tories" -> "tory", "muslims" -> "muslim"),
    so the singular and plural forms news uses for one group meet."""
    head, _, last = folded.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us")) and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}" if head else last


def slugify(text: str, max_length: int = 48) -> str:
    """A lower-case ASCII slug for ids and file names ("Sean McCormack" -> "sean-mccormack")."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "x"


# The world's countries (and a few territories and 1980s states news still names), one per
# line: display name | other names | demonyms (adjective and people). Used to tell a country
# from a city, to count demonyms ("Iranian officials") as mentions of their country, and to
# drop a leading country from an organisation's name when matching.
_COUNTRY_TABLE = """
Afghanistan||Afghan,Afghans,Afghani
Albania||Albanian,Albanians
Algeria||Algerian,Algerians
Andorra||Andorran
Angola||Angolan,Angolans
Antigua and Barbuda|Antigua|Antiguan
Argentina||Argentine,Argentinian,Argentines,Argentinians
Armenia||Armenian,Armenians
Aruba||Aruban
Australia||Australian,Australians
Austria||Austrian,Austrians
Azerbaijan||Azerbaijani,Azeri,Azerbaijanis
Bahamas|The Bahamas|Bahamian
Bahrain||Bahraini,Bahrainis
Bangladesh||Bangladeshi,Bangladeshis
Barbados||Barbadian
Belarus|Byelorussia|Belarusian,Belarussian
Belgium||Belgian,Belgians
Belize||Belizean
Benin||Beninese
Bermuda||Bermudian
Bhutan||Bhutanese
Bolivia||Bolivian,Bolivians
Bosnia and Herzegovina|Bosnia|Bosnian,Bosnians
Botswana||Botswanan
Brazil||Brazilian,Brazilians
Brunei||Bruneian
Bulgaria||Bulgarian,Bulgarians
Burkina Faso||Burkinabe
Myanmar|Burma|Burmese
Burundi||Burundian
Cambodia|Kampuchea|Cambodian,Cambodians,Kampuchean
Cameroon||Cameroonian
Canada||Canadian,Canadians
Cape Verde||Cape Verdean
Cayman Islands|Caymans|
Central African Republic||
Chad||Chadian
Chile||Chilean,Chileans
China|People's Republic of China,PRC|Chinese
Colombia||Colombian,Colombians
Comoros||Comoran
Congo|Republic of the Congo,Democratic Republic of Congo,DR Congo,DRC|Congolese
Costa Rica||Costa Rican
Croatia||Croatian,Croat,Croats,Croatians
Cuba||Cuban,Cubans
Cyprus||Cypriot,Cypriots
Czech Republic|Czechia|Czech,Czechs
Czechoslovakia||Czechoslovak
Denmark||Danish,Dane,Danes
Djibouti||Djiboutian
Dominica||
Dominican Republic||Dominican
East Timor|Timor-Leste|East Timorese
East Germany|German Democratic Republic,GDR|East German,East Germans
Ecuador||Ecuadorean,Ecuadorian
Egypt||Egyptian,Egyptians
El Salvador||Salvadorean,Salvadoran
Equatorial Guinea||
Eritrea||Eritrean,Eritreans
Estonia||Estonian,Estonians
Ethiopia||Ethiopian,Ethiopians
Fiji||Fijian
Finland||Finnish,Finn,Finns
France||French,Frenchman,Frenchmen
Gabon||Gabonese
Gambia|The Gambia|Gambian
Georgia||Georgian,Georgians
Germany|West Germany,Federal Republic of Germany|German,Germans,West German
Ghana||Ghanaian,Ghanaians
Greece||Greek,Greeks
Grenada||Grenadian
Guatemala||Guatemalan,Guatemalans
Guinea||Guinean
Guinea-Bissau||
Guyana||Guyanese
Haiti||Haitian,Haitians
Honduras||Honduran,Hondurans
Hong Kong||
Hungary||Hungarian,Hungarians
Iceland||Icelandic,Icelander,Icelanders
India||Indian,Indians
Indonesia||Indonesian,Indonesians
Iran|Islamic Republic of Iran,Persia|Iranian,Iranians
Iraq||Iraqi,Iraqis
Ireland|Republic of Ireland,Irish Republic,Eire|Irish
Israel||Israeli,Israelis
Italy||Italian,Italians
Ivory Coast|Cote d'Ivoire|Ivorian,Ivorians
Jamaica||Jamaican,Jamaicans
Japan||Japanese
Jordan||Jordanian,Jordanians
Kazakhstan||Kazakh,Kazakhs
Kenya||Kenyan,Kenyans
Kosovo||Kosovar,Kosovan,Kosovars
Kuwait||Kuwaiti,Kuwaitis
Kyrgyzstan||Kyrgyz
Laos||Lao,Laotian
Latvia||Latvian,Latvians
Lebanon||Lebanese
Lesotho||
Liberia||Liberian,Liberians
Libya||Libyan,Libyans
Liechtenstein||
Lithuania||Lithuanian,Lithuanians
Luxembourg||Luxembourgish
Macedonia|North Macedonia|Macedonian
Madagascar||Malagasy
Malawi||Malawian
Malaysia||Malaysian,Malaysians
Maldives||Maldivian
Mali||Malian
Malta||Maltese
Mauritania||Mauritanian
Mauritius||Mauritian
Mexico||Mexican,Mexicans
Moldova||Moldovan
Monaco||Monegasque
Mongolia||Mongolian,Mongolians
Montenegro||Montenegrin
Morocco||Moroccan,Moroccans
Mozambique||Mozambican
Namibia|South West Africa|Namibian
Nepal||Nepalese,Nepali
Netherlands|Holland,The Netherlands|Dutch,Dutchman
New Zealand||New Zealander,New Zealanders
Nicaragua||Nicaraguan,Nicaraguans
Niger||Nigerien
Nigeria||Nigerian,Nigerians
North Korea|Democratic People's Republic of Korea,DPRK|North Korean,North Koreans
Norway||Norwegian,Norwegians
Oman||Omani
Pakistan||Pakistani,Pakistanis
Palestine|Palestinian Territories|Palestinian,Palestinians
Panama||Panamanian
Papua New Guinea||
Paraguay||Paraguayan
Peru||Peruvian,Peruvians
Philippines|The Philippines|Filipino,Filipinos,Philippine
Poland||Polish,Pole,Poles
Portugal||Portuguese
Qatar||Qatari,Qataris
Romania|Rumania|Romanian,Romanians,Rumanian
Russia|Russian Federation|Russian,Russians
Rwanda||Rwandan,Rwandans
Saudi Arabia||Saudi,Saudis
Senegal||Senegalese
Serbia||Serbian,Serb,Serbs
Sierra Leone||Sierra Leonean
Singapore||Singaporean
Slovakia||Slovak,Slovakian
Slovenia||Slovenian,Slovene
Somalia||Somali,Somalis
South Africa||South African,South Africans
South Korea|Republic of Korea,Korea|South Korean,South Koreans,Korean
Soviet Union|USSR|Soviet,Soviets
Spain||Spanish,Spaniard,Spaniards
Sri Lanka||Sri Lankan
Sudan||Sudanese
South Sudan||South Sudanese
Suriname|Surinam|Surinamese
Swaziland|Eswatini|Swazi
Sweden||Swedish,Swede,Swedes
Switzerland||Swiss
Syria||Syrian,Syrians
Taiwan||Taiwanese
Tajikistan||Tajik
Tanzania||Tanzanian
Thailand||Thai,Thais
Togo||Togolese
Trinidad and Tobago|Trinidad|Trinidadian
Tunisia||Tunisian,Tunisians
Turkey||Turkish,Turk,Turks
Turkmenistan||Turkmen
Uganda||Ugandan,Ugandans
Ukraine||Ukrainian,Ukrainians
United Arab Emirates|UAE,Emirates|Emirati
United Kingdom|UK,Britain,Great Britain|British,Briton,Britons
United States|US,USA,United States of America,America|American,Americans
Uruguay||Uruguayan
Uzbekistan||Uzbek
Vanuatu||
Vatican|Holy See|
Venezuela||Venezuelan,Venezuelans
Vietnam|Viet Nam|Vietnamese
Yemen|North Yemen,South Yemen|Yemeni,Yemenis
Yugoslavia||Yugoslav
Zaire||Zairean
Zambia||Zambian
Zimbabwe||Zimbabwean,Zimbabweans
"""


def _parse_countries(table: str) -> tuple[dict[str, str], dict[str, str]]:
    """Folded country names and folded demonyms, each mapped to the country's display name."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for line in table.strip().splitlines():
        display, others, adjectives = line.split("|")
        for name in (display, *filter(None, others.split(","))):
            names[fold(name)] = display
        for demonym in filter(None, adjectives.split(",")):
            demonyms[fold(demonym)] = display
    return names, demonyms


_COUNTRY_NAMES, _DEMONYMS = _parse_countries(_COUNTRY_TABLE)


def country_of(name: str) -> str | None:
    """The country a name denotes ("U.S." -> "United States"), or None when it is not one."""
    return _COUNTRY_NAMES.get(fold(name))


def country_of_demonym(word: str) -> str | None:
    """The country a demonym stands for ("Iranian" -> "Iran", "American" -> "United States")."""
    return _DEMONYMS.get(fold(word))


_DEPARTMENT_OF = re.compile(
    r"^(department|ministry|bureau|office|agency|commission|council|committee) of (?:the )?(\w+)$"
)


def organization_key_forms(name: str) -> list[str]:
    """Folded forms of an organisation's name that denote it in any country's press, fullest first.

    "US State Department", "U.S. Department of State" and "State Department" all end in
    "state department": a trailing company suffix ("Co", "Inc", "Plc") is dropped, then a
    leading country name or demonym when at least two words remain, and "Department of X"
    reads as "X Department". The last form is the most reduced.
    """
    folded = fold(name)
    forms = [folded]
    words = folded.split(" ")
    while len(words) > 1 and words[-1].rstrip(".") in COMPANY_SUFFIXES:
        words = words[:-1]
    if len(words) < len(folded.split(" ")):
        forms.append(" ".join(words))
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if len(words) - size >= 2 and (head in _COUNTRY_NAMES or head in _DEMONYMS):
            words = words[size:]
            break
    rest = " ".join(words)
    reordered = _DEPARTMENT_OF.match(rest)
    if reordered:
        rest = f"{reordered.group(2)} {reordered.group(1)}"
    if rest not in forms:
        forms.append(rest)
    return forms


COMPANY_SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "co", "plc", "ltd", "llc", "lp", "l.p", "ag", "sa", "nv",
     "n.v", "gmbh", "bhd", "spa", "s.a", "limited", "incorporated", "cos"}
)


# Places that name their country without naming it: US states (with AP abbreviations),
# Canadian provinces, and the capitals and large cities of the world's countries, one
# country per line. Ambiguous names (Georgia, Birmingham, Victoria) are left out.
_PLACES_BY_COUNTRY = """
United States|Alabama,Ala,Alaska,Arizona,Ariz,Arkansas,Ark,California,Calif,Colorado,Colo,Connecticut,Conn,Delaware,Del,Florida,Fla,Hawaii,Idaho,Illinois,Ill,Indiana,Ind,Iowa,Kansas,Kan,Kentucky,Ky,Louisiana,Maine,Maryland,Md,Massachusetts,Mass,Michigan,Mich,Minnesota,Minn,Mississippi,Missouri,Mo,Montana,Mont,Nebraska,Neb,Nevada,Nev,New Hampshire,N.H.,New Jersey,N.J.,New Mexico,N.M.,New York,N.Y.,North Carolina,N.C.,North Dakota,N.D.,Ohio,Oklahoma,Okla,Oregon,Ore,Pennsylvania,Pa,Rhode Island,R.I.,South Carolina,S.C.,South Dakota,S.D.,Tennessee,Tenn,Texas,Tex,Utah,Vermont,Vt,Virginia,Va,West Virginia,W.Va,Wisconsin,Wis,Wyoming,Wyo,Washington,Wash,Ga,Washington D.C.,New York City,Chicago,Houston,Los Angeles,San Francisco,Boston,Dallas,Detroit,Philadelphia,Atlanta,Miami,Pittsburgh,Cleveland,Minneapolis,St. Louis,Kansas City,Denver,Seattle,Phoenix,Omaha,Des Moines,New Orleans,Baltimore,Cincinnati,Milwaukee,Hartford,Stamford,Rochester,Buffalo,Columbus,Indianapolis,Memphis,Nashville,Charlotte,Richmond,San Diego,San Jose,Salt Lake City,Oklahoma City,Tulsa,Little Rock,Wilmington,Newark,Princeton,Honolulu,Anchorage,Austin,San Antonio,Fort Worth,Sacramento,Oakland,Palo Alto,Silicon Valley,Wall Street,Pentagon,White House,Capitol Hill,Manhattan,Brooklyn,Long Island,Las Vegas,Orlando,Tampa,Jacksonville,Louisville,Toledo,Akron,Dayton,Albany,Syracuse,Providence,New Haven,Greenwich,Purchase,Armonk,Dearborn,Hollywood,Beverly Hills,Santa Monica,Santa Clara,Cupertino,Redmond,Fort Lauderdale,Boca Raton,Peoria,Moline,Decatur,Wichita,Topeka,Sioux City,Fargo,Boise,Spokane,Tacoma,Bethesda,Arlington,Norfolk,Raleigh,Durham,Greensboro,Winston-Salem,Charleston,Savannah,Mobile,Baton Rouge,Shreveport,El Paso,Corpus Christi,Midland,Tucson,Albuquerque,Reno,Fresno,Bakersfield
Canada|Ontario,Quebec,British Columbia,Alberta,Manitoba,Saskatchewan,Nova Scotia,New Brunswick,Newfoundland,Toronto,Montreal,Ottawa,Vancouver,Calgary,Edmonton,Winnipeg,Halifax,Regina
United Kingdom|London,England,Scotland,Wales,Northern Ireland,Edinburgh,Glasgow,Manchester,Liverpool,Leeds,Belfast,Cardiff,Aberdeen,Bristol,Oxford,Cambridge,Westminster,Downing Street,Whitehall,City of London
Japan|Tokyo,Osaka,Kyoto,Yokohama,Nagoya,Kobe
China|Beijing,Peking,Shanghai,Canton,Guangzhou,Shenzhen,Tianjin,Wuhan,Chongqing
Russia|Moscow,St Petersburg,Leningrad,Siberia,Vladivostok
Germany|Berlin,Bonn,Frankfurt,Munich,Hamburg,Cologne,Stuttgart,Duesseldorf,Dusseldorf,Bavaria
France|Paris,Marseille,Lyon,Toulouse,Nice,Strasbourg,Bordeaux,Elysee
Italy|Rome,Milan,Naples,Turin,Venice,Florence,Genoa,Sicily,Sardinia
Spain|Madrid,Barcelona,Seville,Valencia,Bilbao
Portugal|Lisbon,Oporto,Porto
Netherlands|Amsterdam,The Hague,Rotterdam
Belgium|Brussels,Antwerp
Switzerland|Zurich,Geneva,Bern,Berne,Basel,Lausanne,Davos
Austria|Vienna,Salzburg
Sweden|Stockholm,Gothenburg
Norway|Oslo,Bergen
Denmark|Copenhagen
Finland|Helsinki
Ireland|Dublin,Cork
Greece|Athens,Piraeus
Turkey|Ankara,Istanbul,Izmir
Poland|Warsaw,Gdansk,Krakow
Hungary|Budapest
Czech Republic|Prague
Romania|Bucharest
Bulgaria|Sofia
Yugoslavia|Belgrade,Zagreb
Serbia|Belgrade
Ukraine|Kiev,Kyiv,Odessa,Kharkiv
Israel|Jerusalem,Tel Aviv,Haifa
Palestine|Gaza,West Bank,Ramallah
Lebanon|Beirut
Syria|Damascus,Aleppo
Jordan|Amman
Iraq|Baghdad,Basra,Mosul,Kirkuk,Falluja,Fallujah
Iran|Tehran,Teheran,Isfahan,Qom,Tabriz,Kharg Island
Saudi Arabia|Riyadh,Jeddah,Mecca,Medina,Dhahran
Kuwait|Kuwait City
Qatar|Doha
Bahrain|Manama
United Arab Emirates|Abu Dhabi,Dubai,Sharjah
Oman|Muscat
Yemen|Sanaa,Aden
Egypt|Cairo,Alexandria,Sharm el-Sheikh,Suez
Libya|Tripoli,Benghazi
Tunisia|Tunis
Algeria|Algiers
Morocco|Rabat,Casablanca
Nigeria|Lagos,Abuja
Kenya|Nairobi,Mombasa
Ethiopia|Addis Ababa
South Africa|Johannesburg,Pretoria,Cape Town,Durban,Soweto
Zimbabwe|Harare
Zambia|Lusaka
Ghana|Accra
Ivory Coast|Abidjan
Senegal|Dakar
Sudan|Khartoum
Congo|Kinshasa
Zaire|Kinshasa
Tanzania|Dar es Salaam
Uganda|Kampala
India|New Delhi,Delhi,Bombay,Mumbai,Calcutta,Kolkata,Madras,Chennai,Bangalore,Kashmir
Pakistan|Islamabad,Karachi,Lahore,Peshawar
Afghanistan|Kabul,Kandahar,Herat
Bangladesh|Dhaka,Dacca
Sri Lanka|Colombo
Thailand|Bangkok
Vietnam|Hanoi,Saigon,Ho Chi Minh City
Cambodia|Phnom Penh
Philippines|Manila
Indonesia|Jakarta,Bali
Malaysia|Kuala Lumpur
South Korea|Seoul,Pusan,Busan
North Korea|Pyongyang
Taiwan|Taipei
Australia|Sydney,Melbourne,Canberra,Brisbane,Perth,Adelaide
New Zealand|Wellington,Auckland,Christchurch
Brazil|Brasilia,Rio de Janeiro,Sao Paulo,Rio
Argentina|Buenos Aires
Mexico|Mexico City,Monterrey,Guadalajara
Venezuela|Caracas
Colombia|Bogota,Medellin
Peru|Lima
Chile|Santiago
Ecuador|Quito,Guayaquil
Bolivia|La Paz
Uruguay|Montevideo
Paraguay|Asuncion
Cuba|Havana
Nicaragua|Managua
El Salvador|San Salvador
Guatemala|Guatemala City
Honduras|Tegucigalpa
Costa Rica|San Jose Costa Rica
Panama|Panama City
"""


# AP-style abbreviations of US states, as wire datelines write them ("RICHMOND, Va."); "Ga."
# is left as written, since "Georgia" alone would read as the country.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Ky": "Kentucky",
    "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota",
    "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada",
    "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York",
    "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon",
    "Pa": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont",
    "Va": "Virginia", "W.Va": "West Virginia", "Wash": "Washington State", "Wis": "Wisconsin",
    "Wyo": "Wyoming",
}
_STATE_NAMES = {fold(abbreviation): state for abbreviation, state in US_STATE_ABBREVIATIONS.items()}


def place_name(name: str) -> str:
    """A place's display name: a country's own name, a US state's full name for its abbreviation."""
    folded = fold(name)
    return _COUNTRY_NAMES.get(folded) or _STATE_NAMES.get(folded) or canonical_name(name)


def _parse_places(table: str) -> dict[str, str]:
    """Folded place names mapped to the display name of the country they lie in."""
    places: dict[str, str] = {}
    for line in table.strip().splitlines():
        country, names = line.split("|")
        for name in names.split(","):
            places.setdefault(fold(name), country)
    return places


_COUNTRY_OF_PLACE = _parse_places(_PLACES_BY_COUNTRY)


def country_containing(place: str) -> str | None:
    """The country a well-known city, state or province lies in ("Houston" -> "United States")."""
    return _COUNTRY_OF_PLACE.get(fold(place))
