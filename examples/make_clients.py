"""Write ``examples/clients.csv``: fictitious French clients as Excel FR exports them.

Every number is computed here (Luhn check digits, VAT keys), never copied from a real company;
names, streets and activities are drawn from common French words with a fixed seed, so that the
file is the same on every run. The file is what a French office hands over: ``;``-separated,
Windows-1252, CRLF line ends, French headers. A few rows carry deliberate errors, one of each
kind ``clientbook check`` reports (see ``DELIBERATE``), so that the README's main command shows
what a user sees.

Usage::

    python examples/make_clients.py                      # examples/clients.csv, 300 clients
    python examples/make_clients.py --rows 100000 --out /tmp/clients-100k.csv

With ``--rows``, one row in 10,000 carries an error; the others are valid.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

HEADERS = [
    "Raison sociale",
    "SIREN",
    "SIRET",
    "N° TVA intracommunautaire",
    "Code APE",
    "Adresse",
    "Code postal",
    "Ville",
]
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
RESTAURANTS = ["Le Petit Zinc", "La Bonne Table", "Le Relais", "L'Escale", "Chez {first}"]
HOTELS = ["du Lac", "des Voyageurs", "Bellevue", "de la Poste", "Le Clos {first}"]
SCIS = ["Les Tilleuls", "du Parc", "Les Acacias", "Le Moulin", "des Vignes"]
AGENCIES = ["Pixel & Plume", "Bleu Horizon", "Effet Papillon", "Les Faiseurs"]
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
CITIES = [
    ("75011", "Paris"),
    ("75015", "Paris"),
    ("69003", "Lyon"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
    ("44000", "Nantes"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("35000", "Rennes"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("06000", "Nice"),
    ("38000", "Grenoble"),
    ("21000", "Dijon"),
    ("49000", "Angers"),
    ("51100", "Reims"),
    ("42000", "Saint-Étienne"),
    ("63000", "Clermont-Ferrand"),
    ("37000", "Tours"),
    ("87000", "Limoges"),
    ("80000", "Amiens"),
    ("57000", "Metz"),
    ("25000", "Besançon"),
    ("45000", "Orléans"),
    ("76000", "Rouen"),
    ("14000", "Caen"),
    ("54000", "Nancy"),
    ("66000", "Perpignan"),
    ("29200", "Brest"),
    ("64000", "Pau"),
    ("74000", "Annecy"),
    ("20000", "Ajaccio"),
    ("97200", "Fort-de-France"),
    ("97400", "Saint-Denis"),
    ("01000", "Bourg-en-Bresse"),
    ("05000", "Gap"),
]


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


class Maker:
    """Draws fictitious clients from a seeded random generator."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: list[str]) -> str:
        """Return one of *items*, with ``{surname}`` and ``{first}`` filled in."""
        return self.rng.choice(items).format(
            surname=self.rng.choice(SURNAMES), first=self.rng.choice(FIRST_NAMES)
        )

    def siren(self, first: str = "3456789") -> str:
        """Return a valid SIREN starting with one of the digits *first*."""
        payload = self.rng.choice(first) + "".join(self.rng.choices("0123456789", k=7))
        return luhn_complete(payload)

    def siret(self, siren: str) -> str:
        """Return a valid SIRET of the company *siren*, with a NIC as INSEE gives them."""
        return luhn_complete(siren + f"{self.rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 12, 23]):04d}")

    def name(self) -> tuple[str, str]:
        """Return a company name and its APE code."""
        pattern, ape = self.rng.choice(ACTIVITIES)
        name = pattern.format(
            surname=self.rng.choice(SURNAMES),
            first=self.rng.choice(FIRST_NAMES),
            place=self.rng.choice(PLACES),
            restaurant=self.pick(RESTAURANTS),
            hotel=self.pick(HOTELS),
            sci=self.rng.choice(SCIS),
            agency=self.rng.choice(AGENCIES),
            domain=self.pick(DOMAINS),
        )
        form = self.rng.choice(LEGAL_FORMS)
        if form and not name.startswith("SCI"):
            name = f"{form} {name}" if self.rng.random() < 0.3 else f"{name} {form}"
        return name, ape

    def address(self) -> list[str]:
        """Return the address, postal code and city of a French client."""
        street = f"{self.rng.randint(1, 180)} {self.pick(STREET_TYPES)} {self.pick(STREET_NAMES)}"
        postcode, city = self.rng.choice(CITIES)
        return [street, postcode, city]

    def client(self) -> list[str]:
        """Return a valid French company client, numbers written as people type them."""
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
        return [name, siren, siret, vat, ape, *self.address()]


def _with(cell: int, value: str) -> Callable[[list[str], Maker], None]:
    def change(row: list[str], maker: Maker) -> None:
        row[cell] = value

    return change


def _siren_checksum(row: list[str], maker: Maker) -> None:
    row[1] = row[1][:8] + str((int(row[1][8]) + 1) % 10)  # a mistyped last digit


def _siren_leading_zero(row: list[str], maker: Maker) -> None:
    siren = maker.siren(first="0")
    row[1], row[2], row[3] = str(int(siren)), maker.siret(siren), french_vat(siren)


