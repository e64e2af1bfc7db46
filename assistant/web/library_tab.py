"""The web app's Library tab: what the index holds and which official documents it lacks.

Every text is escaped; a link is made only for an http(s) address."""

from __future__ import annotations

import html

from assistant.config import Settings
from assistant.errors import JoinedUpError
from assistant.library import LibraryRow, holds_authority, library_rows
from assistant.links import web_url
from assistant.prompts import load_prompt

COLUMNS = ("Title", "Edition", "Publisher", "Jurisdiction", "Kind", "Status", "Pages", "Chunks")


def library_html(rows: list[LibraryRow], authoritative: bool) -> str:
    held = [r for r in rows if r.held]
    missing = [r for r in rows if not r.held]
    parts = ['<div class="ju-library" id="library">']
    if not authoritative:
        parts.append(
            f'<div class="ju-notice ju-authority" role="status">{_e(load_prompt("commentary_only_index"))}</div>'
        )
    pages = sum(r.pages or 0 for r in held)
    chunks = sum(r.chunks or 0 for r in held)
    parts.append(f"<p>{len(held)} documents indexed: {pages:,} pages, {chunks:,} passages.</p>")
    if held:
        head = "".join(f'<th scope="col">{c}</th>' for c in COLUMNS)
        body = "".join(_held_row(r) for r in held)
        parts.append(
            f'<table class="ju-library-held"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        )
    if missing:
        parts.append('<h3>In the catalogue, not indexed</h3><ul class="ju-library-missing">')
        parts.extend(
            f"<li>{_title(r)}{_e(f', {r.edition}' if r.edition else '')} — {_e(r.note)}</li>"
            for r in missing
        )
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _held_row(r: LibraryRow) -> str:
    cells = [
        _title(r),
        _e(r.edition),
        _e(r.publisher),
        _e(r.jurisdiction),
        _e(r.kind),
        _e(r.status_text),
        _e("" if r.pages is None else f"{r.pages:,}"),
        _e("" if r.chunks is None else f"{r.chunks:,}"),
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _title(r: LibraryRow) -> str:
    if _is_web_address(r.url):
        return f'<a href="{html.escape(r.url, quote=True)}" target="_blank" rel="noopener noreferrer">{_e(r.title)}</a>'
    return _e(r.title)


def _is_web_address(url: str) -> bool:
    return web_url(url) is not None


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def service_library_html(service, settings: Settings) -> str:
    """The tab's content for the index the service answers from (read when the page loads)."""
    from assistant.catalogue import Catalogue

    try:
        documents = service.reader.manifest.documents
    except JoinedUpError as exc:
        return f'<div class="ju-library" id="library"><p>{_e(exc)}</p></div>'
    return library_html(
        library_rows(documents, Catalogue.load(settings.catalogue)), holds_authority(documents)
    )


def library_tab(gr, service, settings: Settings) -> None:
    with gr.Tab("Library"):
        gr.HTML(lambda: service_library_html(service, settings), elem_id="library-panel")
