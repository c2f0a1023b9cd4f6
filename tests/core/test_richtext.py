"""Rich text is cleaned on output: classic XSS vectors lose everything executable, CKEditor's own HTML survives."""

import re

import pytest
from django.template import Context, Template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.core.richtext import clean_html, plain_text
from apps.departments.models import Department
from tests.core.html_checks import executable_parts

XSS_VECTORS = {
    # script and style
    "script": "<script>alert(1)</script>",
    "script-src": "<SCRIPT SRC=//example.invalid/x.js></SCRIPT>",
    "script-in-paragraph": "<p>正文<script>document.location='//example.invalid'</script></p>",
    "style-tag": "<style>@import 'javascript:alert(1)';body{background:red}</style><p>正文</p>",
    "link-stylesheet": '<link rel="stylesheet" href="javascript:alert(1)">',
    # event handlers of every kind
    "img-onerror": "<img src=x onerror=alert(1)>",
    "img-onerror-upper": "<IMG SRC=x ONERROR=alert(1)>",
    "img-onerror-slashes": "<img/src=x/onerror=alert(1)>",
    "img-onerror-newline": "<img src=x onerror\n=alert(1)>",
    "img-onerror-quoted-backtick": "<img src=x onerror=`alert(1)`>",
    "body-onload": "<body onload=alert(1)>",
    "p-onmouseover": '<p onmouseover="alert(1)">悬停</p>',
    "a-onclick": '<a href="https://example.org/" onclick="alert(1)">链接</a>',
    "autofocus-onfocus": "<input autofocus onfocus=alert(1)>",
    "span-onfocus-tabindex": '<span tabindex="0" autofocus onfocus="alert(1)">x</span>',
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "marquee-onstart": "<marquee onstart=alert(1)>x</marquee>",
    "video-source-onerror": "<video><source onerror=alert(1)></video>",
    "audio-onerror": "<audio src=x onerror=alert(1)>",
    "table-onpointerenter": "<table onpointerenter=alert(1)><tr><td>x</td></tr></table>",
    "strong-onanimationstart": '<strong onanimationstart="alert(1)">x</strong>',
    # URL schemes with case, blanks, tabs, newlines and entities
    "javascript": '<a href="javascript:alert(1)">x</a>',
    "javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "javascript-leading-space": '<a href=" javascript:alert(1)">x</a>',
    "javascript-leading-control": '<a href="\x01javascript:alert(1)">x</a>',
    "javascript-tab": '<a href="jav\tascript:alert(1)">x</a>',
    "javascript-newline": '<a href="java\nscript:alert(1)">x</a>',
    "javascript-tab-entity": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "javascript-newline-entity": '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "javascript-decimal-entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "javascript-hex-entity": '<a href="&#x6A;avascript:alert(1)">x</a>',
    "javascript-padded-entities": '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
    "javascript-colon-entity": '<a href="javascript&colon;alert(1)">x</a>',
    "javascript-unquoted": "<a href=javascript:alert(1)>x</a>",
    "javascript-img-src": '<img src="javascript:alert(1)">',
    "javascript-srcset": '<img src="/a.png" srcset="javascript:alert(1) 1x, /b.png 2x">',
    "javascript-picture-source": '<picture><source srcset="JAVASCRIPT:alert(1)"><img src="/a.png"></picture>',
    "javascript-blockquote-cite": '<blockquote cite="javascript:alert(1)">x</blockquote>',
    "javascript-table-background": '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "vbscript-upper": '<a href="VBScript:msgbox(1)">x</a>',
    "data-html": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "data-upper": '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    "data-svg-img": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "data-spaced": '<a href=" d a t a:text/html,x">x</a>',
    # SVG and MathML
    "svg-onload": "<svg onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
    "svg-animate": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "svg-set-href": '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
    "svg-foreignobject": "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    "svg-use-data": '<svg><use href="data:image/svg+xml,&lt;svg id=x onload=alert(1)&gt;#x"/></svg>',
    "math-mglyph-style": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "math-maction": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "math-href": '<math href="javascript:alert(1)"><mi>x</mi></math>',
    # frames, objects, forms, meta, base
    "iframe": '<iframe src="https://example.invalid/"></iframe>',
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "frameset": '<frameset><frame src="javascript:alert(1)"></frameset>',
    "object": '<object data="javascript:alert(1)"></object>',
    "object-flash": '<object type="application/x-shockwave-flash" data="x.swf"><param name="a" value="b"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "applet": '<applet code="x.class"></applet>',
    "form": '<form action="javascript:alert(1)"><input type="submit"></form>',
    "button-formaction": '<form><button formaction="javascript:alert(1)">x</button></form>',
    "input-image": '<input type="image" src="x" onerror="alert(1)">',
    "textarea-select": "<textarea autofocus onfocus=alert(1)></textarea><select onchange=alert(1)></select>",
    "isindex": "<isindex action=javascript:alert(1) type=image>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "meta-refresh-data": '<meta http-equiv="refresh" content="0;url=data:text/html,<script>alert(1)</script>">',
    "base": '<base href="javascript:alert(1)//">',
    "base-other-site": '<base href="https://example.invalid/">',
    # style attributes
    "style-expression": '<p style="width:expression(alert(1))">x</p>',
    "style-url-javascript": '<p style="background:url(javascript:alert(1))">x</p>',
    "style-url-entities": '<p style="background:url(&#106;avascript:alert(1))">x</p>',
    "style-behavior": '<span style="behavior:url(x.htc)">x</span>',
    "style-moz-binding": '<p style="-moz-binding:url(https://example.invalid/x.xml#x)">x</p>',
    "style-overlay": '<p style="position:fixed;inset:0;z-index:9999">伪造的页面</p>',
    # malformed and nested tags, comments
    "nested-script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "double-open": "<<script>alert(1);//<</script>",
    "broken-attribute": '<img """><script>alert(1)</script>">',
    "unterminated-anchor": '<a href="https://example.org/"<script>alert(1)</script>',
    "unclosed-paragraph": "<p>正文</p><p><script>alert(1)",
    "unclosed-comment": "<p>正文</p><!-- <script>alert(1)</script>",
    "empty-comment-trick": "<!--><script>alert(1)</script>-->",
    "comment-conditional": "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "noscript-title": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "template": "<template><script>alert(1)</script></template>",
    "title-xmp-plaintext": "<title><script>alert(1)</script></title><xmp><script>alert(1)</script></xmp>",
    "null-byte": "<scri\x00pt>alert(1)</scri\x00pt><img src=x onerror\x00=alert(1)>",
    "namespace-confusion": "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
}


