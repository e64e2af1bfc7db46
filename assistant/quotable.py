"""What of a passage can be quoted as an answer sentence: whole thoughts, never noise.

A sentence that ends in ':' ('The seven golden rules are:') is quoted with the list items that
follow it, or with as many as fit and an ellipsis that says how many were left out. Chart and
table label runs ('Authorities with family hubs Authorities without family hubs'), headings,
footnote markers and digits glued to words ('Authorities20') are never quoted. Pure functions of
text, shared by the extractive backend and its tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.safety import looks_like_injection
from assistant.text import BULLET, ENDS_SENTENCE, ends_with_abbreviation, split_sentences

MIN_WORDS = 4
MAX_SENTENCE_WORDS = 90
MAX_ITEMS = 12  # list items gathered after a lead-in
# a footnote number or a figure glued to a word: 'Authorities20', 'services.20' (not 'S47', 'Y10')
_GLUED_DIGITS = re.compile(r"\b[A-Za-z]*[a-z]{3,}\d{1,3}\b|[a-z]{3,}[.,;:]\d{1,3}\b")
# a row of a table run into a sentence: four figures in a row with only spaces between them
# ('9% 9% 9% 9%', '269 341 339 461'); prose separates figures with words or commas
_FIGURE = r"[-+(]?[£$]?\d[\d,.]*%?\)?"
_DIGIT = re.compile(r"\d")
_TABLE_ROW = re.compile(rf"(?:^|\s){_FIGURE}(?:\s+{_FIGURE}){{3}}(?=\s|$)")


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a passage: one sentence, or a lead-in with its list items."""

    position: int  # index of the (first) sentence in the passage
    text: str  # the sentence (the lead-in, for a list)
    items: tuple[str, ...] = ()
    # a sentence the PDF leaves without its full stop because the next bullet of a list follows
    ends_at_bullet: bool = False
    # the passage ends inside it: the rest is in the next passage, so it is quoted with '…'
    runs_on: bool = False
    # a heading or label run the PDF's text ran into the sentence: not quoted, but what the
    # sentence is about ('Serious incident notification' over 'All … must be notified')
    head: str = ""
    # the items naming what the question asks about ('are YOTs covered?': '(g) a youth offending
    # team …'): shown first when not all fit, so the one asked for is not behind '… (n more)'
    wanted: tuple[int, ...] = ()
    # the claim a reply answers, which the PDF ran into it with no stop ('Consent is needed to share
    # personal information No, you do not need consent …'): shown with the reply, as a bare 'No, …'
    # answers whatever was asked (trial S: 'can I use consent as my lawful basis?' led with it)
    replies_to: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split()) + sum(len(i.split()) for i in self.items)

    def render(self, max_words: int | None = None) -> str:
        """The sentence with its items; with `max_words`, the items that fit (the wanted ones
        first), in the list's order, '…' where items are left out, and '(n more)'."""
        if self.replies_to:
            return f"“{self.replies_to}” – {self.text}{' …' if self.runs_on else ''}"
        if not self.items:
            return f"{self.text} …" if self.runs_on else self.text
        order = [*self.wanted, *(i for i in range(len(self.items)) if i not in self.wanted)]
        shown: set[int] = set()
        used = len(self.text.split())
        for i in order:
            n = len(self.items[i].split())
            if max_words is not None and shown and used + n > max_words:
                if i in self.wanted:
                    continue
                break
            shown.add(i)
            used += n
        parts, last = [self.text], -1
        for i in sorted(shown):
            if i != last + 1:
                parts.append(f"… ({i - last - 1} more)")  # the items left out here
            parts.append(_as_item(self.items[i]))
            last = i
        after = len(self.items) - 1 - last
        if after:
            return f"{' '.join(parts)} … ({after} more)"
        return f"{' '.join(parts)} …" if self.runs_on else " ".join(parts)

    def rendered_words(self, max_words: int | None = None) -> int:
        return len(self.render(max_words).split())


# A footnote or page number left before a sentence by the PDF's text ('30 It is good practice…');
# a paragraph number keeps its full stop ('38.') and is not this.
_FOOTNOTE_MARK = re.compile(r"^\d{1,3}\s+(?=[A-Z][a-z]+\s)")


