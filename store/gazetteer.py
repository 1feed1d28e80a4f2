"""The gazetteer: the world's countries with their other names and demonyms, and the well-known
states, provinces and cities that name their country without naming it.

It lets ingest tell a country from a city, count "Iranian officials" as a mention of Iran and
find the country of a dateline city; names use it to drop a leading country from an
organisation's name when matching.
"""

from __future__ import annotations

from dossier.store.folding import fold

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


COUNTRY_NAMES, DEMONYMS = _parse_countries(_COUNTRY_TABLE)


def country_of(name: str) -> str | None:
    """The country a name denotes ("U.S." -> "United States"), or None when it is not one."""
    return COUNTRY_NAMES.get(fold(name))


def country_of_demonym(word: str) -> str | None:
    """The country a demonym stands for ("Iranian" -> "Iran", "American" -> "United States")."""
    return DEMONYMS.get(fold(word))


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
STATE_NAMES = {fold(abbreviation): state for abbreviation, state in US_STATE_ABBREVIATIONS.items()}


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
