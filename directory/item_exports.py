"""Download of the open needs and offers (the listing's filters) as CSV or JSON, with HXL hashtags.

The same records in both formats: codes beside names in the reader's language, the
voivodeships' ISO 3166-2 and TERYT codes, and the HXL hashtag of every column (a row under
the CSV header, a "hxl" map in the JSON), so the humanitarian system loads them directly.
"""

from home.bits import codes_of
from home.labels import ISO_3166_2, teryt
from home.models import Sector, TargetGroup, Voivodeship

EXPORT_COLUMNS = [
    ("id", "#meta+id"), ("kind", "#meta+kind+code"), ("kind_name", "#meta+kind+name"),
    ("title", "#service+name"), ("support_type", "#service+type+code"), ("support_type_name", "#service+type+name"),
    ("organisation", "#org+name"), ("organisation_id", "#org+id+v_razem"),
    ("nationwide", "#adm1+nationwide"), ("voivodeships", "#adm1+code+v_razem+list"),
    ("voivodeship_names", "#adm1+name+list"), ("voivodeship_iso", "#adm1+code+iso+list"),
    ("voivodeship_teryt", "#adm1+code+teryt+list"), ("sectors", "#sector+code+list"),
    ("sector_names", "#sector+name+list"), ("target_groups", "#beneficiary+code+list"),
    ("target_group_names", "#beneficiary+name+list"), ("status", "#status+code"),
    ("posted", "#date+posted"), ("valid_until", "#date+end"), ("url", "#meta+url"),
]


def _names(model, codes):
    labels = model.labels()
    return ";".join(str(labels.get(code, code)) for code in codes)


def item_records(items, request=None):
    """{column: value} of each (item, shown) pair: `shown` is the item in the reader's language."""
    records = []
    for item, shown in items:
        regions = [] if item.nationwide else codes_of(Voivodeship, item.regions_mask)
        sectors, groups = codes_of(Sector, item.sectors_mask), codes_of(TargetGroup, item.target_groups_mask)
        url = item.get_absolute_url()
        records.append({
            "id": item.pk, "kind": item.kind, "kind_name": str(item.get_kind_display()), "title": shown.title,
            "support_type": item.support_type.code, "support_type_name": item.support_type.label,
            "organisation": item.organisation_shown.title, "organisation_id": item.organisation_id,
            "nationwide": item.nationwide, "voivodeships": ";".join(regions),
            "voivodeship_names": _names(Voivodeship, regions),
            "voivodeship_iso": ";".join(ISO_3166_2[code] for code in regions),
            "voivodeship_teryt": ";".join(teryt(code) for code in regions),
            "sectors": ";".join(sectors), "sector_names": _names(Sector, sectors),
            "target_groups": ";".join(groups), "target_group_names": _names(TargetGroup, groups),
            "status": item.status, "posted": item.created_at.date().isoformat(),
            "valid_until": item.valid_until.isoformat() if item.valid_until else "",
            "url": request.build_absolute_uri(url) if request is not None else url,
        })
    return records
