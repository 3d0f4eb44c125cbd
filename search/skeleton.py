"""The starter synonyms of the site skeleton (`manage.py setup_site`): jargon and programme names
people type in the three languages. The Secretariat keeps them in the admin (Settings → Search
synonyms); a group that exists by name is never overwritten."""

STARTER = [
    ("800 plus", "800 plus\n800+\nRodzina 800 plus\nświadczenie wychowawcze", "800 плюс\n800+",
     "800 plus\nchild benefit"),
    ("PESEL UKR", "PESEL UKR\nstatus UKR", "ПЕСЕЛЬ УКР\nстатус УКР", "PESEL UKR\nUKR status"),
    ("Karta pobytu", "karta pobytu\nzezwolenie na pobyt", "посвідка на проживання\nкарта побиту",
     "residence card\nresidence permit"),
    ("Ochrona czasowa", "ochrona czasowa\nspecustawa", "тимчасовий захист\nспецзакон",
     "temporary protection\nspecial act"),
    ("MOPS", "MOPS\nMOPR\nGOPS\nośrodek pomocy społecznej", "МОПС\nцентр соціальної допомоги",
     "social welfare centre\nsocial assistance centre"),
    ("NFZ", "NFZ\nNarodowy Fundusz Zdrowia\nubezpieczenie zdrowotne", "НФЗ\nмедичне страхування",
     "health insurance\nNational Health Fund"),
    ("ZUS", "ZUS\nubezpieczenie społeczne", "ЗУС\nсоціальне страхування", "social insurance\nsocial security"),
]


def ensure_synonyms():
    """Create the starter synonym groups that do not exist yet (by name); returns how many were created."""
    from .models import Synonym

    existing = set(Synonym.objects.values_list("name", flat=True))
    missing = [Synonym(name=name, terms_pl=pl, terms_uk=uk, terms_en=en)
               for name, pl, uk, en in STARTER if name not in existing]
    for synonym in missing:
        synonym.save()  # one by one: each save drops the compiled groups' cache
    return len(missing)


def build(home, log):
    """Starter synonyms, where missing."""
    created = ensure_synonyms()
    if created:
        log(f"search synonyms: {created} starter groups")