def _siret_checksum(row: list[str], maker: Maker) -> None:
    siret = row[2].replace(" ", "")
    row[2] = siret[:12] + siret[13] + siret[12]  # two digits swapped
    if luhn_ok(row[2]):
        row[2] = siret[:13] + str((int(siret[13]) + 1) % 10)


def _siret_too_short(row: list[str], maker: Maker) -> None:
    siret = row[2].replace(" ", "")
    row[2] = siret[:9] + siret[10:]  # a NIC digit forgotten


def _siret_scientific(row: list[str], maker: Maker) -> None:
    siret = row[2].replace(" ", "")
    row[2] = f"{siret[0]},{siret[1:6]}E+13"  # what Excel shows of a number cell


def _siret_of_another_company(row: list[str], maker: Maker) -> None:
    row[2] = maker.siret(maker.siren())  # pasted from the wrong line


def _vat_wrong_key(row: list[str], maker: Maker) -> None:
    vat = french_vat(row[1])
    row[3] = f"FR{(int(vat[2:4]) + 1) % 97:02d}{row[1]}"


def _vat_of_another_company(row: list[str], maker: Maker) -> None:
    row[3] = french_vat(maker.siren())


def _vat_missing_digit(row: list[str], maker: Maker) -> None:
    row[3] = french_vat(row[1])[:-1]


def _vat_without_country(row: list[str], maker: Maker) -> None:
    row[3] = french_vat(row[1])[2:]


def _vat_one_stop_shop(row: list[str], maker: Maker) -> None:
    row[3] = "EU" + "".join(maker.rng.choices("0123456789", k=9))


def _monaco(row: list[str], maker: Maker, *, prefix: str = "FR") -> None:
    digits = "000" + "".join(maker.rng.choices("0123456789", k=6))
    vat = french_vat(digits)
    row[0] = f"{maker.rng.choice(SURNAMES)} Conseil SAM"  # société anonyme monégasque
    row[1:8] = ["", "", prefix + vat[2:], "70.22Z", "7 boulevard des Moulins", "98000", "Monaco"]


def _monaco_typed_mc(row: list[str], maker: Maker) -> None:
    _monaco(row, maker, prefix="MC")  # there is no MC prefix: Monaco uses FR numbers


def _belgian(row: list[str], maker: Maker) -> None:
    row[0] = f"{maker.rng.choice(SURNAMES)} & Fils SPRL"
    row[1:8] = ["", "", belgian_vat(maker.rng), "", "Rue Neuve 12", "1000", "Bruxelles"]


def _german(row: list[str], maker: Maker) -> None:
    row[0] = f"{maker.rng.choice(SURNAMES)} Maschinenbau GmbH"
    row[1:8] = ["", "", german_vat(maker.rng), "", "Hauptstraße 5", "77694", "Kehl"]


def _association(row: list[str], maker: Maker) -> None:
    row[0] = f"Association sportive {maker.rng.choice(PLACES)}"
    row[3], row[4] = "", "93.12Z"  # no VAT number


def _two_line_address(row: list[str], maker: Maker) -> None:
    row[5] = f"Zone artisanale des Prés\nBâtiment C, {row[5]}"


def _unquoted_semicolon(row: list[str], maker: Maker) -> None:
    row[5] = row[5].replace(" ", "; ", 1)  # written as is: one cell too many


#: Row index (0 is the first client) → what is done to it. The row a spreadsheet shows is
#: the index + 2 (the header is row 1).
DELIBERATE: dict[int, Callable[[list[str], Maker], None]] = {
    5: _monaco,
    7: _siren_checksum,
    11: _belgian,
    19: _siren_leading_zero,
    23: _german,
    31: _siret_checksum,
    37: _association,
    44: _siret_too_short,
    58: _siret_scientific,
    73: _siret_of_another_company,
    88: _vat_wrong_key,
    102: _vat_one_stop_shop,
    110: _two_line_address,
    117: _vat_of_another_company,
    131: _vat_missing_digit,
    146: _with(4, "62.99Z"),  # no such sub-class
    160: _with(4, "6201"),  # the letter forgotten
    175: _with(4, "62.O1Z"),  # a capital O for a zero
    189: _vat_without_country,
    203: _unquoted_semicolon,
    217: _monaco_typed_mc,
    230: _with(1, "En cours"),  # a company still being registered
}


def make_rows(count: int, *, seed: int = SEED, deliberate: bool = True) -> Iterator[list[str]]:
    """Yield *count* client rows; with *deliberate*, the errors of :data:`DELIBERATE`."""
    maker = Maker(seed)
    changes = list(DELIBERATE.values())
    for index in range(count):
        row = maker.client()
        if deliberate and index in DELIBERATE:
            DELIBERATE[index](row, maker)
        elif not deliberate and index % 10_000 == 9_999:  # a few errors in a big file
            changes[(index // 10_000) % len(changes)](row, maker)
        yield row


def write(path: Path, rows: Iterable[list[str]]) -> None:
    """Write *rows* under the French headers, as Excel FR saves "CSV (séparateur : point-virgule)".

    A row whose address holds an unquoted ``;`` (see ``_unquoted_semicolon``) is written as a
    hand-edited file would have it: without quotes.
    """
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            if "; " in row[5]:
                file.write(";".join(row) + "\r\n")
            else:
                writer.writerow(row)


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
