"""Write ``examples/clients.csv``: fictitious French clients as Excel FR exports them.

Every number is computed here (Luhn check digits, VAT keys), never copied from a real company;
names, streets, activities, people and phone numbers are drawn from common French words and
numbering plans with a fixed seed, so that the file is the same on every run. The file is what a
French office hands over: ``;``-separated, Windows-1252, CRLF line ends, French headers, one
client a row with its address and its primary contact. Most clients are companies in mainland
France; a few are individuals, a few are overseas (Guadeloupe, Martinique, La Réunion), in
Monaco, Belgium or Germany. A few rows carry deliberate errors, one of each kind
``clientbook check`` reports (see ``DELIBERATE``), and two pairs of rows describe the same
client, so that the README's main command shows what a user sees.

Usage::

    python examples/make_clients.py                      # examples/clients.csv, 300 clients
    python examples/make_clients.py --rows 100000 --out /tmp/clients-100k.csv

With ``--rows``, one row in 10,000 carries an error; the others are valid.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

#: The columns: their header in the file, and the key of the column in a row.
COLUMNS = [
    ("Code client", "code"),
    ("Type", "kind"),
    ("Raison sociale", "name"),
    ("SIREN", "siren"),
    ("SIRET", "siret"),
    ("N° TVA intracommunautaire", "vat"),
    ("Code APE", "ape"),
    ("Adresse", "address"),
    ("Code postal", "postcode"),
    ("Ville", "city"),
    ("Pays", "country"),
    ("Civilité", "civility"),
    ("Prénom", "first_name"),
    ("Nom", "last_name"),
    ("Email", "email"),
    ("Téléphone direct", "direct_phone"),
    ("Portable", "mobile"),
    ("Standard", "switchboard"),
    ("Actif", "active"),
    ("Poste", "position"),
]
HEADERS = [header for header, _key in COLUMNS]
#: One client: the value of each column, by key.
Row = dict[str, str]
SEED = 20260901
DEFAULT_ROWS = 300
DEFAULT_OUT = Path(__file__).with_name("clients.csv")

# Activities: a name pattern and its APE code (NAF rév. 2).
ACTIVITIES = [
    ("Boulangerie {surname}", "10.71C"),
    ("Boulangerie-Pâtisserie {surname}", "10.71C"),
    ("Boucherie {surname}", "47.22Z"),
    ("Charcuterie {surname}", "10.13B"),
    ("Pâtisserie {surname}", "47.24Z"),
    ("Garage {surname}", "45.20A"),
    ("Automobiles {surname}", "45.11Z"),
    ("Plomberie {surname}", "43.22A"),
    ("{surname} Électricité", "43.21A"),
    ("Menuiserie {surname}", "43.32A"),
    ("Maçonnerie {surname}", "43.99C"),
    ("Peinture et Décoration {surname}", "43.34Z"),
    ("Couverture {surname}", "43.91B"),
    ("Constructions {surname}", "41.20A"),
    ("Pharmacie {place}", "47.73Z"),
    ("Transports {surname}", "49.41A"),
    ("Cabinet {surname} Expertise comptable", "69.20Z"),
    ("Cabinet {surname} Avocats", "69.10Z"),
    ("{surname} Conseil", "70.22Z"),
    ("{surname} Informatique", "62.02A"),
    ("{surname} Logiciels", "62.01Z"),
    ("Restaurant {restaurant}", "56.10A"),
    ("Hôtel {hotel}", "55.10Z"),
    ("Imprimerie {surname}", "18.12Z"),
    ("Fleurs {first}", "47.76Z"),
    ("Salon {first} Coiffure", "96.02A"),
    ("Atelier d'architecture {surname}", "71.11Z"),
    ("Agence immobilière {place}", "68.31Z"),
    ("SCI {sci}", "68.20B"),
    ("{surname} Nettoyage", "81.21Z"),
    ("Jardins {surname}", "81.30Z"),
    ("Traiteur {surname}", "56.21Z"),
    ("Librairie {place}", "47.61Z"),
    ("Auto-école {surname}", "85.53Z"),
    ("Studio photo {surname}", "74.20Z"),
    ("Agence {agency}", "73.11Z"),
    ("{surname} Événements", "82.30Z"),
    ("Épicerie {place}", "47.11B"),
    ("Cabinet dentaire {surname}", "86.21Z"),
    ("Domaine {domain}", "01.21Z"),
    ("Location {surname} Matériel", "77.39Z"),
    ("Formation {surname}", "85.59A"),
    ("Boutique {first}", "47.71Z"),
    ("Clinique vétérinaire {place}", "75.00Z"),
    ("Établissements {surname}", "46.90Z"),
]
LEGAL_FORMS = ["SARL", "SARL", "SAS", "SAS", "SASU", "EURL", "SA", "SNC", "", "", ""]
SURNAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Roche",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Schmitt",
    "Leroux",
    "Colin",
    "Renard",
    "Arnaud",
    "Rolland",
    "Caron",
    "Aubert",
    "Giraud",
    "Leclerc",
    "Vidal",
    "Bourgeois",
    "Renaud",
    "Lemoine",
    "Picard",
    "Gaillard",
    "Lacroix",
    "Fabre",
    "Dupuis",
    "Olivier",
    "Hubert",
    "Guillot",
    "Rivière",
    "Le Gall",
    "Moulin",
    "Berger",
    "Lecomte",
    "Ménard",
    "Fleury",
    "Deschamps",
    "Carpentier",
    "Benoît",
    "Maillard",
    "Aubry",
    "Vasseur",
    "Le Roux",
    "Jacquet",
    "Prévost",
    "Poirier",
    "Charpentier",
    "Royer",
    "Huet",
    "Baron",
    "Pons",
    "Carré",
    "Breton",
    "Rémy",
    "Schneider",
    "Perrot",
    "Guyot",
    "Marty",
    "Cousin",
]
FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Louise",
    "Emma",
    "Hugo",
    "Lucas",
    "Louis",
    "Jules",
    "Gabriel",
    "Arthur",
    "Nathan",
    "Théo",
    "Marie",
    "Sophie",
    "Isabelle",
    "Nathalie",
    "Philippe",
    "Thierry",
    "Pascal",
    "Sandrine",
    "Éric",
    "Hélène",
    "Françoise",
    "Jérôme",
]
PLACES = [
    "du Centre",
    "de la Gare",
    "des Halles",
    "du Marché",
    "de la Mairie",
    "du Port",
    "des Arcades",
    "Saint-Michel",
]
RESTAURANTS = [
    "Le Petit Zinc",
    "La Bonne Table",
    "Le Relais",
    "L'Escale",
    "Chez {first}",
    "Chez {surname}",
    "La Table de {first}",
]
HOTELS = ["du Lac", "des Voyageurs", "Bellevue", "de la Poste", "Le Clos {first}", "{surname}"]
SCIS = ["Les Tilleuls", "du Parc", "Les Acacias", "Le Moulin", "des Vignes", "{surname}"]
AGENCIES = ["Pixel & Plume", "Bleu Horizon", "Effet Papillon", "Les Faiseurs", "{surname}"]
DOMAINS = ["des Coteaux", "de la Source", "du Grand Chêne", "{surname}"]
STREET_TYPES = ["rue", "rue", "rue", "avenue", "boulevard", "place", "chemin", "impasse", "allée"]
STREET_NAMES = [
    "de la République",
    "Victor Hugo",
    "Jean Jaurès",
    "du Général de Gaulle",
    "Pasteur",
    "de la Gare",
    "des Écoles",
    "des Lilas",
    "Gambetta",
    "Émile Zola",
    "du Moulin",
    "de l'Église",
    "Nationale",
    "des Artisans",
    "Jules Ferry",
    "du Commerce",
]
# Postal code, city, and the area code of its fixed lines (ARCEP: 01 Île-de-France, 02
# north-west, 03 north-east, 04 south-east and Corsica, 05 south-west; 0590 Guadeloupe, 0596
# Martinique, 0262 La Réunion).
CITIES = [
    ("75011", "Paris", "01"),
    ("75015", "Paris", "01"),
    ("69003", "Lyon", "04"),
    ("13008", "Marseille", "04"),
    ("31000", "Toulouse", "05"),
    ("44000", "Nantes", "02"),
    ("33000", "Bordeaux", "05"),
    ("59000", "Lille", "03"),
    ("35000", "Rennes", "02"),
    ("67000", "Strasbourg", "03"),
    ("34000", "Montpellier", "04"),
    ("06000", "Nice", "04"),
    ("38000", "Grenoble", "04"),
    ("21000", "Dijon", "03"),
    ("49000", "Angers", "02"),
    ("51100", "Reims", "03"),
    ("42000", "Saint-Étienne", "04"),
    ("63000", "Clermont-Ferrand", "04"),
    ("37000", "Tours", "02"),
    ("87000", "Limoges", "05"),
    ("80000", "Amiens", "03"),
    ("57000", "Metz", "03"),
    ("25000", "Besançon", "03"),
    ("45000", "Orléans", "02"),
    ("76000", "Rouen", "02"),
    ("14000", "Caen", "02"),
    ("54000", "Nancy", "03"),
    ("66000", "Perpignan", "04"),
    ("29200", "Brest", "02"),
    ("64000", "Pau", "05"),
    ("74000", "Annecy", "04"),
    ("20000", "Ajaccio", "04"),
    ("97110", "Pointe-à-Pitre", "0590"),
    ("97200", "Fort-de-France", "0596"),
    ("97400", "Saint-Denis", "0262"),
    ("01000", "Bourg-en-Bresse", "04"),
    ("05000", "Gap", "04"),
]
# What follows an overseas area code (the first two digits of the subscriber's number), and the
# mobile prefix and international code of each territory.
OVERSEAS = {
    "0590": ("8", "0690", "+590"),
    "0596": ("6", "0696", "+596"),
    "0262": ("2", "0692", "+262"),
}
WOMEN = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Louise", "Emma", "Marie", "Sophie", "Isabelle",
    "Nathalie", "Sandrine", "Hélène", "Françoise", "Céline", "Aurélie",
]  # fmt: skip
MEN = [
    "Hugo", "Lucas", "Louis", "Jules", "Gabriel", "Arthur", "Nathan", "Théo", "Philippe",
    "Thierry", "Pascal", "Éric", "Jérôme", "Stéphane", "Olivier", "Benoît",
]  # fmt: skip
CIVILITIES = {"M.": ["M.", "M.", "M.", "Monsieur", "M"], "Mme": ["Mme", "Mme", "Madame", "Mme."]}
POSITIONS = [
    "Gérant",
    "Directeur général",
    "Président",
    "Responsable administratif",
    "Assistante de direction",
    "Comptable",
    "Responsable des achats",
    "Office manager",
    "",
]
MAIL_PROVIDERS = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr"]
INDIVIDUAL_SHARE = 0.05
INACTIVE_SHARE = 0.07


def luhn_ok(digits: str) -> bool:
    """Return whether *digits* pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def luhn_complete(payload: str) -> str:
    """Return *payload* followed by the digit that makes it pass the Luhn check."""
    return next(payload + d for d in "0123456789" if luhn_ok(payload + d))


