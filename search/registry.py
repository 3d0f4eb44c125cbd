"""What is searchable: one adapter per content type turns a model instance into an `Entry`.

Each app describes its own searchable content in `<app>/search.py` (discovered like
`latest.py`, `digest.py` and `schedules.py`); `search` imports no domain app. The site
frame's pages (home sits below search in the layers) are registered by `search.home_pages`.
Adding a content type is one small adapter in its app's `search.py`:

    class ResourceAdapter(Adapter):
        kind = "resource"
        label = _("Library resource")
        model = "library.Resource"

        def entry(self, obj):
            return Entry(kind=self.kind, object_id=obj.pk, title=obj.title, url=obj.url,
                         texts={"pl": {"title": …, "summary": …, "body": …}},
                         facets={"sector": [...]}, audience={PUBLIC})

    register(ResourceAdapter())

Signals, tasks, the rebuild command and both engines work from the registry alone.
"""

from dataclasses import dataclass, field
import datetime

from django.apps import apps
from django.utils.functional import cached_property

from core.discovery import app_modules
from home import frame
from home.models import Sector, TargetGroup, Voivodeship

from .analysis import folded_words, text_keys
from .text import fold, translit, translit_folded

SHOWN_TEXT = 3000  # characters of each translation's text kept for its snippets
TAG_FACETS = ("sector", "target_group", "voivodeship")
FACETS = ("kind", "language", "sector", "voivodeship", "target_group", "topic", "year")
# Facets that adapters fill; kind, language and year derive from the entry itself.
ADAPTER_FACETS = ("sector", "voivodeship", "target_group", "topic")


@dataclass
class Entry:
    """The searchable form of one item: its texts per language, facets and audience."""

    kind: str
    object_id: object
    title: str
    url: str
    texts: dict  # {"pl": {"title": …, "summary": …, "body": …}, …}
    summary: str = ""
    date: datetime.date | None = None
    facets: dict = field(default_factory=dict)  # {"sector": {"housing"}, …}
    audience: set = field(default_factory=set)  # audience tokens, see search.audience
    urls: dict = field(default_factory=dict)  # {language: URL of that translation}; default `url`
    # Tree paths of the pages the item shows or belongs to (a page and its translations, a need's
    # organisation, a thread's group): searches leave the entry out for a reader from whom one of
    # them is hidden by the view restrictions read with the request, whatever `audience` was
    # stored (a restriction written without signals reindexes nothing).
    paths: tuple = ()

    @property
    def translations(self):
        """{language: {"title", "url", "summary"}}: what a reader of that language is shown."""
        return {code: {"title": text.get("title") or self.title, "url": self.urls.get(code, self.url),
                       "summary": (text.get("summary") or "")[:300]} for code, text in self.texts.items()}

    @property
    def key(self):
        return f"{self.kind}:{self.object_id}"

    @cached_property
    def all_text(self):
        """Every text of every language, for transliteration and the database fallback."""
        return " ".join(
            text.get(part, "") for text in self.texts.values() for part in ("title", "summary", "body")
        )

    @cached_property
    def all_titles(self):
        return " ".join(text.get("title", "") for text in self.texts.values()) or self.title

    @cached_property
    def translit_title(self):
        return translit(self.all_titles)

    @cached_property
    def folded_text(self):
        return fold(self.all_text)

    @cached_property
    def translit_text(self):
        return translit_folded(self.folded_text)

    @property
    def folded(self):
        """Folded text and its transliteration keys: what the database fallback matches."""
        return f"{self.folded_text} {self.translit_text}"

    @cached_property
    def folded_titles(self):
        """The titles folded, word by word, and their transliteration keys (autocomplete's prefixes)."""
        return f"{folded_words(self.all_titles)} {self.translit_title}"

    @property
    def shown_texts(self):
        """`translations` with each language's text (summary and body, bounded) for its snippets."""
        shown = self.translations
        for code, text in self.texts.items():
            shown[code]["text"] = shown_text(text)
        return shown

    @cached_property
    def body_text(self):
        """Summaries and bodies of every language without the titles (snippets never repeat the title)."""
        return " ".join(filter(None, (
            text.get(part, "") for text in self.texts.values() for part in ("summary", "body"))))

    @cached_property
    def title_keys(self):
        """Match keys (search.analysis) of the titles, each in its own language."""
        return " ".join(text_keys(text.get("title", ""), code) for code, text in self.texts.items())

    @cached_property
    def tag_keys(self):
        """Match keys of the labels of the item's sectors, target groups and voivodeships, in every
        language: an item whose sector is what the reader typed ranks above one that mentions it."""
        return text_keys(" ".join(term_labels(name, self.facets.get(name, ())) for name in TAG_FACETS))

    @cached_property
    def body_keys(self):
        """Match keys of the summaries and bodies, each in its own language."""
        return " ".join(text_keys(f"{text.get('summary', '')} {text.get('body', '')}", code)
                        for code, text in self.texts.items())

    def facet_rows(self):
        """(name, value) pairs of every facet, including audience, for the database index."""
        rows = {("kind", self.kind)}
        rows.update(("language", code) for code in self.texts)
        if self.date:
            rows.add(("year", str(self.date.year)))
        for name in ADAPTER_FACETS:
            rows.update((name, str(value)) for value in self.facets.get(name, ()))
        rows.update(("audience", token) for token in self.audience)
        return sorted(rows)


