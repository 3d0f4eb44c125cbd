"""The Secretariat's screen of registrations: approving and requesting changes happen in the
moderation workflow (Wagtail's "Approve" / "Request changes"); rejecting for good, with the reason
the applicant reads, happens here."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import EditView

from .models import Registration


class RegistrationDecisionForm(WagtailAdminModelForm):
    """Only a final rejection (with its reason) is decided on this form."""

    class Meta:
        model = Registration
        fields = ["status", "reason"]

    def clean(self):
        data = super().clean()
        status, previous = data.get("status"), self.initial.get("status")
        if status != previous and status != Registration.REJECTED:
            self.add_error("status", forms.ValidationError(_(
                "Approve or request changes in the moderation workflow (Pages → the organisation); "
                "here you can only reject a registration for good."), code="workflow"))
        if status == Registration.REJECTED and not (data.get("reason") or "").strip():
            self.add_error("reason", forms.ValidationError(
                _("Give the reason: the applicant reads it."), code="required"))
        return data


class RegistrationEditView(EditView):
    """Saving a registration as rejected stops its moderation and e-mails the reason to the applicant."""

    def save_instance(self):
        from .registration import decide_rejection

        previous = Registration.objects.filter(pk=self.object.pk).values_list("status", flat=True).first()
        instance = self.form.instance
        if instance.status == Registration.REJECTED and previous != Registration.REJECTED:
            decide_rejection(instance, self.request.user, instance.reason)
            return instance
        return super().save_instance()
