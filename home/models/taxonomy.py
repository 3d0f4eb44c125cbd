"""The shared vocabulary of ../shared/DOMAIN.md: voivodeships, sectors, target groups,
support types and languages.

Each vocabulary is a small table of stable codes so that every app can relate to it
(many-to-many) and count facets in SQL. Labels are not stored: they come from the
code lists below through gettext, so they follow the reader's language.
`sync_terms` (run after every migrate) adds the codes of the lists to the tables.

Each term also has a `bit`: its number in the integer masks that the directory filters,
counts and matches on (home.bits). It is given once, when the term is first added
(the lowest number the vocabulary has not used), and never recomputed: reordering a list,
or inserting a term in the middle of it, changes the display order (`position`) and no
stored mask.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.labels import ISO_3166_2, language_label, voivodeship_label

# Labels come from ISO 3166-2 data in the reader's language (home.labels); codes and order never change.
VOIVODESHIPS = [(code, voivodeship_label(code)) for code in ISO_3166_2]
NATIONWIDE = "all"

SECTORS = [
    ("legal-aid", _("Legal aid")),
    ("housing", _("Housing")),
    ("education", _("Education")),
    ("health", _("Health")),
    ("mental-health", _("Mental health and psychosocial support")),
    ("employment", _("Employment")),
    ("humanitarian-aid", _("Humanitarian and in-kind aid")),
    ("integration", _("Social integration")),
    ("language", _("Language learning")),
    ("children-youth", _("Children and youth")),
    ("protection", _("Protection and violence prevention")),
    ("disability", _("Disability")),
    ("information", _("Information and counselling")),
    ("advocacy", _("Advocacy")),
    ("culture", _("Culture")),
    ("volunteering", _("Volunteering")),
]

TARGET_GROUPS = [
    ("refugees-ukraine", _("Refugees from Ukraine")),
    ("migrants", _("Migrants")),
    ("children", _("Children")),
    ("women", _("Women")),
    ("elderly", _("Older people")),
    ("disabled", _("People with disabilities")),
    ("roma", _("Roma")),
    ("lgbtqia", _("LGBTQIA+ people")),
    ("host-communities", _("Host communities")),
    ("ngos", _("Civil-society organisations")),
]

SUPPORT_TYPES = [
    ("financial", _("Financial")),
    ("skills", _("Skills and training")),
    ("management", _("Management and organisational")),
    ("knowledge", _("Knowledge and solutions")),
    ("in-kind", _("In-kind")),
    ("volunteers", _("Volunteers")),
]

LEGAL_FORMS = [
    ("foundation", _("Foundation")),
    ("association", _("Association")),
    ("informal", _("Informal group")),
    ("international", _("International organisation")),
    ("business", _("Business")),
    ("public", _("Public institution")),
    ("other", _("Other")),
]

RESOURCE_TYPES = [
    ("good-practice", _("Good practice")),
    ("guide", _("Guide")),
    ("report", pgettext_lazy("resource type", "Report")),
    ("training", _("Training material")),
    ("communication", _("Communication material")),
    ("template", _("Template")),
    ("policy", _("Policy paper")),
    ("dataset", _("Dataset")),
]

# ISO 639-1 codes offered as working languages and languages of materials.
LANGUAGE_CODES = [
    "pl", "uk", "en", "ru", "be", "de", "fr", "es", "it", "cs", "sk", "lt", "lv", "et", "ro", "hu",
    "bg", "ka", "hy", "az", "tr", "ar", "fa", "ps", "vi", "zh", "hi", "he", "pt", "nl", "sv", "fi",
]


# A mask is a signed 64-bit column: bits 0…62.
MAX_BIT = 62
_bits = {}  # vocabulary model -> {code: bit}, read once per process (a term's bit never changes)


class Term(models.Model):
    """A code of one vocabulary; its label comes from the code list through gettext."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    bit = models.PositiveSmallIntegerField(_("bit"), null=True, unique=True, editable=False)

    CHOICES = []

    class Meta:
        abstract = True
        ordering = ["position"]

    @classmethod
    def bits(cls):
        """{code: bit number} of the vocabulary's terms (one query per process: bits are never reassigned)."""
        if cls not in _bits:
            _bits[cls] = dict(cls.objects.filter(bit__isnull=False).values_list("code", "bit"))
        return _bits[cls]

    @classmethod
    def labels(cls):
        """Mapping code → label in the active language."""
        return dict(cls.CHOICES)

    @property
    def label(self):
        """The term's label in the active language (the code when unknown)."""
        return str(self.labels().get(self.code, self.code))

    def __str__(self):
        return self.label


class Voivodeship(Term):
    """One of Poland's 16 voivodeships (labels: ISO 3166-2:PL names in the reader's language)."""

    CHOICES = VOIVODESHIPS

    class Meta(Term.Meta):
        verbose_name = _("voivodeship")
        verbose_name_plural = _("voivodeships")


class Sector(Term):
    """An area of activity (legal aid, housing, education, …)."""

    CHOICES = SECTORS

    class Meta(Term.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class TargetGroup(Term):
    """A group of people served (refugees from Ukraine, children, …)."""

    CHOICES = TARGET_GROUPS

    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class SupportType(Term):
    """A kind of support that organisations need or offer."""

    CHOICES = SUPPORT_TYPES

    class Meta(Term.Meta):
        verbose_name = _("support type")
        verbose_name_plural = _("support types")


class Language(Term):
    """A language (ISO 639-1) that an organisation works in or a material is written in."""

    CHOICES = [(code, language_label(code)) for code in LANGUAGE_CODES]

    class Meta(Term.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


VOCABULARIES = [Voivodeship, Sector, TargetGroup, SupportType, Language]


def sync_terms(**kwargs):
    """Add every code of each list to its table with the list's order as `position` (post_migrate;
    idempotent); a term new to its table gets the lowest unused bit, kept for good."""
    from django.db import transaction

    for model in VOCABULARIES:
        with transaction.atomic():
            for position, (code, _label) in enumerate(model.CHOICES):
                model.objects.update_or_create(code=code, defaults={"position": position})
            used = set(model.objects.filter(bit__isnull=False).values_list("bit", flat=True))
            for term in model.objects.filter(bit__isnull=True).order_by("position", "pk"):
                term.bit = min(set(range(MAX_BIT + 1)) - used, default=None)
                if term.bit is None:
                    raise ValueError(f"{model.__name__} has more terms than a 64-bit mask has bits")
                used.add(term.bit)
                term.save(update_fields=["bit"])
    _bits.clear()
