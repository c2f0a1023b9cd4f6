"""The search form: what a visitor may ask, and the Chinese message for what cannot be searched."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SearchDocument

MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("搜索关键词"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("搜索词太长了（最多 %(limit_value)d 个字），请精简后再搜索。"),
            "null_characters_not_allowed": _("搜索词中含有无法识别的字符，请重新输入。"),
        },
    )
    type = forms.ChoiceField(
        label=_("结果类别"),
        required=False,
        choices=SearchDocument.Kind.choices,
        error_messages={"invalid_choice": _("没有“%(value)s”这一类结果，下面显示全部类别的结果。")},
    )

    def clean_q(self):
        query = self.cleaned_data["q"]
        if any(ord(character) < 32 and not character.isspace() for character in query):
            raise forms.ValidationError(_("搜索词中含有无法识别的字符，请重新输入。"), code="control_characters")
        return " ".join(query.split())
