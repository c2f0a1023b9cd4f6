"""One rule for the ?page= of every paginated list, and the page links templates/includes/pagination.html shows."""

from django.utils.translation import gettext as _

# A visitor's value is repeated in a notice; longer ones are cut.
SHOWN_VALUE_LENGTH = 30


def page_number(value, num_pages):
    """(the page to show for the ?page= value `value`, a notice for the visitor or "").

    A page is ASCII digits, or "last" as Django's ListView takes it: anything else shows the first
    page, and a number past the end the last page, each with a notice, never an error.
    """
    value = value or "1"
    if value == "last":
        return num_pages, ""
    digits = value.lstrip("0")
    if not (value.isascii() and value.isdigit() and digits):
        shown = value if len(value) <= SHOWN_VALUE_LENGTH else value[:SHOWN_VALUE_LENGTH] + "…"
        return 1, _("页码“%(value)s”无效，已为您显示第 1 页。") % {"value": shown}
    # Compared as digits first: int() refuses strings of thousands of digits.
    if len(digits) > len(str(num_pages)) or int(digits) > num_pages:
        return num_pages, _("没有您要找的那一页，已为您显示最后一页（第 %(last)d 页）。") % {"last": num_pages}
    return int(digits), ""


def page_links(page):
    """The page numbers to link around `page`, with Paginator.ELLIPSIS where some are left out."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


class PageNumberMixin:
    """List views: pages by page_number()'s rule; `page_notices` holds its notice, `page_range` the links."""

    page_notices = ()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        value = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
        number, notice = page_number(value, paginator.num_pages)
        self.page_notices = [notice] if notice else []
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("page_obj") is not None:
            context["page_range"] = page_links(context["page_obj"])
        return context
