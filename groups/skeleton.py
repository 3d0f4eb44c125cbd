"""The groups' part of the site skeleton (`manage.py setup_site`): the working-groups index and
the Forum meetings index, in pl, uk, en."""

from home.translation import translated_child

from .models import GroupIndexPage, MeetingIndexPage

GROUP_INDEX = {
    "pl": {"title": "Grupy robocze",
           "introduction": "Tematyczne grupy robocze Forum: współtworzone, współprowadzone i moderowane przez "
           "organizacje członkowskie, UNHCR i organizacje międzynarodowe."},
    "uk": {"title": "Робочі групи",
           "introduction": "Тематичні робочі групи Форуму, які спільно створюють, ведуть і модерують "
           "організації-члени, УВКБ ООН та міжнародні організації."},
    "en": {"title": "Working groups",
           "introduction": "The Forum's thematic working groups: co-created, co-led and facilitated by member "
           "organisations, UNHCR and international organisations."},
}

MEETING_INDEX = {
    "pl": {"title": "Spotkania Forum",
           "introduction": "Regularne spotkania dla zarejestrowanych uczestników z udziałem organizacji "
           "międzynarodowych i agend ONZ."},
    "uk": {"title": "Зустрічі Форуму",
           "introduction": "Регулярні зустрічі для зареєстрованих учасників за участі міжнародних організацій "
           "та агенцій ООН."},
    "en": {"title": "Forum meetings",
           "introduction": "Regular meetings for registered participants, with international organisations and "
           "UN agencies."},
}


def build(home, log=None):
    """(working-groups index, meetings index) under `home`, created with their translations if missing."""
    groups = translated_child(home, GroupIndexPage, "grupy-robocze", GROUP_INDEX, show_in_menus=True)
    meetings = translated_child(home, MeetingIndexPage, "spotkania", MEETING_INDEX, show_in_menus=True)
    if log:
        log("working groups and Forum meetings indexes in pl, uk, en")
    return groups, meetings
