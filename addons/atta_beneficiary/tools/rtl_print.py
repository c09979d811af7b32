"""Arabic papers as the wkhtmltopdf of Debian and Ubuntu (0.12.6 on Qt 5) prints them.

That WebKit mismeasures a run of text that mixes Arabic letters with digits or punctuation
(«الاسم:», «الإقرار (الإصدار 1)», «كاملاً.», «24/3/1445 هـ»): the line is laid out too short,
so right-aligned Arabic runs over the right edge of its box and off the paper, and «هـ» is
printed over the digits before it. A run of one kind alone is measured right. The papers are
therefore cut, just before printing, into runs of one kind each in their own <span>; the text,
its order and its direction are unchanged (a screen shows the same page).
"""

import re

from lxml import etree, html

# Arabic letters and their marks (tatweel included: «هـ» is one run). Arabic punctuation and digits
# are left out on purpose: they are the other kind of run.
_ARABIC = (
    "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5-\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\u200c\u200d"
)
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:\\s+[{_ARABIC}]+)*")
_SKIPPED = {"script", "style", "title", "textarea", "head"}


def _pieces(text):
    """The text cut into Arabic runs and the rest, or None when it is one Arabic run or has none.

    Blanks count as the rest: a line break and indentation before an Arabic run are enough to misplace it.
    """
    if not text or not _ARABIC_RUN.search(text) or _ARABIC_RUN.fullmatch(text):
        return None
    pieces, position = [], 0
    for match in _ARABIC_RUN.finditer(text):
        pieces += [text[position : match.start()], match.group()]
        position = match.end()
    pieces.append(text[position:])
    return [piece for piece in pieces if piece]


def _spans(pieces):
    """(leading blank text, [span, ...]): each piece that is not blank in a span, blanks as tails."""
    lead, spans = "", []
    for piece in pieces:
        if not piece.strip():
            if spans:
                spans[-1].tail = (spans[-1].tail or "") + piece
            else:
                lead += piece
            continue
        span = etree.Element("span")
        span.text = piece
        spans.append(span)
    return lead, spans


def split_mixed_runs(document):
    """The HTML document with every text that mixes Arabic and other characters cut into spans."""
    if not document or not _ARABIC_RUN.search(document):
        return document
    root = html.document_fromstring(document)
    for element in list(root.iter(etree.Element)):
        if element.tag in _SKIPPED or any(parent.tag in _SKIPPED for parent in element.iterancestors()):
            continue
        pieces = _pieces(element.text)
        if pieces:
            element.text, spans = _spans(pieces)
            for index, span in enumerate(spans):
                element.insert(index, span)
        pieces = _pieces(element.tail)
        if pieces and element.getparent() is not None:
            element.tail, spans = _spans(pieces)
            parent = element.getparent()
            position = parent.index(element) + 1
            for index, span in enumerate(spans):
                parent.insert(position + index, span)
    doctype = root.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    return html.tostring(root, encoding="unicode", doctype=doctype)
