"""Portable JSON export and import of the content (manage.py export_data / import_data).

A backup beside pg_dump that does not depend on the database engine or on the
migration history: objects are identified by natural keys, never by their primary
keys, so a file imports into any installation of the same code, and importing it
twice changes nothing.

Natural keys, in this order: the registry entry's own `key`; `translation_key` +
locale for translatable models (pages, snippets); the model's first unique field
(`code` of the taxonomy, `language_code` of locales); its first unique_together.
Foreign keys and many-to-many relations are written as the natural key of their
target; relations to models without a natural key (images, users) are left out.

Every page of the tree is exported (any app's page type), parents before children,
with its inline children (Orderables of a ParentalKey). Rich text and StreamField
links to pages keep their page ids: after an import into another database they
may point elsewhere (see docs/operations.md).

Apps add their models to EXPORTED below: a label, and optionally a `key`.
"""

import json
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from taggit.managers import TaggableManager
from wagtail.models import Collection, Locale, Page, TranslatableMixin

FORMAT = "razem-export"
VERSION = 1
PAGES = "wagtailcore.page"
COLLECTIONS = "wagtailcore.collection"
# Page fields that belong to the content; the rest is tree and workflow bookkeeping.
PAGE_CONTENT_FIELDS = {"title", "slug", "seo_title", "search_description", "show_in_menus", "live"}


@dataclass(frozen=True)
class Entry:
    """One exported model: its label and, when it has no unique field, its natural key."""

    label: str
    key: tuple = None


# Import order: what a model refers to comes before it. "wagtailcore.page" stands for
# every page of the tree, whatever its type. Models of apps not installed are skipped.
EXPORTED = [
    # Model types and permissions exist wherever the same code is migrated; listing them
    # lets permission groups and Wagtail's page and collection permissions refer to them.
    Entry("contenttypes.contenttype"),
    Entry("auth.permission"),
    Entry("wagtailcore.locale"),
    Entry("home.voivodeship"),
    Entry("home.sector"),
    Entry("home.targetgroup"),
    Entry("home.supporttype"),
    Entry("home.language"),
    Entry("auth.group"),
    Entry(COLLECTIONS),  # keyed by the names from the root down
    Entry("wagtailcore.collectionviewrestriction", key=("collection",)),
    Entry("wagtailcore.groupcollectionpermission"),
    Entry("groups.groupspace"),  # a working group's permission groups and document collection
    # Files' metadata, keyed by their path in the media storage (back the files up with media).
    Entry("wagtaildocs.document", key=("file",)),
    Entry("wagtailimages.image", key=("file",)),
    Entry("library.topic"),
    Entry(PAGES),
    Entry("wagtailcore.pageviewrestriction", key=("page",)),
    Entry("wagtailcore.grouppagepermission"),
    Entry("wagtailcore.site"),
    Entry("library.resourcecollection"),
    # Organisations are pages; their needs and offers and the partnerships between them:
    Entry("directory.supportitem"),
    Entry("directory.partnership"),
    Entry("directory.coveragesettings", key=()),
    Entry("home.footertext"),
    Entry("home.sitesettings", key=()),
]


class ImportFailed(Exception):
    """The file cannot be imported; the message says which object and why."""


def registered_entries(only=None):
    """The registry's entries whose models are installed, limited to the labels in `only`."""
    entries = []
    for entry in EXPORTED:
        try:
            apps.get_model(entry.label)
        except LookupError:
            continue
        if only and entry.label not in only:
            continue
        entries.append(entry)
    return entries


def key_fields(model, entry=None):
    """Names of the fields identifying an object of `model` across databases."""
    if entry is not None and entry.key is not None:
        return tuple(entry.key)
    if issubclass(model, TranslatableMixin):
        return ("translation_key", "locale")
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            return (field.name,)
    for together in model._meta.unique_together:
        return tuple(together)
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None and constraint.fields:
            return tuple(constraint.fields)
    return None


def entry_for(model):
    """The registry entry of `model` (a page type maps to the pages entry), or None."""
    label = PAGES if issubclass(model, Page) else model._meta.label_lower
    for entry in EXPORTED:
        if entry.label == label:
            return entry
    return None


def keyable(model):
    """Whether references to `model` are carried: pages and the registry's models.

    A reference to anything else (a user, a comment) is left out, so that a file never
    refers to something it does not hold.
    """
    return issubclass(model, Page) or entry_for(model) is not None