# A heading or a run of chart labels the PDF's text ran into the sentence after it, with no stop
# between ('Authorities with family hubs Authorities without family hubs Nearly three-quarters of
# survey respondents said…'): words without a verb, then a word that only opens a sentence.
_RUN_IN_HEAD = re.compile(
    r"^(?P<head>[A-Z][^.!?:;]{2,100}?[a-z0-9)])\s+"
    r"(?=(?:The|This|These|Those|There|Nearly|Most|Many|Some|All|Almost|Around|Over|Only|It|We|Our"
    r"|They|A|An|In|Of|For|When|Where|If|As)\s)"
)
# Verbs of duty or being: a run of words holding one is a sentence's start, not a heading.
_VERBS = r"must|should|shall|will|may|can|is|are|was|were|has|have|needs?|takes?"
_VERB = re.compile(
    rf"\b(?:{_VERBS}|would|might|could|be|been|had|do|does|did|said|says|means?|includes?)\b",
    re.IGNORECASE,
)


# A contact block (a page footer or back cover: postcode, telephone, email, web address) the PDF's
# text ran into the sentence after it ('M1 2WD T 0300 123 1231 … www.gov.uk/ofsted Leaders also…').
_ADDRESS = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|www\.\S+|https?://\S+)"
# … with its labels and telephone numbers ('E: help@lambeth.gov.uk T: 0207 926 3100 T (out of
# hours): 0207 926 5555 IRH is a specialist team …': trial EE, the numbers led an answer)
_PHONE = r"\+?\d[\d ]{8,14}\d"
_CONTACT_LABEL = r"[A-Z][\w'’-]{0,9}(?:\s+\([^()]{1,20}\))?:"
_CONTACT_RUN = re.compile(
    rf"^(?P<head>(?:[A-Z0-9][\w'’-]*:?\s+){{0,14}}?{_ADDRESS}"
    # each part atomic: a run of numbers split into telephone numbers one way only (split every
    # way, 100 numbers took 3 s and 200 did not finish: review 25)
    rf"(?>\s+(?:{_ADDRESS}|{_PHONE}|{_CONTACT_LABEL}))*)\s+(?=[A-Z][a-z]|[A-Z]{{2,}}\s+[a-z])"
)


# A myth set out to be corrected is never quoted as what the guidance says; its truth is, without
# its box and label ('☑ The Truth The only authorities who can remove a child …')
_MYTH = re.compile(r"^\s*(?:[⮽☒]|(?:[⮽☒]\s*)?The Myth\s+(?=[A-Z]))")
_TRUTH = re.compile(r"^\s*(?P<head>[☑✓✔]?\s*(?:The\s+)?(?:Truth|Fact|Reality)\b\s*:?)\s+(?=[A-Z])")


def run_in_head(sentence: str) -> tuple[str, str]:
    """(heading, label run or contact block glued before the sentence, the sentence verbatim);
    ('', sentence) when there is none."""
    truth = _TRUTH.match(sentence)
    if truth is not None and sentence.lstrip()[:1] in "☑✓✔":
        return truth.group("head").strip(), sentence[truth.end() :]
    contact = _CONTACT_RUN.match(sentence)
    if contact is not None:
        return contact.group("head"), sentence[contact.end() :]
    match = _RUN_IN_HEAD.match(sentence)
    if match is None or _VERB.search(match.group("head")):
        return "", sentence
    return match.group("head"), sentence[match.end() :]


def _as_item(item: str) -> str:
    return item if BULLET.match(item) else f"• {item}"


