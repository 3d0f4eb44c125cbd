"""Vocabulary terms as bits of one integer, so that filters, facets and matching read one column.

A term's bit is stored with it (`Term.bit`, given once when the term is added, never
recomputed from the order of CHOICES: home.models.taxonomy). A vocabulary has at most 63
bits, so a set of terms fits a signed 64-bit column on PostgreSQL and SQLite alike, and "has
any of these terms" is `column & mask <> 0` in SQL.
"""

from django.db.models import F, Q, Value
from django.db.models.lookups import GreaterThan

from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

VOCABULARY_MODELS = (Voivodeship, Sector, TargetGroup, Language, SupportType)


def bits_of(model):
    """{code: bit value} of a vocabulary model, in the vocabulary's order."""
    stored = model.bits()
    return {code: 1 << stored[code] for code, _label in model.CHOICES if code in stored}


def mask_of(model, codes):
    """The mask of `codes` (unknown codes are ignored)."""
    bits = bits_of(model)
    result = 0
    for code in codes:
        result |= bits.get(code, 0)
    return result


def full_mask(model):
    """Every term of the vocabulary (e.g. all voivodeships for an organisation working nationwide)."""
    return mask_of(model, model.bits())


def codes_of(model, mask):
    """The codes set in `mask`, in the vocabulary's order."""
    return [code for code, bit in bits_of(model).items() if mask & bit]


def any_of(column, mask):
    """Q: the mask `column` shares at least one term with `mask`."""
    return Q(GreaterThan(F(column).bitand(Value(mask)), 0))