def natural_key(obj):
    """The JSON-ready natural key of `obj` (nested lists for keys made of relations)."""
    if isinstance(obj, Collection):
        return [collection.name for collection in obj.get_ancestors(inclusive=True)[1:]]
    model = Page if isinstance(obj, Page) else type(obj)
    names = key_fields(model, entry_for(model))
    values = []
    for name in names:
        field = model._meta.get_field(name)
        if field.is_relation:
            values.append(natural_key(getattr(obj, name)))
        else:
            values.append(field.value_to_string(obj))
    return values


class Resolver:
    """Find objects by natural key, remembering what it found."""

    def __init__(self):
        self.cache = {}
        # First pass: a nullable reference to an object later in the file is left empty
        # and the record is imported again once everything exists (import_records).
        self.lenient = True
        self.missing = False

    def get(self, model, key):
        """The object of `model` with natural key `key`, or None."""
        cache_key = (model._meta.label_lower, json.dumps(key))
        if cache_key not in self.cache:
            self.cache[cache_key] = self._lookup(model, key)
        return self.cache[cache_key]

    def forget(self):
        """Drop what was remembered (after objects were created)."""
        self.cache.clear()

    def _lookup(self, model, key):
        if issubclass(model, Collection):
            collection = Collection.get_first_root_node()
            for name in key:
                collection = collection and collection.get_children().filter(name=name).first()
            return collection
        names = key_fields(Page if issubclass(model, Page) else model, entry_for(model))
        if names == ():
            return model.objects.order_by("pk").first()
        lookup = {}
        for name, value in zip(names, key):
            field = model._meta.get_field(name)
            if field.is_relation:
                target = self.get(field.related_model, value)
                if target is None:
                    return None
                lookup[name] = target
            else:
                lookup[name] = field.to_python(value)
        return model._default_manager.filter(**lookup).first()


def content_fields(model, skip=()):
    """Concrete fields of `model` carried by the export (keys and bookkeeping excluded)."""
    page_own = {field.name for field in Page._meta.concrete_fields} if issubclass(model, Page) else set()
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skip or isinstance(field, ParentalKey):
            continue
        if field.name in page_own and field.name not in PAGE_CONTENT_FIELDS:
            continue
        if page_own and field.name not in page_own and not field.editable:
            continue  # derived by the page's app (e.g. text extracted from attachments), rebuilt after import
        if field.is_relation and not keyable(field.related_model):
            continue
        fields.append(field)
    return fields


def many_fields(model):
    """Many-to-many fields whose targets have natural keys."""
    return [field for field in model._meta.many_to_many
            if keyable(field.related_model) and not isinstance(field, TaggableManager)]


def child_relations(model):
    """Inline children (ParentalKey) of our own apps, e.g. the home page's highlights."""
    return [
        relation for relation in get_all_child_relations(model)
        if not relation.related_model._meta.app_label.startswith("wagtail")
        and carried(relation.related_model)
    ]


def carried(model):
    """Whether every required reference of `model` points at something the export holds."""
    return all(
        keyable(field.related_model) or field.null or isinstance(field, ParentalKey) or field.primary_key
        for field in model._meta.concrete_fields if field.is_relation
    )


def serialize_value(obj, field):
    """A JSON-ready value of `field` on `obj` (natural key for a relation)."""
    if field.is_relation:
        target = getattr(obj, field.name)
        return None if target is None else natural_key(target)
    value = field.value_from_object(obj)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    # StreamField, dates, decimals, files: Django's own string form, parsed back when JSON.
    text = field.value_to_string(obj)
    if isinstance(field, (models.JSONField,)) or type(field).__name__ == "StreamField":
        return json.loads(text) if isinstance(text, str) else text
    return text


def serialize_fields(obj, model, skip=()):
    data = {field.name: serialize_value(obj, field) for field in content_fields(model, skip)}
    for field in many_fields(model):
        data[field.name] = sorted((natural_key(target) for target in getattr(obj, field.name).all()), key=json.dumps)
    return data


