"""/search/?q=: one search over departments, experts, equipment, news and the service pages."""

from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.pagination import page_links

from .forms import SearchForm
from .models import SearchDocument
from .query import count_label, search

PER_PAGE = 10
# A few service pages exist: a tab of them that says 0 on most searches would only be noise.
OPTIONAL_TABS = {SearchDocument.Kind.SERVICE}


class SearchView(TemplateView):
    """Results ranked by relevance, with counts per kind; bad input gets a Chinese message, never an error."""

    template_name = "search/results.html"
    query_parameters = ("q", "type", "page")  # what the page cache keys on (apps.core.cache)

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET)
        form.is_valid()
        context = self.get_context_data(form=form, **self.results(form))
        response = self.render_to_response(context, status=400 if form.has_error("q") else 200)
        if context["searched"]:
            # Results are kept by no shared cache, the page cache included: one entry per query string
            # would let a sweep of queries fill Redis (docs/deployment.md, "Cache and sessions").
            patch_cache_control(response, private=True)
        return response

    def results(self, form):
        data = form.cleaned_data
        query = data.get("q", "")
        kind = data.get("type") or ""
        notices = [str(error) for error in form.errors.get("type", [])]
        if form.has_error("q") or not query:
            return {"query": query, "kind": kind, "notices": notices, "searched": False}

        outcome = search(query, kind=kind or None, page=self.request.GET.get("page"), per_page=PER_PAGE)
        if outcome.page_notice:
            notices.append(outcome.page_notice)
        return {
            "query": query,
            "kind": kind,
            "notices": notices,
            "searched": True,
            "partial_match": not outcome.parsed.match_all,
            "searchable": outcome.parsed.is_searchable,
            "total": outcome.total,
            "found": count_label(outcome.counts[kind]) if kind else count_label(*outcome.counts.values()),
            "truncated": outcome.truncated,
            "tabs": self.tabs(query, kind, outcome.counts),
            "page_obj": outcome.page,
            "paginator": outcome.paginator,
            "page_range": page_links(outcome.page),
            "hits": outcome.page.object_list,
            "filter_query": urlencode({"q": query, **({"type": kind} if kind else {})}),
        }

    @staticmethod
    def tabs(query, current, counts):
        """(label, count as shown, url, is_current) for 全部 and each kind; 就医服务 only when it has results."""
        tabs = [(_("全部"), count_label(*counts.values()), "?" + urlencode({"q": query}), not current)]
        for kind, label in SearchDocument.Kind.choices:
            if kind in OPTIONAL_TABS and not counts[kind] and current != kind:
                continue
            tabs.append(
                (label, count_label(counts[kind]), "?" + urlencode({"q": query, "type": kind}), current == kind)
            )
        return tabs
