"""The challenges page: member updates of kind "challenge" grouped by sector, then by voivodeship.

A challenge naming several sectors or voivodeships appears under each of them, so the
Secretariat and the working groups see how often a problem recurs where.
"""

from dataclasses import dataclass, field

from home.models import Sector, Voivodeship

from .updates import shown_updates


@dataclass
class Cell:
    """The challenges of one sector in one voivodeship (None: no voivodeship given)."""

    voivodeship: Voivodeship | None
    updates: list = field(default_factory=list)


@dataclass
class SectorGroup:
    """One sector (None: no sector given) with its voivodeships' challenges."""

    sector: Sector | None
    cells: list = field(default_factory=list)

    @property
    def count(self):
        """Distinct challenges in this sector."""
        return len({update.pk for cell in self.cells for update in cell.updates})


def shown_challenges(hidden=()):
    """Visible challenges (none of an organisation under the `hidden` tree paths) with everything the page
    shows, in three queries whatever their number."""
    return shown_updates(hidden).challenges()


def group_challenges(updates):
    """[SectorGroup] in the vocabulary's order (unspecified last), each with its cells in voivodeship order."""
    table = {}
    for update in updates:
        sectors = list(update.sectors.all()) or [None]
        voivodeships = list(update.voivodeships.all()) or [None]
        for sector in sectors:
            cells = table.setdefault(sector, {})
            for voivodeship in voivodeships:
                cells.setdefault(voivodeship, []).append(update)

    def order(term):
        return (term is None, term.position if term else 0, term.code if term else "")

    return [
        SectorGroup(sector, [Cell(voivodeship, table[sector][voivodeship]) for voivodeship in
                             sorted(table[sector], key=order)])
        for sector in sorted(table, key=order)
    ]
