"""Who else is editing: opening a record's edit page notes the editor and tells them who opened it lately."""

import datetime

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext

from apps.core.conflicts import change_form_opened

from .models import EditPresence

# How long an opened edit page counts as "being edited"; forgotten entries go after a day.
EDITING_WINDOW = datetime.timedelta(minutes=5)
FORGET_AFTER = datetime.timedelta(days=1)


@receiver(change_form_opened, dispatch_uid="workflow.note_editor")
def note_editor(sender, request, obj, **kwargs):
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(sender, for_concrete_model=False)
    others = (
        EditPresence.objects.filter(content_type=content_type, object_id=obj.pk, opened_at__gte=now - EDITING_WINDOW)
        .exclude(user=request.user)
        .select_related("user")
    )
    for presence in others:
        messages.warning(
            request,
            gettext("注意：%(who)s 于 %(when)s 打开了这条内容，可能正在编辑。请先与对方确认，以免修改冲突。")
            % {
                "who": presence.user.get_full_name() or presence.user.get_username(),
                "when": timezone.localtime(presence.opened_at).strftime("%H:%M"),
            },
        )
    EditPresence.objects.update_or_create(
        content_type=content_type, object_id=obj.pk, user=request.user, defaults={"opened_at": now}
    )
    EditPresence.objects.filter(opened_at__lt=now - FORGET_AFTER).delete()
