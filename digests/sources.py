"""The content-source protocol: how any app contributes items to digests.

An app opts in with a module `<app>/digest.py` defining

    def digest_items(start, end):
        '''Items first published in [start, end) (aware datetimes), as DigestItem.'''

and, optionally (the groups app),

    def working_groups_of(user_ids):
        '''{user_id: set of working-group ids the user belongs to}.'''

    def members_of_working_groups(group_ids):
        '''Ids of the users who belong to any of these working groups (mailing audiences).'''

and (the directory) for contact-persons mailings (digests.contacts)

    def contact_people(mailing):
        '''{lower-case e-mail: (name, user or None)} of the people the mailing reaches.'''

A source returns everything published in the period, including restricted items:
`DigestItem.audience` says who may see each one and digests filter per subscriber,
so a source is queried once per batch, never once per subscriber. Sources must
keep their own query count bounded (no query per item). Digests never import
other apps' models.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from core.discovery import app_modules


@dataclass(frozen=True)
class ItemText:
    """An item's title, absolute URL and short summary in one language."""

    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class Audience:
    """Who may see an item.

    - `login`: only people with an account (Wagtail's "private, accessible to logged-in users");
    - `auth_groups`: only members of these Django groups (Wagtail's group restriction);
    - `working_groups`: only members of these working groups (groups app);
    - `nobody`: never mailed (e.g. a password-protected page).
    Superusers pass every restriction but `nobody`, as in Wagtail.
    """

    login: bool = False
    auth_groups: frozenset = frozenset()
    working_groups: frozenset = frozenset()
    nobody: bool = False

    def allows(self, reader):
        if self.nobody:
            return False
        if not (self.login or self.auth_groups or self.working_groups):
            return True
        if reader.user_id is None:
            return False
        if reader.is_superuser:
            return True
        if self.auth_groups and not (self.auth_groups & reader.auth_groups):
            return False
        if self.working_groups and not (self.working_groups & reader.working_groups):
            return False
        return True

    def restricted_by(self, other):
        """Both audiences' restrictions at once (an item inside a restricted section).

        Two group restrictions combine conservatively: only people in a group named by
        both pass; when no group is named by both, nobody is mailed the item.
        """
        nobody = self.nobody or other.nobody
        combined = {}
        for name in ("auth_groups", "working_groups"):
            mine, theirs = getattr(self, name), getattr(other, name)
            combined[name] = mine & theirs if mine and theirs else mine | theirs
            nobody = nobody or bool(mine and theirs and not combined[name])
        return Audience(login=self.login or other.login, nobody=nobody, **combined)


PUBLIC = Audience()


@dataclass(frozen=True)
class Reader:
    """What visibility checks need to know about a subscriber (None user: anonymous)."""

    user_id: int | None = None
    is_superuser: bool = False
    auth_groups: frozenset = frozenset()
    working_groups: frozenset = frozenset()


ANONYMOUS = Reader()


@dataclass
class DigestItem:
    """One new piece of content, in every language it exists in.

    `texts` maps a language code to its ItemText; `original_language` is the one
    shown (with a note) to a subscriber whose language is missing. Empty `sectors`
    or `voivodeships` mean "not specific" and match every preference;
    `voivodeships` may contain "all" (nationwide). `working_groups` names the
    groups an item belongs to (group news goes only to their members).
    """

    key: str
    kind: str
    published_at: datetime
    texts: dict
    original_language: str = settings.LANGUAGE_CODE
    sectors: frozenset = frozenset()
    voivodeships: frozenset = frozenset()
    audience: Audience = PUBLIC
    working_groups: frozenset = frozenset()
    search_text: str = field(default="", repr=False)

    def text_for(self, language):
        """(ItemText, language shown): the subscriber's language, else the original, else any."""
        if language in self.texts:
            return self.texts[language], language
        if self.original_language in self.texts:
            return self.texts[self.original_language], self.original_language
        code = next(iter(self.texts))
        return self.texts[code], code


def source_modules():
    """The sources: the Forum's news (digests.home_news, first as home is first in LOCAL_APPS),
    then the `digest` modules of the other local apps, in LOCAL_APPS order."""
    from . import home_news  # it imports digests.pages, which imports this module

    return [home_news, *(module for _app, module in app_modules("digest", exclude=("digests",)))]


def collect_items(start, end):
    """Every source's items published in [start, end), oldest first."""
    items = []
    for module in source_modules():
        items.extend(module.digest_items(start, end))
    items.sort(key=lambda item: (item.published_at, item.key))
    return items


def working_groups_of(user_ids):
    """{user_id: frozenset of working-group ids}, from the sources that know (the groups app)."""
    result = {}
    user_ids = [user_id for user_id in user_ids if user_id is not None]
    if not user_ids:
        return result
    for module in source_modules():
        provider = getattr(module, "working_groups_of", None)
        if provider is None:
            continue
        for user_id, groups in provider(user_ids).items():
            result[user_id] = result.get(user_id, frozenset()) | frozenset(groups)
    return result


def _from_providers(name, group_ids):
    found = set()
    for module in source_modules():
        provider = getattr(module, name, None)
        if provider is not None:
            found |= set(provider(group_ids))
    return found


def working_group_members(group_ids):
    """Ids of the users who belong to any of these working groups (any translation of a group)."""
    return _from_providers("members_of_working_groups", group_ids)


def working_group_organisations(group_ids):
    """Ids of the organisations represented in any of these working groups (any translation of a group)."""
    return _from_providers("organisations_of_working_groups", group_ids)
