"""HTML and Markdown for the web chat: answers with linked [n] markers, the notices banner and the
sources panel. Pure functions of an Answer (assistant/types.py), so they are tested without a browser."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable
from urllib.parse import quote

from assistant.links import web_url
from assistant.text import where_parts
from assistant.types import Answer, Citation

MARKER = re.compile(r"\[(\d{1,2})\]")
# Every ASCII punctuation character may be backslash-escaped in Markdown (CommonMark 2.4), which
# makes it literal text: no tags, links, emphasis or entities, and no bare-URL autolinks (an
# escaped "://" or "www." is not a URL to the renderer).
_MARKDOWN_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def markdown_text(text: str) -> str:
    """Text that Markdown renders exactly as written: quoted guidance is text, never markup."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def answer_markdown(answer: Answer) -> str:
    """The answer text, escaped, with each [n] a link to its entry in the sources panel; a follow-up
    shows the standalone question it was answered as ('Answering: who has to be at a strategy discussion?')."""
    text = answer.text
    standalone = " ".join(answer.standalone_question.split())
    asked = " ".join(answer.question.split())
    lead = (
        f"*Answering: {markdown_text(standalone)}*\n\n"
        if standalone and standalone != asked
        else ""
    )
    if answer.refused:
        return lead + markdown_text(text)
    parts = MARKER.split(text)  # text, n, text, n, ..., text
    return lead + "".join(
        markdown_text(part) if i % 2 == 0 else f"[\\[{part}\\]](#source-{part})"
        for i, part in enumerate(parts)
    )


def notices_html(answer: Answer | None) -> str:
    if answer is None or not answer.notices:
        return ""
    blocks = []
    for notice in answer.notices:
        kind, text = notice.kind, html.escape(notice.text)
        if kind == "emergency":
            blocks.append(
                '<div class="ju-notice ju-emergency" role="alert">'
                f"<strong>⚠ Child at immediate risk?</strong> {text}</div>"
            )
        else:
            label = kind.replace("_", " ").capitalize()
            blocks.append(
                f'<div class="ju-notice ju-{kind}" role="status"><strong>{label}:</strong> {text}</div>'
            )
    return "\n".join(blocks)


def sources_html(answer: Answer | None, local_paths: dict[str, str] | None = None) -> str:
    if answer is None:
        return '<div class="ju-sources-empty">Sources for the answer appear here.</div>'
    if not answer.citations:
        return '<div class="ju-sources-empty">No sources: the guidance indexed here does not cover this question.</div>'
    local_paths = local_paths or {}
    items = [_source_item(c, local_paths.get(c.passage.chunk.doc_id)) for c in answer.citations]
    return '<div class="ju-sources"><h3>Sources</h3>' + "".join(items) + "</div>"


def _source_item(c: Citation, local_path: str | None) -> str:
    chunk = c.passage.chunk
    where = [
        f"<strong>[{c.n}] {html.escape(chunk.title)}</strong> ({html.escape(chunk.edition or 'n.d.')})"
    ]
    place = where_parts(
        {**chunk.metadata(), "page": c.pages},
        section="Section: {}",
        paragraph="Paragraph {}",
        page="Page {}",
    )
    details = [html.escape(part) for part in place]
    badges = []
    if c.duty:
        badges.append(
            f'<span class="ju-badge ju-duty-{c.duty}">{"Requirement (must)" if c.duty == "must" else "Expectation (should)"}</span>'
        )
    badges.append(
        f'<span class="ju-badge ju-status-{html.escape(chunk.status)}">{html.escape(chunk.status)}</span>'
    )
    badges.append(f'<span class="ju-badge">{html.escape(chunk.jurisdiction)}</span>')
    if c.unverified:
        badges.append(
            '<span class="ju-badge ju-unverified" title="No catalogue entry or sidecar names its publisher: '
            'check it before relying on it, and never take a phone number from it">Unverified source</span>'
        )
    links = []
    official = web_url(chunk.url)
    if official:
        links.append(
            f'<a href="{html.escape(official)}" target="_blank" rel="noopener noreferrer">Official page</a>'
        )
    if local_path:
        anchor = f"#page={c.page}" if c.page else ""
        links.append(
            f'<a href="/gradio_api/file={quote(local_path)}{anchor}" target="_blank" rel="noopener noreferrer">Local copy{", page " + str(c.page) if c.page else ""}</a>'
        )
    return (
        f'<div class="ju-source" id="source-{c.n}">'
        f"<div>{' '.join(where)}</div>"
        f'<div class="ju-where">{" · ".join(details)}</div>'
        f'<div class="ju-badges">{" ".join(badges)}</div>'
        f"<blockquote>{highlight(chunk.text, c.supporting)}</blockquote>"
        f'<div class="ju-links">{" · ".join(links)}</div>'
        "</div>"
    )


def highlight(text: str, sentences: Iterable[str]) -> str:
    """Escape the passage and mark the sentences the answer quotes."""
    escaped = html.escape(text)
    for sentence in sorted(set(sentences), key=len, reverse=True):
        s = html.escape(sentence)
        if s and s in escaped:
            escaped = escaped.replace(s, f"<mark>{s}</mark>", 1)
    return escaped.replace("\n", "<br>")


CSS = """
.ju-notice { padding: 10px 14px; border-radius: 6px; margin-bottom: 8px; }
/* White on #b00020 is 7.3:1 (WCAG AA needs 4.5:1). !important: Gradio's own text colours for HTML
   components (dark grey) otherwise win over ours for the bold heading, at about 2:1 on red. */
.ju-emergency { background: #b00020 !important; color: #ffffff !important; font-size: 1.1em; border: 3px solid #7a0016; }
.ju-emergency strong { color: #ffffff !important; }
.ju-superseded, .ju-jurisdiction, .ju-personal_data, .ju-info { background: #fff4d6; color: #4a3b00; border: 1px solid #e0c060; }
.ju-source { border: 1px solid #ccc; border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; }
.ju-source:target { outline: 3px solid #1f6feb; }
.ju-source blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #999; font-size: 0.95em; }
.ju-where { color: #555; font-size: 0.9em; }
.ju-badge { display: inline-block; padding: 1px 6px; margin-right: 4px; border-radius: 10px; background: #eee; color: #222; font-size: 0.8em; }
.ju-duty-must { background: #d32f2f; color: #fff; }
.ju-duty-should { background: #1565c0; color: #fff; }
.ju-status-superseded { background: #6d4c41; color: #fff; }
.ju-unverified { background: #fff4d6; color: #4a3b00; border: 1px solid #e0c060; }
mark { background: #fff176; color: #000; }
.ju-disclaimer { font-size: 0.9em; }
"""