def serialize(obj, entry):
    """The export record of `obj`: model, key, fields, children and, for pages, parent."""
    model = type(obj)
    if isinstance(obj, Collection):
        return {"model": COLLECTIONS, "key": natural_key(obj), "fields": {}}
    names = key_fields(Page if isinstance(obj, Page) else model, entry)
    record = {"model": model._meta.label_lower, "key": natural_key(obj) if names else [],
              "fields": serialize_fields(obj, model, skip=names or ())}
    children = {}
    for relation in child_relations(model):
        child_model = relation.related_model
        children[relation.get_accessor_name()] = [
            serialize_fields(child, child_model) for child in getattr(obj, relation.get_accessor_name()).all()
        ]
    if children:
        record["children"] = children
    if isinstance(obj, Page):
        parent = obj.get_parent()
        record["parent"] = None if parent.is_root() else natural_key(parent)
    return record


def objects_of(entry):
    """The objects exported for `entry`, in import order."""
    if entry.label == PAGES:
        # Parents before children; aliases mirror another page and are rebuilt by editors.
        return Page.objects.filter(depth__gt=1, alias_of__isnull=True).order_by("path").specific().iterator()
    if entry.label == COLLECTIONS:
        return Collection.objects.filter(depth__gt=1).order_by("path").iterator()
    model = apps.get_model(entry.label)
    return model._default_manager.order_by("pk").iterator()


def count_of(entry):
    if entry.label == PAGES:
        return Page.objects.filter(depth__gt=1, alias_of__isnull=True).count()
    if entry.label == COLLECTIONS:
        return Collection.objects.filter(depth__gt=1).count()
    return apps.get_model(entry.label)._default_manager.count()


def deserialize_fields(model, data, resolver, where, skip=()):
    """Model values and many-to-many targets from an export record's fields."""
    fields = {field.name: field for field in content_fields(model, skip)}
    many = {field.name: field for field in many_fields(model)}
    values, targets = {}, {}
    for name, value in data.items():
        if name in many:
            found = [resolve(resolver, many[name].related_model, key, f"{where}, {name}", nullable=True)
                     for key in value]
            targets[name] = [target for target in found if target is not None]
        elif name not in fields:
            raise ImportFailed(f"{where}: unknown field {name!r} (is this file from another version?)")
        elif fields[name].is_relation:
            values[name] = None if value is None else resolve(resolver, fields[name].related_model, value,
                                                              f"{where}, {name}", nullable=fields[name].null)
        elif type(fields[name]).__name__ == "StreamField" or isinstance(fields[name], models.JSONField):
            values[name] = value
        else:
            values[name] = None if value is None else fields[name].to_python(value)
    return values, targets


def resolve(resolver, model, key, where, nullable=False):
    """The object with natural key `key`, or ImportFailed naming what is missing.

    In the resolver's lenient first pass, a missing target of a nullable reference
    gives None and marks the record for the second pass.
    """
    target = resolver.get(model, key)
    if target is None:
        if nullable and resolver.lenient:
            resolver.missing = True
            return None
        raise ImportFailed(f"{where}: no {model._meta.label_lower} with key {key}")
    return target


def import_records(records, progress=None):
    """Import export records in order; return a Counter of "created", "updated", "unchanged".

    Records with references to objects further down the file (a home page's highlight
    linking to its own child page) are imported a second time at the end.
    """
    from collections import Counter

    counts, deferred = Counter(), []
    resolver = Resolver()
    for record in records:
        resolver.missing = False
        state = import_record(record, resolver)
        if resolver.missing:
            deferred.append((record, state))
        else:
            counts[state] += 1
        if progress is not None:
            progress.update()
    resolver.lenient = False
    for record, state in deferred:
        import_record(record, resolver)
        counts[state] += 1
    return counts


def assign(obj, model, record, resolver, where, skip):
    """Set the fields, parental many-to-many and inline children of a record on `obj`."""
    values, targets = deserialize_fields(model, record["fields"], resolver, where, skip)
    for name, value in values.items():
        setattr(obj, name, value)
    for name, value in targets.items():
        if isinstance(model._meta.get_field(name), ParentalManyToManyField):
            setattr(obj, name, value)
    for accessor, rows in record.get("children", {}).items():
        relation = next((r for r in child_relations(model) if r.get_accessor_name() == accessor), None)
        if relation is None:
            raise ImportFailed(f"{where}: unknown inline children {accessor!r}")
        children = []
        for position, row in enumerate(rows):
            child = relation.related_model()
            child_values, _ = deserialize_fields(relation.related_model, row, resolver, f"{where}, {accessor}[{position}]")
            for name, value in child_values.items():
                setattr(child, name, value)
            children.append(child)
        setattr(obj, accessor, children)
    return {name: value for name, value in targets.items()
            if not isinstance(model._meta.get_field(name), ParentalManyToManyField)}