def is_noise(sentence: str, ends_at_bullet: bool = False) -> bool:
    """Never an answer sentence: a heading, a run of chart or table labels, a line of figures,
    footnote digits glued to words, planted instructions. `ends_at_bullet`: the next piece is a
    bullet of the same list, which ends the sentence though nothing closes it."""
    words = sentence.split()
    if len(words) < MIN_WORDS or len(words) > MAX_SENTENCE_WORDS:
        return True
    if looks_like_injection(sentence) or re.fullmatch(r"[\W\d_]+", sentence):
        return True
    if sentence.lstrip().startswith("©"):
        return True  # '© Crown copyright 2023 This publication is licensed under …'
    if _MYTH.match(sentence):
        return True  # '⮽ The Myth Reporting a child to social services will mean they are removed'
    if len(words) < SHORT_ASIDE_WORDS and _ASIDE.fullmatch(sentence.strip()):
        return True  # a reference or aside on its own: '(Enabler 2, National Framework).'
    if _GLUED_DIGITS.search(sentence):
        return True
    if len(_DIGIT.findall(sentence)) > 0.25 * len(sentence.replace(" ", "")):
        return True  # a row of a table
    if _TABLE_ROW.search(sentence):
        return True  # a table row glued to the sentence after it
    # a heading, a run of chart or table labels, a list item without its lead-in: nothing closes it
    # (the passage's last sentence may run on into the next passage: `ends_at_bullet` then too)
    if ends_at_bullet and _READS_AS_SENTENCE.search(sentence) and sentence[:1].isupper():
        return False
    if _RESOURCE_ENTRY.fullmatch(sentence):
        return False  # one entry of a list of resources: quotable as a signpost, never a heading
    if _whole_point(sentence):
        return False  # a point that is a sentence, ended by a semicolon as list points are
    return not ENDS_SENTENCE.search(BULLET.sub("", sentence))


# A short piece wholly in brackets: a reference or an aside that ran after the sentence it belongs to
_ASIDE = re.compile(r"\([^()]*\)[.;,]?")
SHORT_ASIDE_WORDS = 8


# One entry of a list of resources, as _resource_entries splits it: a name, a dash, what it is
# ('Searching screening and confiscation – Departmental advice for schools on searching children …')
_RESOURCE_ENTRY = re.compile(r"[A-Z][\w’'()&,.\- ]{1,60}\s[–—]\s+[‘'\"A-Z][^–—]{30,}")


# A sentence, not a heading: eight words or more with a verb of duty or being. The last sentence of
# a bullet point is often left without its full stop ('The initial child protection conference
# should take place within 15 working days of a strategy discussion' before the next bullet).
_READS_AS_SENTENCE = re.compile(rf"^(?=(?:\S+\s+){{7,}})[\s\S]*\b(?:{_VERBS})\b")


# A sentence that only points elsewhere: 'Additional information is available here: Contextual
# Safeguarding.', 'Further information and support, includes:', 'See paragraph 12.' It answers only
# a question asking where to read more.
_SIGNPOST = re.compile(
    r"^(?:[•●▪◦-]\s*)?(?:(?:further|additional|more) (?:information|advice|guidance|details?|"
    r"support|resources)\b[^.]{0,60}?\b(?:is|are|can be|may be|includes?|available)\b|see\b|"
    r"for (?:further|more|additional) (?:information|advice|guidance|details?)\b)",
    re.IGNORECASE,
)
_POINTS_AWAY = re.compile(
    r"\b(?:available (?:here|at|from|on)|can be found (?:here|at|in|on)|is set out in|"
    r"are set out in)\b",
    re.IGNORECASE,
)
SIGNPOST_ASKED = re.compile(
    r"\b(?:where (?:can|do|would|should) (?:i|we|you)|more information|further information|"
    r"read more|resources?|website|links?|toolkit|signpost\w*)\b",
    re.IGNORECASE,
)
# Words of an interviewee or a case quoted in a report: the sentence opens with a quotation mark.
_OPENS_QUOTE = re.compile(r"^[\"“]")


_LINK_FOLLOWS = re.compile(r"\b(?:found|available|accessed|read) (?:at|here|from|via|on)\s*:")


def is_signpost(sentence: str) -> bool:
    """The sentence points to another document or page instead of saying something."""
    return (
        bool(_SIGNPOST.search(sentence.strip()))
        or bool(_LINK_FOLLOWS.search(sentence))
        or (len(sentence.split()) <= 20 and bool(_POINTS_AWAY.search(sentence)))
    )


# A list of resources and where to find them, not guidance: 'Annex B > Additional advice and
# support', 'Appendix B: Further sources of information', 'Further reading and resources'.
_RESOURCE_HEADING = re.compile(
    r"additional advice and support|useful (?:resources|links|"
    r"websites|contacts)|further sources of information|further reading|(?:support|tools) and "
    r"resources",
    re.IGNORECASE,
)


_REFERENCE_HEADING = re.compile(r"^(?:references|bibliography)$", re.IGNORECASE)