def shown_text(text):
    """The bounded text a translation's snippets are cut from: its summary, then the start of its body
    (never a whole attachment: highlighting costs what it reads)."""
    return f"{text.get('summary', '')} {text.get('body', '')}".strip()[:SHOWN_TEXT]


_term_labels = {}


def term_labels(name, codes):
    """The labels of vocabulary `codes` (e.g. sectors) in every language, as one text."""
    from django.conf import settings
    from django.utils import translation

    if name not in _term_labels:
        model = {"sector": Sector, "target_group": TargetGroup, "voivodeship": Voivodeship}[name]
        labels = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for value, label in model.labels().items():
                    labels.setdefault(value, []).append(str(label))
        _term_labels[name] = {value: " ".join(parts) for value, parts in labels.items()}
    return " ".join(_term_labels[name].get(str(code), "") for code in codes)


class Adapter:
    """Turns instances of one model into entries; subclass per content type."""

    kind = ""
    label = ""
    model = ""  # "app_label.ModelName"
    chunk_size = 500
    # Models whose saves change this type's entries (e.g. a file of a resource):
    # `on_related_saved` is connected to their post_save.
    extra_senders = ()

    # Facet → ORM lookups from the model giving that facet's codes, e.g. {"sector": ("sectors__code",)}:
    # read for a whole chunk with one values query per lookup, no model instances.
    facet_lookups = {}

    def chunk_facets(self, objs):
        """{pk: {facet: set of codes}} of `objs` from `facet_lookups`."""
        pks = [obj.pk for obj in objs]
        codes = {pk: {name: set() for name in self.facet_lookups} for pk in pks}
        if not pks or not self.facet_lookups:
            return codes
        manager = self.get_model()._base_manager
        # A chunk is a primary-key range (iter_chunks): a range condition instead of a
        # 500-value IN list, which Django and psycopg spend more time building than PostgreSQL running.
        in_range = {"pk__gte": min(pks), "pk__lte": max(pks)}
        for name, lookups in self.facet_lookups.items():
            for lookup in lookups:
                rows = manager.filter(**in_range, **{f"{lookup}__isnull": False}).values_list("pk", lookup)
                for pk, code in rows:
                    if pk in codes:
                        codes[pk][name].add(str(code))
        return codes

    def on_related_saved(self, sender, instance, **kwargs):
        """Queue the entries that `instance` (of an extra sender) affects."""

    def get_model(self):
        return apps.get_model(self.model)

    def queryset(self):
        """Every candidate instance, prefetching what `entry` reads (used by the rebuild)."""
        return self.get_model()._default_manager.all()

    def object_ids(self, obj):
        """Ids of the entries that a change of `obj` affects (a translation: its source item)."""
        return [obj.pk]

    def load(self, object_id):
        """The instance with this primary key, or None when it no longer exists."""
        return self.queryset().filter(pk=object_id).first()

    def entry(self, obj):
        """The instance's Entry, or None when it must not be searchable (draft, private)."""
        raise NotImplementedError

    def entries(self, objs):
        """Entries of a chunk of instances (the rebuild); override to batch per-item queries."""
        return [entry for entry in map(self.entry, objs) if entry is not None]

    def connect(self):
        """Connect signals beyond the model's own save/delete (e.g. a parent's publish); optional."""

    def handles(self, obj):
        """Whether this adapter indexes `obj` (pages: exact specific class)."""
        return isinstance(obj, self.get_model())