def french_vat(siren: str) -> str:
    """Return the French VAT number of *siren* (numeric key)."""
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def belgian_vat(rng: random.Random) -> str:
    """Return a Belgian VAT number: 0, 7 digits and 97 minus their remainder by 97."""
    base = f"0{rng.randint(2, 9)}" + "".join(rng.choices("0123456789", k=6))
    return f"BE{base}{97 - int(base) % 97:02d}"


def german_vat(rng: random.Random) -> str:
    """Return a German VAT number: 8 digits and an ISO 7064 Mod 11,10 check digit."""
    digits = str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=7))
    product = 10
    for char in digits:
        total = (int(char) + product) % 10 or 10
        product = (2 * total) % 11
    return f"DE{digits}{(11 - product) % 10}"


def ascii_slug(text: str, separator: str = "-") -> str:
    """Return *text* in lower-case ASCII letters and digits, words joined by *separator*."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return separator.join(re.findall(r"[a-z0-9]+", bare.lower()))


def grouped(digits: str) -> str:
    """Return a 10-digit French number in pairs: ``04 78 12 34 56``."""
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


class Maker:
    """Draws fictitious clients from a seeded random generator."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.sirens: set[str] = set()
        self.count = 0

    def pick(self, items: list[str]) -> str:
        """Return one of *items*, with ``{surname}`` and ``{first}`` filled in."""
        return self.rng.choice(items).format(
            surname=self.rng.choice(SURNAMES), first=self.rng.choice(FIRST_NAMES)
        )

    def digits(self, count: int) -> str:
        """Return *count* random digits."""
        return "".join(self.rng.choices("0123456789", k=count))

    def siren(self, first: str = "3456789") -> str:
        """Return a valid SIREN starting with one of the digits *first*, new in this file."""
        while True:
            siren = luhn_complete(self.rng.choice(first) + self.digits(7))
            if siren not in self.sirens:
                self.sirens.add(siren)
                return siren

    def siret(self, siren: str) -> str:
        """Return a valid SIRET of the company *siren*, with a NIC as INSEE gives them."""
        return luhn_complete(siren + f"{self.rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 12, 23]):04d}")

    def name(self) -> tuple[str, str]:
        """Return a company name and its APE code."""
        pattern, ape = self.rng.choice(ACTIVITIES)
        name = pattern.format(
            surname=self.rng.choice(SURNAMES),
            first=self.rng.choice(FIRST_NAMES),
            # Shops named after their place in town, or more often after their owner.
            place=self.rng.choice(PLACES) if self.rng.random() < 0.3 else self.pick(SURNAMES),
            restaurant=self.pick(RESTAURANTS),
            hotel=self.pick(HOTELS) if self.rng.random() < 0.3 else self.pick(SURNAMES),
            sci=self.pick(SCIS) if self.rng.random() < 0.3 else self.pick(SURNAMES),
            agency=self.pick(AGENCIES) if self.rng.random() < 0.3 else self.pick(SURNAMES),
            domain=self.pick(DOMAINS) if self.rng.random() < 0.3 else self.pick(SURNAMES),
        )
        form = self.rng.choice(LEGAL_FORMS)
        if form and not name.startswith("SCI"):
            name = f"{form} {name}" if self.rng.random() < 0.3 else f"{name} {form}"
        return name, ape

    def phone(self, area: str, *, mobile: bool = False) -> str:
        """Return a valid phone number of the territory of *area*, typed as people do."""
        if area in OVERSEAS:
            follow, mobile_prefix, code = OVERSEAS[area]
            prefix = mobile_prefix if mobile else area
            rest = (follow if not mobile else str(self.rng.randint(1, 4))) + self.digits(5)
            number = prefix + rest
            if self.rng.random() < 0.2:
                return f"{code} {number[1:4]} {rest[:2]} {rest[2:4]} {rest[4:]}"
        else:
            # Digits after the prefix that the plan has given out everywhere in mainland France
            # (0262, 0590... are overseas numbers; 0639 and 069x are not mainland mobiles).
            if mobile:
                prefix = self.rng.choice(["06", "06", "07"])
                first = self.rng.choice("5678" if prefix == "07" else "1245678")
            else:
                prefix, first = area, self.rng.choice("12345")
            number = prefix + first + self.digits(7)
            if self.rng.random() < 0.05:
                return f"+33 {number[1]} {grouped(number)[3:]}"
        style = self.rng.random()
        if style < 0.15:
            return number
        if style < 0.25:
            return grouped(number).replace(" ", ".")
        return grouped(number)

    def person(self) -> tuple[str, str, str]:
        """Return a civility as people type it, a first name and a last name."""
        woman = self.rng.random() < 0.5
        civility = self.rng.choice(CIVILITIES["Mme" if woman else "M."])
        return civility, self.rng.choice(WOMEN if woman else MEN), self.rng.choice(SURNAMES)

    def address(self) -> tuple[str, str, str, str, str]:
        """Return the street, postal code, city, country as typed, and the area code."""
        street = f"{self.rng.randint(1, 180)} {self.pick(STREET_TYPES)} {self.pick(STREET_NAMES)}"
        postcode, city, area = self.rng.choice(CITIES)
        country = self.rng.choices(["France", "", "FR", "FRANCE"], weights=[6, 2, 1, 1])[0]
        return street, postcode, city, country, area

    def contact(self, row: Row, area: str, domain: str) -> None:
        """Fill in the primary contact of a company: a person at *domain*, its phones."""
        civility, first, last = self.person()
        row.update(civility=civility, first_name=first, last_name=last)
        row["email"] = f"{ascii_slug(first, '.')}.{ascii_slug(last, '')}@{domain}"
        row["position"] = self.rng.choice(POSITIONS)
        row["direct_phone"] = self.phone(area)
        row["mobile"] = self.phone(area, mobile=True) if self.rng.random() < 0.6 else ""
        row["switchboard"] = self.phone(area) if self.rng.random() < 0.7 else ""

    def client(self) -> Row:
        """Return a valid client, mostly a French company, numbers written as people type them."""
        self.count += 1
        street, postcode, city, country, area = self.address()
        row: Row = {
            "code": f"C{self.count:05d}",
            "address": street,
            "postcode": postcode,
            "city": city,
            "country": country,
            "active": "non" if self.rng.random() < INACTIVE_SHARE else "oui",
        }
        if self.rng.random() < INDIVIDUAL_SHARE:
            return self.individual(row, area)
        name, ape = self.name()
        siren = self.siren()
        siret = self.siret(siren)
        vat = french_vat(siren)
        if self.rng.random() < 0.3:  # typed with spaces, as INSEE prints them
            siret = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
        if self.rng.random() < 0.2:
            vat = f"FR {vat[2:4]} {vat[4:7]} {vat[7:10]} {vat[10:]}"
        if self.rng.random() < 0.1:  # a sole trader under the VAT threshold has no number
            vat = ""
        if self.rng.random() < 0.4:  # files often drop the dot
            ape = ape.replace(".", "")
        kind = "Société" if self.rng.random() < 0.8 else ""
        row.update(kind=kind, name=name, siren=siren, siret=siret, vat=vat, ape=ape)
        words = [w for w in name.split() if w not in LEGAL_FORMS]
        self.contact(row, area, ascii_slug(" ".join(words)) + ".fr")
        return row

    def individual(self, row: Row, area: str) -> Row:
        """Fill in a client who is a person: no company name, no company number."""
        civility, first, last = self.person()
        provider = self.rng.choice(MAIL_PROVIDERS)
        mailbox = f"{ascii_slug(first, '.')}.{ascii_slug(last, '')}{self.rng.randint(1, 99)}"
        row.update(
            kind="Particulier" if self.rng.random() < 0.8 else "",
            civility=civility,
            first_name=first,
            last_name=last,
            email=f"{mailbox}@{provider}",
            direct_phone=self.phone(area),
            mobile=self.phone(area, mobile=True) if self.rng.random() < 0.8 else "",
        )
        return row