# what a bibliography's entries hold: a year in brackets or closing a name ('(2023).'), a web address
_CITATION = re.compile(
    r"\((?:19|20)\d\d[a-z]?\)|\b(?:19|20)\d\d[a-z]?\.|https?://|\bwww\.|\bet al\b"
)
_GUIDANCE_WORDS = re.compile(r"\b(?:should|must|will need to)\b", re.IGNORECASE)


def _under_references(section: str, text: str) -> bool:
    """Under a heading 'References' and saying nothing anyone should or must do: KCSIE's sections
    headed 'References' are about employers' references and say what they should hold."""
    return _headed(section, _REFERENCE_HEADING) and not _GUIDANCE_WORDS.search(text)


def is_reference_list(section: str, text: str) -> bool:
    """The passage is a document's list of references: under a heading 'References' and written
    as one (two citations at least, no 'should' or 'must')."""
    return _under_references(section, text) and len(_CITATION.findall(text)) >= 2


def is_resource_list(section: str, text: str = "") -> bool:
    """The passage's section lists resources, or is headed 'References' without saying what anyone
    should or must do ('Low-level concerns should not be included in references unless …' is
    guidance, trial DD; a one-citation entry of a bibliography is not, review 24)."""
    return _headed(section, _RESOURCE_HEADING) or _under_references(section, text)


def _headed(section: str, heading: re.Pattern) -> bool:
    """One of the headings of a section path (' > ' between headings) matches `heading`."""
    return any(heading.search(h.strip()) for h in (section or "").split(" > "))


# A sentence that leans on the one before it: 'It should do so within five working days…',
# 'They must…', 'This includes…'. Not 'It is important that…' (the 'it' points ahead).
_LEANS_BACK = re.compile(
    r"^(?:it|they|this|these|those|he|she|such|their|its|that|both|the above|the latter|"
    r"the former)\b"
    # a time or condition set by the sentence before: 'Only after this event may the original
    # local authority discontinue its child protection plan.', 'Following this, …', 'Until then, …'
    r"|^(?:only )?(?:after|before|until|following|once|at) (?:this|that|these|those|such|then)\b"
    # a case set by the sentence before: 'If this happens, it should be resolved through …',
    # 'In such cases, …', 'If so, …'
    r"|^(?:if|where|when|whenever) (?:this|that|these|so|such)\b"
    r"|^in (?:such|these|those|this|that) (?:cases?|circumstances|situations?|instances?)\b"
    # the parts of the sentence before: 'In the case of the former it is targets …'
    r"|^(?:in the case of |for |as for )?the (?:former|latter)\b"
    # a condition, then 'they … still' of the duty said before: 'Unless the teacher has good reason
    # not to, they should still consider and discuss any such case with the … designated
    # safeguarding lead' follows 'Teachers must personally report to the police …' (trial S)
    # ('Although 16 and 17 year olds can consent, they can still be exploited' leans on nothing)
    r"|^unless\b[^.]{0,100}?,\s*"
    r"(?:they|it|he|she|this|these)\s+(?:\w+\s+)?still\b"
    # a contrast with the sentence before: 'However, before sharing any personal information on a
    # regular basis … you … should carry out a DPIA' follows 'It is not usually necessary to
    # undertake a DPIA for sharing information on a one-off basis' (trial W: quoted alone, the
    # rule it qualifies was lost)
    r"|^however,"
    # a part of the thing said before, 'this' standing alone: 'The timing of this will depend on
    # … the maximum timescale should be 12 hours' (trial EE; not 'The purpose of this guidance')
    r"|^the \w+ of (?:this|that)(?=\s+(?:will|would|is|was|should|must|may|can|could|depends?)\b|[,.])",
    re.IGNORECASE,
)
_POINTS_AHEAD = re.compile(
    r"^it(?:['’]s| is| was| may be| can be| will be| would be| should be| must be)\b"
    r"(?:\s+[\w-]+){0,6}?\s+(?:that|to|for|whether|if|when)\b|"
    r"^(?:those|these|such) (?:who|which|that|with|where|whose|\w+ing)\b",  # 'Those failing to…'
    re.IGNORECASE,
)


def leans_back(sentence: str) -> bool:
    """The sentence opens with a word standing for something said before it."""
    text = BULLET.sub("", sentence.strip())
    return bool(_LEANS_BACK.match(text)) and not _POINTS_AHEAD.match(text)


