"""Reading ids from a query string the same way everywhere.

`str.isdigit()` accepts "²" and "١" (which `int()` refuses or reads as another digit), and
SQLite stores integers in 64 bits: a value beyond that is an OverflowError there, not "no such
row". Query-string ids go through `parse_id`, form fields through `MAX_ID`.
"""

MAX_ID = 2**63 - 1


def parse_id(value):
    """The id named by `value` (ASCII digits only) as an int, else None.

    A number beyond any id a database can hold gives 0, which matches no row.
    """
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_ID else 0