_adapters = {}
_topic_labels = []
_audience_providers = []
_browse_links = []


def register(adapter):
    """Make a content type searchable (its model's app must be installed)."""
    _adapters[adapter.kind] = adapter
    return adapter


def adapters():
    """The registered adapters by kind, in registration order."""
    return dict(_adapters)


def get_adapter(kind):
    return _adapters.get(kind)


def adapter_for(obj):
    """The adapter that indexes `obj`, or None."""
    for adapter in _adapters.values():
        if adapter.handles(obj):
            return adapter
    return None


def register_topic_labels(func):
    """Register `func() -> {code: label}` for the "topic" facet (e.g. the library's topics)."""
    _topic_labels.append(func)
    return func


def topic_labels():
    labels = {}
    for func in _topic_labels:
        labels.update(func())
    return labels


def register_audience_provider(func):
    """Register `func(user) -> iterable of audience tokens` the user belongs to (e.g. group memberships)."""
    _audience_providers.append(func)
    return func


def audience_providers():
    return list(_audience_providers)


_evaluation_corpus = []


def register_evaluation_corpus(func):
    """Register `func(csv_path)` that loads the items of the relevance set (search/eval/, `manage.py
    search_eval`) from its CSV and returns the import's result (with `.errors`): the directory's
    organisations (directory/search.py)."""
    _evaluation_corpus.append(func)
    return func


def evaluation_corpus():
    """The registered loader of the relevance set's items (see `register_evaluation_corpus`)."""
    return _evaluation_corpus[-1]


def register_browse_link(func):
    """Register `func(language, query, filters) -> (label, url) or None`: a listing where a reader
    whose search found little can browse on (e.g. the directory with the search's filters)."""
    _browse_links.append(func)
    return func


def listing_link(index_model, label, parameters, language, query, filters):
    """(label, URL) of the live listing page `index_model` in `language` (else any language) with the
    search's words (`q`) and the filters it shares (`parameters`: {search facet: listing's parameter})."""
    from urllib.parse import urlencode

    def compute():
        index = (index_model.objects.live().filter(locale__language_code=language).first()
                 or index_model.objects.live().first())
        return (index.url or "") if index is not None else ""

    # The listing's URL, kept with the frame's values (dropped on every publish, move or Site save): a
    # search that finds little costs no query for it. "" when there is no live listing.
    url = frame.cached(("search-browse", index_model._meta.label, language), compute)
    if not url:
        return None
    params = [("q", query)] + [(parameters[name], value) for name, values in filters.items()
                               if name in parameters for value in values]
    return label, f"{url}?{urlencode(params)}"


def browse_links(language, query, filters):
    """[(label, url)] of every registered listing for this search (search.views' help for thin results)."""
    links = (func(language, query, filters) for func in _browse_links)
    return [link for link in links if link]


def load_adapters():
    """Register the site frame's pages, then import `<app>/search.py` of every local app that
    has one, in the order of LOCAL_APPS (AppConfig.ready: every model is loaded by then)."""
    from . import home_pages  # noqa: F401 (registers on import; it imports this module)

    list(app_modules("search", exclude=("search",)))  # importing `<app>/search.py` registers its adapters