def is_reported_speech(sentence: str) -> bool:
    """A participant's or case's own words quoted in a report ('"From a police side we used to…')."""
    return bool(_OPENS_QUOTE.match(sentence.strip()))


# A footnote number left where a sentence's subject was cut away ('150 is the process of a
# person legitimising…', '237 provides further advice…'); not a count ('5 of the 8 babies…').
_NUMBERED_REMAINDER = re.compile(r"^\d{1,3}\s+(?!of\b)[a-z]")


# A list's lead-in ends with a colon, or as an Act writes it, with a dash ('This section applies
# to each of the following—' then '(a) a local authority in Wales;' …)
LEAD_IN_ENDS = (":", "—", "–")


def is_fragment(sentence: str) -> bool:
    """A piece cut from a sentence that began elsewhere, or an item without its lead-in. A point
    that is a whole sentence, ended by a semicolon as list points are ('• The IRO/Child Protection
    service should be sent a copy of the placement plan and must check that this is in place
    within 5 working days of placement;', trial CC), is none."""
    body = BULLET.sub("", sentence)
    first = body[:1]
    ended = sentence.rstrip()
    return (
        first.islower()
        or bool(_NUMBERED_REMAINDER.match(body))
        or not ENDS_SENTENCE.search(ended)
        and not ended.endswith(LEAD_IN_ENDS)
        and not _whole_point(sentence)
    )


def _whole_point(sentence: str) -> bool:
    """A bulleted point that is a sentence of its own (a capital, eight words or more, a verb of
    duty or being) ended by a semicolon."""
    body = BULLET.sub("", sentence).strip()
    return (
        bool(BULLET.match(sentence))
        and body[:1].isupper()
        and body.endswith(";")
        and bool(_READS_AS_SENTENCE.search(body))
    )


def _is_item(piece: str) -> bool:
    """A list item: bulleted or lettered, or a short line that does not read as a new paragraph."""
    if BULLET.match(piece):
        return True
    body = piece.strip()
    return bool(body) and (
        body[0].islower() or (len(body.split()) <= 25 and not ENDS_SENTENCE.search(body))
    )


# A paragraph number standing alone ('38.') starts the next numbered paragraph.
_PARAGRAPH_NUMBER = re.compile(r"\d{1,3}\.")


def _ends_list(piece: str) -> bool:
    """What ends a list rather than continuing it: the next numbered paragraph ('38.'), a lead-in
    of its own ('These three partners have a joint and equal duty to:'), or an Act's next
    subsection."""
    body = piece.strip()
    # (not a dash's lead-in: an Act's '"safeguarding partner" … means—' nests in its section's
    # '(3) In this section—' list, and ending the outer list there lost the partners' list)
    return (
        bool(_PARAGRAPH_NUMBER.fullmatch(body))
        or body.endswith(":")
        or bool(_SUBSECTION.match(body))  # an Act's next subsection ('(2) The arrangements …')
    )


_SUBSECTION = re.compile(r"\(\d{1,3}[A-Z]{0,2}\)\s+[A-Z“‘\"']")


# A list item the PDF ran into the sentence before it, opening with its lowercase label ('… and
# extremism. contact: being subjected to …'), or into its lead-in ('… four areas of risk: content:
# being exposed to …'). Split here, where sentences are quoted, not in split_sentences, which
# ingest's chunking uses too.
_RUN_IN_ITEM = re.compile(r"(?<=[a-z][.;:])\s+(?=[a-z][a-z-]{2,20}:\s)")


# Where a list's last point (no stop of its own) runs into a heading and the sentence after it:
# a lowercase word, then a capital ('… leadership staff Training, knowledge and skills The
# designated safeguarding lead … should undergo training …').
_POINT_RUN_ON = re.compile(r"(?<=[a-z,)])\s+(?=[A-Z])")
# a list's lead-in of a few words: 'The conference chair:', 'Lead practitioners should:'
_SHORT_LEAD_IN = re.compile(
    r"(?!(?:Annex|Appendix|Part|Chapter|Section|Schedule|Paragraph|Table|Figure)\b)"
    r"(?:The |A |An |All |Each |Every )?[A-Z][\w’'()\-]*(?: [\w’'()\-]+){1,12}:"
)
# a point cut before a name it goes on to ('… the procedures in Annex B:') is not a whole point
_ENDS_MID_PHRASE = re.compile(
    r"\b(?:in|of|to|the|a|an|and|or|with|for|under|by|at|from|see|on|as)\s*$", re.IGNORECASE
)


