"""Vocabulary terms as bits of one integer, so that filters, facets and matching read one column.

A term's bit is its position in the vocabulary's CHOICES (defined in code, appended to,
never reordered: home.models). Every vocabulary has fewer than 63 terms, so a set of
terms fits a signed 64-bit column on PostgreSQL and SQLite alike, and "has any of these
terms" is `column & mask <> 0` in SQL.
"""

from functools import cache

from django.db.models import F, Q, Value
from django.db.models.lookups import GreaterThan

from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

VOCABULARY_MODELS = (Voivodeship, Sector, TargetGroup, Language, SupportType)


@cache
def bits_of(model):
    """{code: bit} of a vocabulary model."""
    if len(model.CHOICES) > 62:
        raise ValueError(f"{model.__name__} has too many terms for a 64-bit mask")
    return {code: 1 << position for position, (code, _label) in enumerate(model.CHOICES)}


def mask_of(model, codes):
    """The mask of `codes` (unknown codes are ignored)."""
    bits = bits_of(model)
    result = 0
    for code in codes:
        result |= bits.get(code, 0)
    return result


def full_mask(model):
    """Every term of the vocabulary (e.g. all voivodeships for an organisation working nationwide)."""
    return (1 << len(model.CHOICES)) - 1


def codes_of(model, mask):
    """The codes set in `mask`, in the vocabulary's order."""
    return [code for code, bit in bits_of(model).items() if mask & bit]


def any_of(column, mask):
    """Q: the mask `column` shares at least one term with `mask`."""
    return Q(GreaterThan(F(column).bitand(Value(mask)), 0))