@pytest.mark.parametrize("html", XSS_VECTORS.values(), ids=XSS_VECTORS.keys())
def test_nothing_executable_survives_cleaning(html):
    cleaned = clean_html(html)

    assert executable_parts(cleaned) == []
    # Cleaning what was cleaned changes nothing: the output is not re-parsed into something else.
    assert clean_html(cleaned) == cleaned


@pytest.mark.parametrize("html", XSS_VECTORS.values(), ids=XSS_VECTORS.keys())
def test_nothing_executable_survives_the_rich_text_filter(html):
    rendered = Template("{% load portal %}<div>{{ body|rich_text }}</div>").render(Context({"body": html}))

    assert executable_parts(rendered.removeprefix("<div>").removesuffix("</div>")) == []


# HTML as CKEditor 5 saves it with this site's configuration (headings, lists, tables, images, alignment).
CKEDITOR_OUTPUT = (
    "<h2>示例标题二</h2>"
    "<h3>示例标题三</h3>"
    "<h4>示例标题四</h4>"
    '<p class="text-center"><strong>加粗</strong>与<i>斜体</i>，<em>强调</em>与<s>删除线</s>。</p>'
    '<p class="text-right">右对齐</p>'
    "<ul><li>第一项</li><li>第二项<ul><li>嵌套项</li></ul></li></ul>"
    '<ol start="3"><li>第三步</li><li>第四步</li></ol>'
    '<figure class="table"><table><thead><tr><th colspan="2">表头</th></tr></thead>'
    '<tbody><tr><td rowspan="2">单元格</td><td>一</td></tr><tr><td>二</td></tr></tbody></table></figure>'
    '<p><a href="https://example.org/page?a=1&amp;b=2">网页链接</a>、'
    '<a href="http://example.org/">普通链接</a>、'
    '<a href="mailto:office@example.org">邮件</a>、'
    '<a href="tel:0734-0000000">电话</a>、'
    '<a href="/departments/">站内链接</a></p>'
    '<figure class="image"><img src="/media/editor/2024/05/0123abcd.png" alt="示例图片" width="640" height="480">'
    "<figcaption>图片说明</figcaption></figure>"
    '<figure class="image image-style-side"><img src="/media/editor/2024/05/4567ef.jpg" alt="侧边图片">'
    "<figcaption>侧边说明</figcaption></figure>"
    '<figure class="image image_resized image-style-block-align-left"><img src="/media/editor/x.webp" alt=""></figure>'
    "<blockquote><p>引用的一段话。</p></blockquote>"
    "<hr>"
    "<p>换行前<br>换行后</p>"
)