def _point_run_into_a_sentence(piece: str) -> tuple[str, str] | None:
    """(the point, heading and sentence) when a bullet point runs into a headed sentence, or into
    the short lead-in of the next list ('… can be judged clearly The conference chair:')."""
    if not BULLET.match(piece):
        return None
    for match in _POINT_RUN_ON.finditer(piece):
        rest = piece[match.end() :]
        point = piece[: match.start()]
        if _SHORT_LEAD_IN.fullmatch(rest.strip()) and not _ENDS_MID_PHRASE.search(point):
            return point, rest
        head, body = run_in_head(rest)
        if head and len(body.split()) >= MIN_WORDS and ENDS_SENTENCE.search(body.rstrip()):
            return point, rest
    return None


_ENTRY_DASH = re.compile(r"\s[–—]\s")
MIN_ENTRIES = 3  # a run with this many 'Name – what it is' entries is a list of resources
NAME_WORDS = 7  # words before an entry's dash its name can start in


def _resource_entries(piece: str) -> list[str]:
    """A list of resources run into one line ('Childnet – Provides guidance … Searching screening
    and confiscation – Departmental advice for schools on searching children … South West Grid for
    Learning – …'), split into its entries. An entry's name starts at the earliest capitalised word,
    among the few before its dash, that follows a lower-case one: the end of the entry before. A
    piece that reads as a sentence is left whole, however many dashes it has."""
    dashes = list(_ENTRY_DASH.finditer(piece))
    if len(dashes) < MIN_ENTRIES or not is_noise(piece):
        return [piece]
    starts = [0]
    for dash in dashes[1:]:
        words = list(re.finditer(r"\S+", piece[starts[-1] : dash.start()]))[-NAME_WORDS:]
        for before, word in zip(words, words[1:], strict=False):
            if word.group()[:1].isupper() and before.group()[-1:].islower():
                starts.append(starts[-1] + word.start())
                break
    return [piece[a:b].strip() for a, b in zip(starts, [*starts[1:], len(piece)], strict=True)]


# A footnote the PDF set inside a sentence, its number between a lower-case word and the note's
# own capitalised sentence ('Making a notification, will ensure that 193 Care leavers are entitled
# to support …'): the note is a sentence of its own, the cut-off words before it a fragment. Not
# after a word that takes a number ('section 47 The', 'where 38 Education partners', 'Wave 1
# Structured').
_FOOTNOTE_INSIDE = re.compile(r"(?<=[a-z,])\s\d{1,3}\s(?=[A-Z][a-z]+(?:\s[a-z]+){2})")
_TAKES_A_NUMBER = frozenset(
    """section sections paragraph paragraphs para page pages chapter annex part level levels phase
    step stage wave under over aged age of the and to at within were are is was by than from in on
    for with about around nearly almost only all top year years schedule article regulation rule
    standard outcome figure table appendix where had has have there these those some who which post
    pre""".split()
)


def _footnote_out(piece: str) -> list[str]:
    """The piece with a footnote set inside it split off as a sentence of its own."""
    for match in _FOOTNOTE_INSIDE.finditer(piece):
        before = piece[: match.start()].split()
        if before and before[-1].lower().strip(",") not in _TAKES_A_NUMBER:
            return [piece[: match.start()], piece[match.end() :]]
    return [piece]


# A table's answer the PDF ran into its question or myth ('Consent is needed to share personal
# information No, you do not need consent …'): the answer is a sentence of its own, the claim
# before it (no full stop) none
_RUN_IN_REPLY = re.compile(r"(?<=[a-z)]) (?=(?:No|Yes)[,.] (?:[A-Z]\w*|you|this|it|there|they)\b)")
_MYTH_ANSWERED = re.compile(r"[a-z)] (?:No|Yes)\.\s*$")


_REPLY = re.compile(r"^(?:No|Yes), ")
CLAIM_MAX_WORDS = 25


def _claim_answered(pieces: list[str], i: int) -> str:
    """The claim before a reply ('No, you do not need consent …') when the PDF ran it in with no
    stop: what the reply says no to; '' for any other sentence."""
    if i == 0 or not _REPLY.match(pieces[i].strip()):
        return ""
    claim = pieces[i - 1].strip()
    if ENDS_SENTENCE.search(claim) or BULLET.match(claim) or len(claim.split()) > CLAIM_MAX_WORDS:
        return ""
    return claim


