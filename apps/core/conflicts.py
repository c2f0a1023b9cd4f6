"""Edit conflicts in the admin: a save over a version newer than the one the editor opened is refused.

Every admin form carries a token of the version it was opened on: the record's `updated_at` where it
has one (any save moves it, in the admin or not), else its latest recorded version. The refusal names
who saved the newer version and when, from the version history. A post that carries no token at all
(not sent from the edit page, e.g. a script) is not compared, unless the admin requires the token
(`edit_token_required`, as the news admin does).
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from reversion.models import Version

# Sent when an editor opens a record's change form (sender: the model; request, obj): other apps note who.
change_form_opened = Signal()


def has_updated_at(model):
    try:
        model._meta.get_field("updated_at")
    except FieldDoesNotExist:
        return False
    return True


def latest_version(model, pk):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return (
        Version.objects.filter(content_type=content_type, object_id=str(pk))
        .select_related("revision__user")
        .order_by("-pk")
        .first()
    )


def current_token(model, pk, lock=False):
    """The token of the stored version of a record. Locked, the row stays so until the admin's transaction
    ends, so that two saves cannot both pass the check."""
    with transaction.atomic():
        rows = model._default_manager.filter(pk=pk)
        if lock:
            rows = rows.select_for_update()
        if has_updated_at(model):
            stored = rows.values_list("updated_at", flat=True).first()
            return stored.isoformat() if stored else ""
        rows.values_list("pk", flat=True).first()
        version = latest_version(model, pk)
        return f"v{version.pk}" if version else ""


def stale_message(model, pk):
    version = latest_version(model, pk)
    if version is not None and version.revision.user is not None:
        who = version.revision.user.get_full_name() or version.revision.user.get_username()
        when = timezone.localtime(version.revision.date_created).strftime("%Y-%m-%d %H:%M")
        saved_by = gettext("（保存人：%(who)s，保存时间：%(when)s）") % {"who": who, "when": when}
    else:
        saved_by = ""
    return gettext(
        "未保存：您打开此页面之后，这条内容已被其他人修改并保存%(saved_by)s。为避免覆盖对方的修改，本次没有保存任何内容。"
        "请先复制您改动的文字，再重新加载本页面，在最新版本上重新修改。"
    ) % {"saved_by": saved_by}


def with_edit_token(form_class, token_for, required=False):
    """The form class with a hidden token of the version it was opened on; `token_for(model, pk, lock)` makes it."""

    class EditTokenForm(form_class):
        edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
        check_edit_token = True
        edit_token_required = required

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk:
                self.fields["edit_token"].initial = token_for(type(self.instance), self.instance.pk)

        def clean(self):
            cleaned_data = super().clean()
            # Only a form opened on the edit page carries a token; a post built without one has no version to compare.
            posted = self.edit_token_required or self.add_prefix("edit_token") in self.data
            if self.instance.pk and self.check_edit_token and posted:
                model, pk = type(self.instance), self.instance.pk
                if token_for(model, pk, lock=True) != cleaned_data.get("edit_token"):
                    raise ValidationError(stale_message(model, pk), code="stale")
            return cleaned_data

    EditTokenForm.__name__ = form_class.__name__
    return EditTokenForm