def set_key(obj, model, names, key, resolver, where):
    for name, value in zip(names, key):
        field = model._meta.get_field(name)
        setattr(obj, name, resolve(resolver, field.related_model, value, where) if field.is_relation
                else field.to_python(value))


def same_content(obj, record, entry):
    """Whether `obj` already holds exactly what `record` describes."""
    current = serialize(obj, entry)
    return all(current.get(part) == record.get(part) for part in ("fields", "children", "parent"))


def import_record(record, resolver):
    """Create or update the object of one export record; return "created", "updated" or "unchanged"."""
    try:
        model = apps.get_model(record["model"])
    except (LookupError, ValueError, KeyError):
        raise ImportFailed(f"unknown model {record.get('model')!r}") from None
    where = f"{record['model']} {record.get('key')}"
    entry = entry_for(Page if issubclass(model, Page) else model)
    if entry is None:
        raise ImportFailed(f"{where}: this model is not part of the export registry")
    try:
        if issubclass(model, Collection):
            return import_collection(record, resolver, where)
        if issubclass(model, Page):
            return import_page(model, record, resolver, where)
        return import_object(model, entry, record, resolver, where)
    except ValidationError as exc:
        raise ImportFailed(f"{where}: {'; '.join(exc.messages)}") from None


def import_object(model, entry, record, resolver, where):
    names = key_fields(model, entry)
    obj = resolver.get(model, record["key"])
    if obj is not None and same_content(obj, record, entry):
        return "unchanged"
    created = obj is None
    if created:
        obj = model()
        set_key(obj, model, names, record["key"], resolver, where)
    targets = assign(obj, model, record, resolver, where, skip=names)
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    for name, value in targets.items():
        getattr(obj, name).set(value)
    keep_timestamps(obj, model, record)
    resolver.forget()
    return "created" if created else "updated"


def keep_timestamps(obj, model, record):
    """Put back exported auto_now(_add) dates, which save() replaced with the present time."""
    stamps = {
        field.name: field.to_python(record["fields"][field.name])
        for field in model._meta.concrete_fields
        if (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
        and record["fields"].get(field.name) is not None
    }
    if stamps:
        model._default_manager.filter(pk=obj.pk).update(**stamps)


def import_page(model, record, resolver, where):
    """Create or update one page under its parent, publishing it when it was live."""
    key = record["key"]
    if record.get("parent") is None:
        parent = Page.get_first_root_node()
    else:
        parent = resolve(resolver, Page, record["parent"], f"{where}, parent")
    page = resolver.get(Page, key)
    if page is None:
        # The page at the same place (e.g. the home page a fresh installation's migration
        # created) takes the exported identity instead of getting a twin.
        locale = resolve(resolver, Locale, key[1], f"{where}, locale")
        page = parent.get_children().filter(slug=record["fields"].get("slug"), locale=locale).first()
    if page is not None:
        page = page.specific
        if type(page) is not model:
            raise ImportFailed(f"{where}: a {type(page)._meta.label_lower} is already at this place")
        if same_content(page, record, entry_for(Page)):
            return "unchanged"
    created = page is None
    if created:
        page = model()
    set_key(page, Page, ("translation_key", "locale"), key, resolver, where)
    targets = assign(page, model, record, resolver, where, skip=("translation_key", "locale"))
    if created:
        parent.add_child(instance=page)
    else:
        if page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            page.refresh_from_db()
            page = page.specific
            assign(page, model, record, resolver, where, skip=("translation_key", "locale"))
        page.save()
    for name, value in targets.items():
        getattr(page, name).set(value)
    revision = page.save_revision()
    if record["fields"].get("live"):
        revision.publish()
    elif page.live:
        page.unpublish()
    resolver.forget()
    return "created" if created else "updated"


def import_collection(record, resolver, where):
    """Create the collection at its path of names if it is missing (collections only have names)."""
    if resolver.get(Collection, record["key"]) is not None:
        return "unchanged"
    parent = resolve(resolver, Collection, record["key"][:-1], f"{where}, parent")
    parent.add_child(instance=Collection(name=record["key"][-1]))
    resolver.forget()
    return "created"