def _with(key: str, value: str) -> Callable[[Row, Maker], None]:
    def change(row: Row, maker: Maker) -> None:
        row[key] = value

    return change


def _company(row: Row, maker: Maker) -> None:
    """Make sure the row is a French company's: the identifier errors below need one."""
    if not row.get("siren"):
        other = maker.client()
        while not other.get("siren"):
            other = maker.client()
        row.update({key: value for key, value in other.items() if key != "code"})


def _siren_checksum(row: Row, maker: Maker) -> None:
    _company(row, maker)
    siren = row["siren"]
    row["siren"] = siren[:8] + str((int(siren[8]) + 1) % 10)  # a mistyped last digit


def _siren_leading_zero(row: Row, maker: Maker) -> None:
    _company(row, maker)
    siren = maker.siren(first="0")
    row.update(siren=str(int(siren)), siret=maker.siret(siren), vat=french_vat(siren))


def _siret_checksum(row: Row, maker: Maker) -> None:
    _company(row, maker)
    siret = row["siret"].replace(" ", "")
    row["siret"] = siret[:12] + siret[13] + siret[12]  # two digits swapped
    if luhn_ok(row["siret"]):
        row["siret"] = siret[:13] + str((int(siret[13]) + 1) % 10)


def _siret_too_short(row: Row, maker: Maker) -> None:
    _company(row, maker)
    siret = row["siret"].replace(" ", "")
    row["siret"] = siret[:9] + siret[10:]  # a NIC digit forgotten