def _with_run_in_items_split(pieces: list[str]) -> list[str]:
    pieces = [part for piece in pieces for part in _footnote_out(piece)]
    pieces = [
        re.sub(
            r"^(?:No|Yes)\. ", "", part
        )  # 'No. The Data Protection Act …': the sentence after it
        for piece in pieces
        for part in _RUN_IN_REPLY.split(piece)
    ]
    # '… is a barrier to sharing information No.': the myth and its bare answer, nothing to quote
    pieces = [piece for piece in pieces if not _MYTH_ANSWERED.search(piece)]
    split: list[str] = []
    for piece in pieces:
        run_on = _point_run_into_a_sentence(piece)
        for part in run_on if run_on is not None else (piece,):
            split.extend(_resource_entries(part))
    out = []
    for piece in split:
        start = 0
        for match in _RUN_IN_ITEM.finditer(piece):
            if not ends_with_abbreviation(piece[start : match.start()]):  # not 'e.g. nudes: …'
                out.append(piece[start : match.start()])
                start = match.end()
        out.append(piece[start:])
    return out


def pieces_of(text: str) -> list[str]:
    """The passage's sentences and list points as answers and quizzes read them: split_sentences,
    then the points, list items and resource entries the PDF ran into one line split apart ('…
    welfare of the child Local authority children’s social care should:' is a point, then the next
    list's lead-in)."""
    return _with_run_in_items_split(split_sentences(text))


# an Act's repealed item, left as its letter and dot leaders ('F59(c) . . . . . .')
_REPEALED = re.compile(r"^\s*F?\d*\(\w{1,3}\)\s*(?:\.\s*){3,}$")


# A point opening with a label and a dash ('➢ Red – potential child protection issues …'): the
# sentences after it on its line are the label's ('… A decision about next steps must be made
# within 4 hours.'), and alone they would not say whose they are
_LABELLED_POINT = re.compile(r"[A-Z][\w'’/-]*(?:\s+[\w'’/-]+){0,3}\s+[–—-]\s")
LABELLED_POINT_MAX_WORDS = 45  # a point and the sentences of its line, at most


def point_label(text: str) -> str | None:
    """The label a point opens with ('➢ Red – potential child protection issues …' -> 'Red')."""
    bullet = BULLET.match(text)
    if not bullet:
        return None
    match = _LABELLED_POINT.match(text[bullet.end() :])
    return match.group(0).rstrip(" –—-") if match else None


def _continues_line(text: str, pieces: list[str]) -> list[bool]:
    """For each piece, whether it goes on the line of the piece before it in the passage's text."""
    out = [False] * len(pieces)
    pos, previous_end = 0, None
    for i, piece in enumerate(pieces):
        probe = piece.strip()[:24]
        at = text.find(probe, pos) if probe else -1
        if at < 0:
            previous_end = None
            continue
        if previous_end is not None:
            out[i] = "\n" not in text[previous_end:at]
        whole = piece.strip()
        previous_end = at + (len(whole) if text.startswith(whole, at) else len(probe))
        pos = at + len(probe)
    return out


def _with_its_line(pieces: list[str], same_line: list[bool], i: int) -> tuple[str, int]:
    """A labelled point with the sentences after it on its line, and the index after them; the
    piece alone when it is no labelled point."""
    piece = pieces[i].strip()
    bullet = BULLET.match(piece)
    if not bullet or not _LABELLED_POINT.match(piece[bullet.end() :]):
        return piece, i + 1
    j = i + 1
    while (
        j < len(pieces)
        and same_line[j]
        and not BULLET.match(pieces[j])
        and len(piece.split()) + len(pieces[j].split()) <= LABELLED_POINT_MAX_WORDS
        # what would not be quoted alone is not quoted joined: noise, an instruction planted in
        # the text, glued digits, a list's lead-in
        and not is_noise(pieces[j].strip(), False)
        and not _GLUED_DIGITS.search(pieces[j])
        and not pieces[j].rstrip().endswith(LEAD_IN_ENDS)
    ):
        piece = f"{piece} {pieces[j].strip()}"
        j += 1
    return piece, j


