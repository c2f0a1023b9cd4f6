"""How a number is read from a URL (ASCII digits only), the rule for the ?page= of every paginated list,
and the page links templates/includes/pagination.html shows."""

import re

from django.utils.translation import gettext as _

# \d and str.isdigit() would also take "１２", "٣" or "²": a number in a URL is written 0-9.
ASCII_NUMBER = re.compile(r"[0-9]+")

# A visitor's value is repeated in a notice; longer ones are cut.
SHOWN_VALUE_LENGTH = 30


def ascii_int(value, max_digits=18):
    """`value` as a whole number when it is ASCII digits 0-9 and nothing else; otherwise None.

    int() alone takes "１２", "١٢" and " 12 " and refuses "²", which str.isdigit() passes. More than
    `max_digits` digits (leading zeros aside) is None too: int() refuses thousands of them, and no
    number the site reads, a record's id included, is that long.
    """
    if not (isinstance(value, str) and ASCII_NUMBER.fullmatch(value)):
        return None
    digits = value.lstrip("0") or "0"
    return int(digits) if len(digits) <= max_digits else None


def page_number(value, num_pages):
    """(the page to show for the ?page= value `value`, a notice for the visitor or "").

    A page is a number read by ascii_int(), or "last" as Django's ListView takes it: anything else
    shows the first page, and a number past the end the last page, each with a notice, never an error.
    """
    value = value or "1"
    if value == "last":
        return num_pages, ""
    if not ASCII_NUMBER.fullmatch(value) or not value.strip("0"):
        shown = value if len(value) <= SHOWN_VALUE_LENGTH else value[:SHOWN_VALUE_LENGTH] + "…"
        return 1, _("页码“%(value)s”无效，已为您显示第 1 页。") % {"value": shown}
    number = ascii_int(value, max_digits=len(str(num_pages)))
    if number is None or number > num_pages:
        return num_pages, _("没有您要找的那一页，已为您显示最后一页（第 %(last)d 页）。") % {"last": num_pages}
    return number, ""


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
