"""Background tasks of the directory, run by django-q2 (see schedules.py)."""


def remind_stale_organisations():
    """Daily: remind managers of profiles not confirmed for 12 months."""
    from .staleness import remind_stale_organisations as remind

    return remind()


def close_expired_items():
    """Daily: close needs and offers past their valid-until date and tell their owners."""
    from .support import close_expired_items as close

    return close()


def run_import(run_id):
    """An organisation import started in the admin, from where it stopped (a retried task resumes)."""
    from .importing import ImportInterrupted, run_import as run
    from .models import ImportRun

    import_run = ImportRun.objects.filter(pk=run_id).first()
    if import_run is None or import_run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
        return None
    try:
        run(import_run)
    except ImportInterrupted:
        pass  # recorded on the run, which the editor can resume
    return import_run.summary()
