"""Demo data of search: the database copy of everything the other apps' demos created.

Runs last (search follows the content apps in LOCAL_APPS). Elasticsearch is filled by
`manage.py search_index --rebuild` or, within minutes, by the scheduled sync_pending.
"""

from .indexing import rebuild


def load(log):
    _name, count = rebuild(use_elasticsearch=False)
    log(f"Search: {count} entries in the database copy (Elasticsearch: manage.py search_index --rebuild).")