def test_what_ckeditor_produces_survives_intact():
    cleaned = clean_html(CKEDITOR_OUTPUT)

    # Links only gain rel="noopener noreferrer"; every other tag, attribute and class stays as written.
    assert cleaned == re.sub(r'(<a href="[^"]*")>', r'\1 rel="noopener noreferrer">', CKEDITOR_OUTPUT)
    assert executable_parts(cleaned) == []


def test_inline_styles_and_foreign_classes_go_but_the_content_stays():
    html = (
        '<figure class="image image_resized" style="width:50%"><img style="aspect-ratio:640/480" '
        'src="/media/editor/a.png" alt="图" width="640" height="480"></figure>'
        '<p class="text-center lead-banner" id="top" data-x="1">居中</p>'
    )

    assert clean_html(html) == (
        '<figure class="image image_resized"><img src="/media/editor/a.png" alt="图" width="640" height="480">'
        '</figure><p class="text-center">居中</p>'
    )


def test_an_image_without_a_text_alternative_is_marked_decorative():
    html = (
        '<figure class="image"><img src="/media/editor/a.png" width="640" height="480"></figure><p><img src="/b"></p>'
    )

    assert clean_html(html) == (
        '<figure class="image"><img src="/media/editor/a.png" width="640" height="480" alt=""></figure>'
        '<p><img src="/b" alt=""></p>'
    )
    assert clean_html('<img src="/c.png" alt="说明">') == '<img src="/c.png" alt="说明">'


def test_safe_srcset_candidates_are_kept_and_hostile_ones_dropped():
    html = (
        '<img src="/a-640.webp" srcset="/a-320.webp 320w, javascript:alert(1) 480w, https://example.org/a.webp 640w">'
    )

    assert clean_html(html) == (
        '<img src="/a-640.webp" srcset="/a-320.webp 320w, https://example.org/a.webp 640w" alt="">'
    )


def test_empty_values_clean_to_an_empty_string():
    assert clean_html(None) == ""
    assert clean_html("") == ""


def test_plain_text_is_the_words_only_with_blocks_apart_and_entities_decoded():
    html = (
        "<h2>标题</h2><p>甲 &amp; 乙<br>丙</p><p>1 &lt; 2</p><script>alert(1)</script><ul><li>一</li><li>二</li></ul>"
    )

    assert plain_text(html) == "标题 甲 & 乙 丙 1 < 2 一 二"


def test_text_only_filter_is_escaped_once_by_the_template():
    rendered = Template("{% load portal %}{{ body|text_only }}").render(
        Context({"body": "<p>甲 &amp; 乙 &lt;script&gt;</p>"})
    )

    assert rendered == "甲 &amp; 乙 &lt;script&gt;"


