"""Poland's voivodeships as a tile grid, the layout of every coverage map (directory, positions)."""

# Tile-grid cartogram: (column, row) of each voivodeship, roughly where it lies on the map of Poland.
TILES = {
    "pomorskie": (2, 0), "warminsko-mazurskie": (3, 0), "zachodniopomorskie": (0, 0), "podlaskie": (4, 1),
    "kujawsko-pomorskie": (2, 1), "lubuskie": (0, 1), "wielkopolskie": (1, 1), "mazowieckie": (3, 1),
    "lodzkie": (2, 2), "dolnoslaskie": (0, 2), "lubelskie": (4, 2), "opolskie": (1, 3),
    "swietokrzyskie": (3, 2), "slaskie": (2, 3), "malopolskie": (3, 3), "podkarpackie": (4, 3),
}
TILE_COLUMNS, TILE_ROWS = 5, 4
