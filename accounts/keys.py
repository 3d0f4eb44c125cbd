"""Stable keys for rows the code relies on but editors see by name (groups, workflows, tasks,
collections): the code finds them by key, so a Polish display name or an editor's rename never
makes it create a duplicate."""

from django.contrib.contenttypes.models import ContentType


def _content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=True)


def keyed_ids(model, key):
    """A subquery of the ids of `model` rows registered under `key` (usable in filters, no extra query)."""
    from .models import SystemKey

    return SystemKey.objects.filter(content_type=_content_type(model), key=key).values("object_id")


def key_of(model, object_id):
    """A subquery of the key a `model` row is registered under (`object_id`: e.g. OuterRef("pk")), or NULL.

    The model is named in the SQL by its app label and name, not by its content type's id, so that a
    statement compiled once (home.frame.user_groups) stays right if the content types are made anew."""
    from django.db.models import Subquery

    from .models import SystemKey

    meta = model._meta.concrete_model._meta
    return Subquery(SystemKey.objects.filter(content_type__app_label=meta.app_label, content_type__model=meta.model_name,
                                             object_id=object_id).values("key")[:1])


def keyed(model, key):
    """The `model` row registered under `key`, or None."""
    return model.objects.filter(pk__in=keyed_ids(model, key)).first()


def register_key(obj, key):
    """Register `obj` under `key` (replacing the row the key pointed at before, if any)."""
    from .models import SystemKey

    SystemKey.objects.update_or_create(
        content_type=_content_type(type(obj)), key=key, defaults={"object_id": obj.pk}
    )


def ensure_keyed(model, key, name, create=None, legacy_names=()):
    """The `model` row of `key`; created when missing (`create(name)`, by default
    `model.objects.create(name=name)`).

    A row made before keys existed is adopted by its display `name` or one of its `legacy_names`
    (the English names the code used to look it up by) and given the display `name`; after that
    only the key counts.
    """
    obj = keyed(model, key)
    if obj is not None:
        return obj
    candidates = {row.name: row for row in model.objects.filter(name__in=[name, *legacy_names]).order_by("-pk")}
    obj = next((candidates[n] for n in [name, *legacy_names] if n in candidates), None)
    if obj is not None:
        if obj.name != name and not model.objects.filter(name=name).exclude(pk=obj.pk).exists():
            obj.name = name
            obj.save(update_fields=["name"])
    elif create is not None:
        obj = create(name)
    else:
        obj = model.objects.create(name=name)
    register_key(obj, key)
    return obj
