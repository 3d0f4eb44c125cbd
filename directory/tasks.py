"""Background tasks of the directory, run by django-q2 (see schedules.py)."""


def remind_stale_organisations():
    """Daily: remind managers of profiles not confirmed for 12 months."""
    from .staleness import remind_stale_organisations as remind

    return remind()


def close_expired_items():
    """Daily: close needs and offers past their valid-until date and tell their owners."""
    from .support import close_expired_items as close

    return close()