def _opens_a_list(pieces: list[str], i: int) -> bool:
    """A lead-in: a piece ending with a colon or dash, or a question over bulleted points ('What
    needs to improve in this area of social work practice?' over Ofsted's three)."""
    piece = pieces[i].rstrip()
    return piece.endswith(LEAD_IN_ENDS) or (
        piece.endswith("?") and i + 1 < len(pieces) and bool(BULLET.match(pieces[i + 1]))
    )


_ENDS_LOWER = re.compile(r"\b[a-z][\w’'-]*\W*$")


def quotable_units(text: str, runs_on: bool = False, note: bool = False) -> list[Unit]:
    """The passage's quotable units, in reading order. `runs_on`: the passage's last sentence goes
    on in the next passage (Passage.runs_on), so it is quoted as far as it goes, with '…'. `note`:
    the passage is a page's foot note, whose last sentence often has no full stop ('Alternatively
    qualified staff is the term used for Children’s Social Care staff who are not social work
    qualified', trial DD: never quoted); it is quoted when it reads as a sentence."""
    pieces = pieces_of(text)
    same_line = _continues_line(text, pieces)
    units: list[Unit] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if _opens_a_list(pieces, i) and not is_noise_lead(piece):
            items = []
            j = i + 1
            number = 1  # a numbered list's next number ('1.' on a line of its own, then its point)
            while j < len(pieces) and len(items) < MAX_ITEMS:
                if (
                    pieces[j].strip() == f"{number}."
                    and j + 1 < len(pieces)
                    and (number > 1 or not items)  # numbered from the lead-in on, not after bullets
                    and _is_item(pieces[j + 1])
                ):
                    items.append(f"{number}. {pieces[j + 1].strip()}")
                    number, j = number + 1, j + 2
                    continue
                if (
                    not (_is_item(pieces[j]) or _REPEALED.match(pieces[j]))
                    or _GLUED_DIGITS.search(pieces[j])
                    or _ends_list(pieces[j])
                ):
                    break
                if _REPEALED.match(pieces[j]):
                    j += 1
                    continue
                item, j = _with_its_line(pieces, same_line, j)
                items.append(item)
            if items:  # a lead-in whose list is not in this passage is not quoted at all
                # a list ending the passage, going on in the next: shown with '…' after its points
                goes_on = runs_on and j >= len(pieces)
                units.append(Unit(i, piece.strip(), tuple(items), runs_on=goes_on))
            i = j
            continue
        labelled, after = _with_its_line(pieces, same_line, i)
        if after > i + 1 and not is_noise(piece.strip()):  # '➢ Blue – … . A decision … 72 hours.'
            units.append(Unit(i, labelled))
            i = after
            continue
        open_end = not ENDS_SENTENCE.search(piece.rstrip())
        at_bullet = i + 1 < len(pieces) and bool(BULLET.match(pieces[i + 1])) and open_end
        # the passage's last sentence, run on into the next passage (a long sentence the chunking
        # cut, as the next passage opening in lower case shows): quoted as far as it goes, with '…'
        # (trial N: 'The policy must also cover the use of mobile phones and cameras …')
        last_runs_on = runs_on and i == len(pieces) - 1 and open_end and i > 0
        # (not a note cut off at the page's edge: an open bracket, or ending on a name or title,
        # '… the Schedule to The Non-Maintained Special Schools (England)', review 24)
        note_end = (
            note
            and i == len(pieces) - 1
            and open_end
            and piece.count("(") == piece.count(")")
            and bool(_ENDS_LOWER.search(piece))
        )
        if not is_noise(piece, at_bullet or last_runs_on or note_end):
            head, body = run_in_head(_FOOTNOTE_MARK.sub("", piece.strip()))
            if not is_noise(body, at_bullet or last_runs_on or note_end):
                units.append(
                    Unit(
                        i,
                        body,
                        ends_at_bullet=at_bullet,
                        head=head,
                        runs_on=last_runs_on,
                        replies_to=_claim_answered(pieces, i) if not head else "",
                    )
                )
        i += 1
    return units


def is_noise_lead(sentence: str) -> bool:
    return (
        len(sentence.split()) < 3
        or len(sentence.split()) > MAX_SENTENCE_WORDS
        or looks_like_injection(sentence)
        or bool(_GLUED_DIGITS.search(sentence))
    )
