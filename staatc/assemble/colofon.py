"""The back matter a ministry publishes with: the list of afkortingen and the colofon.

The afkortingen are generated, never typed: every Stand's afkorting (where it differs from
the name: Kadaster is called Kadaster) and every ministry code the Standen use, written out.
The colofon says who publishes, the status, the peildatum (the date the figures describe,
which appears nowhere else), and, for a sample edition, that its texts are illustrative.
"""

from __future__ import annotations

from staatc.assemble.rapportage import escape
from staatc.dutch import dutch_date
from staatc.model import Edition

# The ministries as their codes are used in the Standen (Rijksoverheid's own abbreviations).
DEPARTEMENTEN = {
    "AZ": "Ministerie van Algemene Zaken",
    "BHO": "Buitenlandse Handel en Ontwikkelingshulp",
    "BZ": "Ministerie van Buitenlandse Zaken",
    "BZK": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "DEF": "Ministerie van Defensie",
    "EZ": "Ministerie van Economische Zaken",
    "FIN": "Ministerie van Financiën",
    "IenW": "Ministerie van Infrastructuur en Waterstaat",
    "JenV": "Ministerie van Justitie en Veiligheid",
    "KGG": "Ministerie van Klimaat en Groene Groei",
    "LNV": "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur",
    "OCW": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "SZW": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "VRO": "Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
    "VWS": "Ministerie van Volksgezondheid, Welzijn en Sport",
}
ILLUSTRATIVE = ("Deze editie is een illustratief voorbeeld: de teksten, namen en cijfers zijn "
                "verzonnen en geen officiële gegevens van de Rijksoverheid.")


def afkortingen(ed: Edition) -> list[tuple[str, str]]:
    """(afkorting, betekenis), sorted as a reader looks them up."""
    found: dict[str, str] = {}
    for stand in ed.standen:
        if not stand.own_afkorting:
            found.setdefault(stand.afkorting, stand.organisatie)
        if stand.departement in DEPARTEMENTEN:
            found.setdefault(stand.departement, DEPARTEMENTEN[stand.departement])
    return sorted(found.items(), key=lambda item: (item[0].casefold(), item[0]))


def afkortingen_section(ed: Edition) -> str | None:
    rows = afkortingen(ed)
    if not rows:
        return None
    return "\n".join([
        "# Afkortingen {#afkortingen}",
        "",
        "| Afkorting | Betekenis |",
        "|:----------|:----------|",
        *(f"| {escape(short)} | {escape(long)} |" for short, long in rows),
        "",
        ": Afkortingen in deze editie {#tbl-afkortingen}",
    ])


def colofon_section(ed: Edition) -> str:
    config = ed.config
    aanbieding = ed.aanbieding()
    status = "definitief" if config.status == "definitief" else "concept (niet voor publicatie)"
    publisher = escape(config.publisher)
    facts = [f"Titel: {escape(config.title)}"]
    if aanbieding is not None:
        facts.append(f"Datum: {dutch_date(aanbieding.date)}")
    facts += [f"Peildatum: {dutch_date(config.peildatum)}; de Standen en onderzoeken zijn die "
              "van deze datum", f"Status: {status}"]
    lines = [
        "# Colofon {#colofon}",
        "",
        f"Dit is een uitgave van het {publisher}." if publisher.startswith("Ministerie")
        else f"Dit is een uitgave van {publisher}.",
        "",
        *(f"- {fact}" for fact in facts),
    ]
    if config.illustratief:
        lines += ["", f"**{ILLUSTRATIVE}**"]
    return "\n".join(lines)
