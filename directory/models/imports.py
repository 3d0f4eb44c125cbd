"""Organisation imports: one run per uploaded file, one line per processed row.

A run keeps its file, so an import that stopped on a system failure (a locked database, a
killed worker) resumes where it stopped; each row's change and its line in the report are
written in the same short transaction, so the report always matches the data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of an organisations file (CSV or XLSX), its progress and its counters."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("finished")
        INTERRUPTED = "interrupted", _("interrupted (can be resumed)")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("user"))
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    content = models.BinaryField(editable=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    publish = models.BooleanField(_("publish new organisations"), default=False)
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows processed"), default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    problem = models.TextField(_("problem"), blank=True)

    class Meta:
        verbose_name = _("organisation import")
        verbose_name_plural = _("organisation imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else self.filename

    COUNTERS = ["created", "updated", "unchanged", "rejected", "done"]

    def add_line(self, line):
        """Keep one line of the report (in the database for a saved run, in memory for a dry run)."""
        line.run = self
        if self.pk:
            line.save()
        else:
            self.__dict__.setdefault("_memory_lines", []).append(line)

    def record(self, outcome):
        """Count one processed row and keep its report line (call inside the row's transaction)."""
        self.add_line(ImportLine(line=outcome.line, name=outcome.name[:255], action=outcome.action,
                                 columns=list(outcome.columns), errors=[error.as_list() for error in outcome.errors]))
        setattr(self, outcome.action, getattr(self, outcome.action) + 1)
        self.done += 1
        if self.pk:
            self.save(update_fields=self.COUNTERS)

    def forget_uncommitted(self):
        """After a rolled-back row: the counters as committed."""
        if self.pk:
            self.refresh_from_db(fields=self.COUNTERS)

    def report_lines(self):
        """The report's lines, in file order."""
        if self.pk:
            return list(self.lines.all())
        return list(self.__dict__.get("_memory_lines", []))

    @property
    def errors(self):
        """Every rejection as a RowError (line, column, value, message)."""
        from directory.importing import RowError

        return [RowError(line.line, *error) for line in self.report_lines() for error in line.errors]

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_active(self):
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    def summary(self):
        """The stable summary line that scripts read (labels in the active language)."""
        return _("created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, rejected: %(rejected)s") % {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged, "rejected": self.rejected,
        }


class ImportLine(models.Model):
    """What one row of an import did: created, updated (which columns), unchanged or rejected (why)."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        UNCHANGED = "unchanged", _("unchanged")
        REJECTED = "rejected", _("rejected")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="lines")
    line = models.PositiveIntegerField()
    name = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    # Changed columns of an update; [column, value, message] triples of a rejection.
    columns = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["line"]
        constraints = [models.UniqueConstraint(fields=["run", "line"], name="unique_import_line")]

    def describe(self):
        """One line of the per-row diff, in the active language."""
        values = {"line": self.line, "name": self.name, "columns": ", ".join(self.columns)}
        if self.action == self.Action.CREATED:
            return _("line %(line)s: new “%(name)s”") % values
        if self.action == self.Action.UPDATED:
            return _("line %(line)s: “%(name)s” changes %(columns)s") % values
        if self.action == self.Action.UNCHANGED:
            return _("line %(line)s: “%(name)s” unchanged") % values
        return _("line %(line)s: “%(name)s” rejected") % values