@pytest.mark.django_db
def test_hostile_html_written_straight_to_the_database_is_cleaned_when_shown():
    """No form, no save(): the HTML reaches the table by QuerySet.update(), and is still cleaned on output."""
    department = Department.objects.create(name="示例科室")
    hostile = (
        "<h2>科室介绍</h2><p>正文<img src=x onerror=alert(1)></p>"
        '<a href="jav&#x09;ascript:alert(1)">链接</a><script>alert(2)</script>'
        "<svg onload=alert(3)></svg><iframe src=//example.invalid></iframe>"
    )
    Department.objects.filter(pk=department.pk).update(introduction=hostile)
    department = Department.objects.get(pk=department.pk)
    assert department.introduction == hostile  # stored as written: the cleaning is on output

    rendered = Template('{% load portal %}<div class="prose">{{ department.introduction|rich_text }}</div>').render(
        Context({"department": department})
    )

    body = rendered.removeprefix('<div class="prose">').removesuffix("</div>")
    assert executable_parts(body) == []
    assert "<h2>科室介绍</h2>" in body
    assert "正文" in body
    assert "链接" in body


@pytest.mark.django_db
def test_hostile_html_written_straight_to_the_database_is_cleaned_on_the_department_page(client):
    department = Department.objects.create(name="示例科室")
    Department.objects.filter(pk=department.pk).update(
        introduction=(
            "<h2>科室介绍</h2><p>正文<img src=x onerror=alert(1)></p>"
            '<p><a href="&#106;avascript:alert(1)">链接</a></p><script>alert(2)</script>'
            "<svg><script>alert(3)</script></svg><form action=javascript:alert(4)><input autofocus onfocus=alert(5)>"
            '<p style="background:url(javascript:alert(6))">段落</p>'
        )
    )

    response = client.get(department.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    prose = re.search(r'<div class="prose">(.*?)</div>', html, re.DOTALL).group(1)
    assert executable_parts(prose) == []
    assert "<h2>科室介绍</h2>" in prose
    assert "链接" in prose and "段落" in prose
    assert "alert(" not in html  # neither in the body nor in the meta description made from it


# Fragments an attacker would combine; hypothesis builds random documents out of them.
HOSTILE_TAGS = ["script", "style", "svg", "math", "iframe", "img", "a", "p", "form", "object", "noscript", "table"]
HOSTILE_ATTRIBUTES = ["onerror", "onload", "href", "src", "srcset", "style", "xlink:href", "formaction", "class"]
HOSTILE_VALUES = [
    "javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    " JAVASCRIPT:alert(1)",
    "vbscript:x",
    "data:text/html,x",
    "expression(alert(1))",
    "x onerror=alert(1)",
    '"><script>alert(1)</script>',
    "https://example.org/",
]


# Any text an editor, an import or a script can store: every Unicode character but the surrogates.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@st.composite
def hostile_documents(draw):
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(HOSTILE_TAGS))
        values = st.one_of(st.sampled_from(HOSTILE_VALUES), ANY_TEXT)
        attributes = " ".join(
            f'{name}="{value}"'
            for name, value in draw(st.lists(st.tuples(st.sampled_from(HOSTILE_ATTRIBUTES), values), max_size=3))
        )
        opener = draw(st.sampled_from(["<{tag} {attrs}>", "<{tag}/{attrs}>", "<{tag} {attrs}", "<<{tag} {attrs}>"]))
        closer = draw(st.sampled_from(["</{tag}>", "", "<!--", "</{tag}"]))
        text = draw(st.one_of(st.sampled_from(["x", "alert(1)", ""]), ANY_TEXT))
        parts.append(opener.format(tag=tag, attrs=attributes) + text)
        parts.append(closer.format(tag=tag))
    return "".join(draw(st.permutations(parts)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_documents())
def test_no_combination_of_hostile_fragments_survives(html):
    cleaned = clean_html(html)

    assert executable_parts(cleaned) == []
    # A browser may rebuild the tree (nested links come apart), but never into anything executable.
    assert executable_parts(clean_html(cleaned)) == []