def _siret_scientific(row: Row, maker: Maker) -> None:
    _company(row, maker)
    siret = row["siret"].replace(" ", "")
    row["siret"] = f"{siret[0]},{siret[1:6]}E+13"  # what Excel shows of a number cell


def _siret_of_another_company(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["siret"] = maker.siret(maker.siren())  # pasted from the wrong line


def _vat_wrong_key(row: Row, maker: Maker) -> None:
    _company(row, maker)
    vat = french_vat(row["siren"])
    row["vat"] = f"FR{(int(vat[2:4]) + 1) % 97:02d}{row['siren']}"


def _vat_of_another_company(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["vat"] = french_vat(maker.siren())


def _vat_missing_digit(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["vat"] = french_vat(row["siren"])[:-1]


def _vat_without_country(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["vat"] = french_vat(row["siren"])[2:]


def _vat_one_stop_shop(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["vat"] = "EU" + maker.digits(9)


def _ape(value: str) -> Callable[[Row, Maker], None]:
    def change(row: Row, maker: Maker) -> None:
        _company(row, maker)
        row["ape"] = value

    return change


def _abroad(row: Row, maker: Maker, **values: str) -> None:
    _company(row, maker)
    row.update(siren="", siret="", kind="Société", active="oui", **values)
    domain = ascii_slug(row["name"].split()[0]) + "." + values["domain"]
    del row["domain"]
    first, last = row["first_name"], row["last_name"]
    row["email"] = f"{ascii_slug(first, '.')}.{ascii_slug(last, '')}@{domain}"


def _monaco(row: Row, maker: Maker, *, prefix: str = "FR") -> None:
    vat = french_vat("000" + maker.digits(6))
    _abroad(
        row,
        maker,
        name=f"{maker.rng.choice(SURNAMES)} Conseil SAM",  # société anonyme monégasque
        vat=prefix + vat[2:],
        ape="70.22Z",
        address="7 boulevard des Moulins",
        postcode="98000",
        city="Monaco",
        country="Monaco",
        direct_phone=f"+377 93 {maker.digits(2)} {maker.digits(2)} {maker.digits(2)}",
        mobile=f"+377 6 {maker.digits(2)} {maker.digits(2)} {maker.digits(2)} {maker.digits(2)}",
        switchboard="",
        domain="mc",
    )


def _monaco_typed_mc(row: Row, maker: Maker) -> None:
    _monaco(row, maker, prefix="MC")  # there is no MC prefix: Monaco uses FR numbers


def _belgian(row: Row, maker: Maker) -> None:
    _abroad(
        row,
        maker,
        name=f"{maker.rng.choice(SURNAMES)} & Fils SPRL",
        vat=belgian_vat(maker.rng),
        ape="",
        address="Rue Neuve 12",
        postcode="1000",
        city="Bruxelles",
        country="Belgique",
        direct_phone=f"+32 2 {maker.rng.randint(200, 799)} {maker.digits(2)} {maker.digits(2)}",
        mobile=f"+32 470 {maker.digits(2)} {maker.digits(2)} {maker.digits(2)}",
        switchboard="",
        domain="be",
    )


def _german(row: Row, maker: Maker) -> None:
    _abroad(
        row,
        maker,
        name=f"{maker.rng.choice(SURNAMES)} Maschinenbau GmbH",
        vat=german_vat(maker.rng),
        ape="",
        address="Hauptstraße 5",
        postcode="77694",
        city="Kehl",
        country="Allemagne",
        direct_phone=f"+49 7851 {maker.rng.randint(100000, 999999)}",
        mobile=f"+49 151 {maker.rng.randint(10000000, 99999999)}",
        switchboard="",
        domain="de",
    )


def _association(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["name"] = f"Association sportive {maker.rng.choice(PLACES)}"
    row["vat"], row["ape"] = "", "93.12Z"  # no VAT number


def _two_line_address(row: Row, maker: Maker) -> None:
    row["address"] = f"Zone artisanale des Prés\nBâtiment C, {row['address']}"


def _unquoted_semicolon(row: Row, maker: Maker) -> None:
    row["position"] = "Gérant; fondateur"  # written as is: one cell too many


def _overseas(postcode: str, city: str, area: str) -> Callable[[Row, Maker], None]:
    def change(row: Row, maker: Maker) -> None:
        row.update(postcode=postcode, city=city, country="France")
        for key, mobile in (("direct_phone", False), ("mobile", True), ("switchboard", False)):
            if row.get(key):
                row[key] = maker.phone(area, mobile=mobile)

    return change


def _postcode_without_zero(row: Row, maker: Maker) -> None:
    _overseas("06000", "Nice", "04")(row, maker)
    row["postcode"] = "6000"  # the spreadsheet read it as a number


def _email_without_domain(row: Row, maker: Maker) -> None:
    row["email"] = row["email"].rsplit(".", 1)[0]  # ".fr" forgotten


def _phone_too_short(row: Row, maker: Maker) -> None:
    _overseas("97110", "Pointe-à-Pitre", "0590")(row, maker)
    row["direct_phone"] = row["direct_phone"].replace(" ", "")[:8]  # two digits forgotten


def _no_direct_phone(row: Row, maker: Maker) -> None:
    row["direct_phone"] = ""


def _doctor(row: Row, maker: Maker) -> None:
    row["civility"] = "Dr"  # not a civility the client page offers


def _landline_as_mobile(row: Row, maker: Maker) -> None:
    _company(row, maker)
    row["mobile"] = row["switchboard"] or row["direct_phone"]


def _same_company_again(row: Row, maker: Maker) -> None:
    """The client of the previous row, entered again by someone else (see ``make_rows``)."""


def _same_accountant(row: Row, maker: Maker) -> None:
    """A contact who also looks after the previous row's client (see ``make_rows``)."""


def _individual(row: Row, maker: Maker) -> None:
    if row.get("siren"):
        for key in ("name", "siren", "siret", "vat", "ape", "switchboard", "position"):
            row[key] = ""
        row["kind"] = ""  # no company name, but a last name: an individual
        mailbox = f"{ascii_slug(row['first_name'], '.')}.{ascii_slug(row['last_name'], '')}"
        row["email"] = f"{mailbox}@orange.fr"


#: Row index (0 is the first client) → what is done to it. The row a spreadsheet shows is
#: the index + 2 (the header is row 1).
DELIBERATE: dict[int, Callable[[Row, Maker], None]] = {
    5: _monaco,
    7: _siren_checksum,
    11: _belgian,
    14: _individual,
    19: _siren_leading_zero,
    23: _german,
    25: _postcode_without_zero,
    31: _siret_checksum,
    37: _association,
    40: _overseas("97110", "Pointe-à-Pitre", "0590"),
    44: _siret_too_short,
    50: _email_without_domain,
    58: _siret_scientific,
    64: _phone_too_short,
    73: _siret_of_another_company,
    79: _no_direct_phone,
    88: _vat_wrong_key,
    94: _doctor,
    102: _vat_one_stop_shop,
    110: _two_line_address,
    117: _vat_of_another_company,
    124: _landline_as_mobile,
    131: _vat_missing_digit,
    139: _same_company_again,
    146: _ape("62.99Z"),  # no such sub-class
    152: _overseas("97400", "Saint-Denis", "0262"),
    160: _ape("6201"),  # the letter forgotten
    175: _ape("62.O1Z"),  # a capital O for a zero
    189: _vat_without_country,
    203: _unquoted_semicolon,
    217: _monaco_typed_mc,
    230: _with("siren", "En cours"),  # a company still being registered
    251: _same_accountant,
    266: _overseas("97200", "Fort-de-France", "0596"),
}


def _duplicate(row: Row, previous: Row, change: Callable[[Row, Maker], None]) -> None:
    """Make *row* share with *previous* what the duplicate rules of ``DELIBERATE`` say."""
    if change is _same_company_again:
        for key in ("kind", "siren", "siret", "vat", "ape", "address", "postcode", "city"):
            row[key] = previous.get(key, "")
        row["name"] = previous["name"].upper()  # typed again, in capitals
        row["country"] = previous["country"]
    elif change is _same_accountant:
        row["email"] = previous["email"]


def make_rows(count: int, *, seed: int = SEED, deliberate: bool = True) -> Iterator[Row]:
    """Yield *count* client rows; with *deliberate*, the errors of :data:`DELIBERATE`."""
    maker = Maker(seed)
    changes = [
        change
        for change in DELIBERATE.values()
        if change not in (_same_company_again, _same_accountant)
    ]
    previous: Row = {}
    for index in range(count):
        row = maker.client()
        if deliberate and index in DELIBERATE:
            DELIBERATE[index](row, maker)
            _duplicate(row, previous, DELIBERATE[index])
        elif not deliberate and index % 10_000 == 9_999:  # a few errors in a big file
            changes[(index // 10_000) % len(changes)](row, maker)
        previous = row
        yield row


def write(path: Path, rows: Iterable[Row]) -> None:
    """Write *rows* under the French headers, as Excel FR saves "CSV (séparateur : point-virgule)".

    A row whose position holds an unquoted ``;`` (see ``_unquoted_semicolon``) is written as a
    hand-edited file would have it: without quotes.
    """
    keys = [key for _header, key in COLUMNS]
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            cells = [row.get(key, "") for key in keys]
            if "; " in row.get("position", ""):
                file.write(";".join(cells) + "\r\n")
            else:
                writer.writerow(cells)


def main() -> None:
    """Parse the command line and write the file."""
    parser = argparse.ArgumentParser(description="Write a file of fictitious French clients.")
    parser.add_argument("--rows", type=int, help="number of clients (default: the example file)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="file to write")
    arguments = parser.parse_args()
    if arguments.rows is None:
        write(arguments.out, make_rows(DEFAULT_ROWS))
    else:
        write(arguments.out, make_rows(arguments.rows, deliberate=False))


if __name__ == "__main__":
    main()
