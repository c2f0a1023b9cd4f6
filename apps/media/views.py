"""Downloading an attached file: streamed from the media storage (disk or S3) with its true type and name."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Attachment


def _visible(request, attachment):
    """A visitor downloads what belongs to a page they may see; an editor of that page also a draft's."""
    owner_model = attachment.content_type.model_class()
    if owner_model is None:
        return False
    opts = owner_model._meta
    if request.user.is_staff and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return True
    owners = owner_model._default_manager.all()
    if hasattr(owners, "published"):
        owners = owners.published()
    return owners.filter(pk=attachment.object_id).exists()


@require_safe
def download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    if not _visible(request, attachment):
        raise Http404
    try:
        stored = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    # FileResponse writes the name as RFC 5987 (filename*=utf-8''…) when it is not ASCII, as Chinese titles are.
    return FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.file_type.content_type,
    )
