"""A vocabulary term's bit is stored once: reordering CHOICES or inserting a term changes no stored mask."""

import pytest

from home.bits import codes_of, full_mask, mask_of
from directory.entries import rebuild_entries, rebuild_item_masks
from directory.factories import SupportItemFactory
from directory.models import DirectoryEntry, SupportItem
from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship
from home.models import taxonomy
from home.models.taxonomy import VOCABULARIES, sync_terms

pytestmark = pytest.mark.django_db

ITEM_MASKS = ("regions_mask", "served_mask", "sectors_mask", "target_groups_mask", "languages_mask")
ENTRY_MASKS = ("served", "sectors", "target_groups", "languages", "offers", "needs")


def stored_masks():
    return (list(SupportItem.objects.order_by("pk").values_list(*ITEM_MASKS)),
            list(DirectoryEntry.objects.order_by("pk").values_list(*ENTRY_MASKS)))


@pytest.fixture(autouse=True)
def _forget_bits_afterwards():
    """The terms these tests add are rolled back: so must the bits the process read with them."""
    yield
    taxonomy._bits.clear()


@pytest.fixture
def listed(organisation_factory):
    """An organisation and a need late in every vocabulary, so that reordering would move their bits."""
    organisation = organisation_factory(
        sectors=["volunteering", "culture", "legal-aid"], target_groups=["ngos", "roma"], languages=["fi", "sv", "pl"],
        regions_served=["zachodniopomorskie", "lubelskie"], support_offered=["volunteers"], support_needed=["in-kind"])
    SupportItemFactory(organisation=organisation, sectors=["volunteering", "housing"], regions=["slaskie", "opolskie"],
                       target_groups=["ngos"], languages=["sv", "uk"], support_type="volunteers")
    return organisation


def test_reordered_and_inserted_terms_change_no_stored_mask(listed, monkeypatch):
    masks = stored_masks()
    assert all(masks[0][0]) and all(masks[1][0])
    bits = {model: dict(model.bits()) for model in VOCABULARIES}
    housing = mask_of(Sector, ["housing"])

    # Every list reversed, and a new term at the head of each: list positions all move.
    for model in VOCABULARIES:
        monkeypatch.setattr(model, "CHOICES", [(f"new-{model.__name__.lower()}", "New"), *reversed(model.CHOICES)])
    sync_terms()

    assert Sector.objects.get(code="volunteering").position == 1  # the display order follows the list
    for model in VOCABULARIES:
        assert {code: bit for code, bit in model.bits().items() if code in bits[model]} == bits[model]
        new_bit = model.bits()[f"new-{model.__name__.lower()}"]
        assert new_bit not in bits[model].values() and new_bit <= 62
    assert stored_masks() == masks
    assert mask_of(Sector, ["housing"]) == housing

    # Masks computed again from the many-to-many rows come out the same.
    rebuild_item_masks()
    rebuild_entries()
    assert stored_masks() == masks
    item = SupportItem.objects.get()
    assert codes_of(Sector, item.sectors_mask) == ["volunteering", "housing"]  # the list's (reversed) order


def test_a_term_added_later_gets_the_lowest_free_bit_and_full_masks_include_it(monkeypatch):
    taken = set(Language.bits().values())
    monkeypatch.setattr(Language, "CHOICES", [*Language.CHOICES, ("eo", "eo")])
    sync_terms()
    assert Language.bits()["eo"] == min(set(range(63)) - taken)
    assert full_mask(Language) & (1 << Language.bits()["eo"])
    for model in (Voivodeship, TargetGroup, SupportType):
        assert full_mask(model) == sum(1 << bit for bit in model.bits().values())
