"""Plain-text rules shared by ingest, answers, quizzes and evals, each defined once: sentences,
typography (ligatures, spaces, quote marks, dashes), the [n] citation marker, list bullets, and
words (tokens, stop words, stems). Pure functions of text; nothing here reads files or settings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

# --- sentences --------------------------------------------------------------------------------

# What may close a sentence after its full stop: quote marks and brackets ('"No."', '(see 3.)').
CLOSERS = r"[\"”’')\]]*"
ENDS_SENTENCE = re.compile(rf"[.!?…]{CLOSERS}$")

# Words that end with a full stop but do not end a sentence (compared lower-case, whole word).
_ABBREVIATIONS = frozenset(
    "e.g. i.e. etc. para. paras. s. ss. no. vol. p. pp. dr. mr. mrs. ms. st. cf. al. c. ch. sec. fig. approx.".split()
)
_BOUNDARY = re.compile(
    rf"(?<=[.!?…])(?P<closers>{CLOSERS})\s+(?=[\"“‘(\[]?[A-Z0-9•])"
    # a footnote number the PDF glued after a quotation's full stop ('… terrorism”.153 This duty
    # is …'): the sentence ends at the stop, and the number is not part of either sentence
    r"|(?<=[\"”’')\]]\.)\d{1,3}\s+(?=[A-Z])"
    r"|\n+"  # chunk text keeps one paragraph or list item per line
    r"|\s+(?=©)"  # a back cover's copyright line the PDF ran on after the last sentence
    # a myth and its truth, marked by a box ('… neglect. ⮽ The Myth Reporting a child … ☑ The
    # Truth The only authorities …'): each a sentence of its own, stop or none before it
    r"|\s+(?=[⮽☑☒])"
)


def ends_with_abbreviation(text: str) -> bool:
    """The text's last word is an abbreviation ('e.g.', 'para.'), so a stop there ends nothing."""
    words = text.split()
    return bool(words) and words[-1].lower().lstrip('(“"‘') in _ABBREVIATIONS


# a line ending on a word no sentence ends with, then a number ('… under the age of' / '18. If …'):
# the PDF wrapped a sentence, the number is no list's
_WRAPPED_BEFORE_NUMBER = re.compile(
    r"\b(of|to|under|over|aged|than|least|most|within|the|and|or)\n(?=\d)", re.IGNORECASE
)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; bullet items count as sentences of their own."""
    text = _WRAPPED_BEFORE_NUMBER.sub(r"\1 ", text)  # same length: offsets into the text hold
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group("closers") or "")
        candidate = text[start:end]
        if ends_with_abbreviation(candidate):
            continue
        pieces.append(candidate.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


# --- typography -------------------------------------------------------------------------------

# A capitalised compound the PDF broke at its hyphen across a line ('Counter- Terrorism').
_BROKEN_HYPHEN = re.compile(r"(\w)- (?=[A-Z])")


def mend_broken_hyphen(text: str) -> str:
    """'the Counter- Terrorism and Security Act' -> 'the Counter-Terrorism and Security Act'."""
    return _BROKEN_HYPHEN.sub(r"\1-", text)


# Ligatures PDF text extraction leaves where letters were ('e\ufb00ective' -> 'effective').
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Characters that print as nothing.
INVISIBLE = {
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte-order mark
}
# Spaces other than ' ' that cleaning turns into ' ' (any of them is whitespace to str.split()).
SPACES = {
    "\u00a0": " ",  # no-break space
    "\u2002": " ",  # en space
    "\u2003": " ",  # em space
    "\u2009": " ",  # thin space
}
# Curly and low quote marks and primes, as the straight mark a reader would type.
QUOTE_MARKS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
}
# Hyphens, dashes and the minus sign, as '-'.
DASHES = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}
_LETTERS = str.maketrans({**LIGATURES, **INVISIBLE, **SPACES})
_TYPED = str.maketrans({**LIGATURES, **INVISIBLE, **SPACES, **QUOTE_MARKS, **DASHES})
_WHITESPACE = re.compile(r"\s+")


def fix_ligatures(text: str) -> str:
    """Ligatures as letters, invisible characters dropped, odd spaces as ' ': what cleaning does to
    every document (it changes no quote mark or dash, so quotations stay as printed)."""
    return text.translate(_LETTERS)


def as_typed(text: str) -> str:
    """The text as a reader would type it, for comparing (never for showing): fix_ligatures, plain
    quote marks and hyphens, one space between words, lower case ('‘Early help’ – ﬁrst' ->
    "'early help' - first")."""
    return _WHITESPACE.sub(" ", text.translate(_TYPED)).strip().lower()


# --- the [n] citation marker ----------------------------------------------------------------

# [n] cites the n-th passage (1-based). Two digits at most: a bracketed year ('[2023]') or a
# footnote number ('[125]') in quoted text is not a marker.
MARKER_PATTERN = r"\[\d{1,2}\]"  # without a group, to build other patterns from
MARKER = re.compile(r"\[(\d{1,2})\]")
# A marker with the spaces around it: where an answer is cut into the sentences it quoted.
MARKER_GAP = re.compile(rf"\s*{MARKER_PATTERN}\s*")


def cited_numbers(text: str) -> list[int]:
    """The passage numbers the text's markers cite, in order, repeats kept."""
    return [int(n) for n in MARKER.findall(text)]


def split_at_markers(text: str) -> list[str]:
    """The text cut at its markers, markers and their spaces removed (empty pieces kept)."""
    return MARKER_GAP.split(text)


# --- where a passage is ---------------------------------------------------------------------------


# Whose arrangement a quoted sentence is, before it: '(Lambeth, local guidance) All attempts …'.
_LOCAL_LABEL = re.compile(r"^\s*\([^()]{1,120}, local[^()]{0,60}\) ")


def label_as_local(area: str, kind: str = "local guidance") -> str:
    """The label a sentence from `area`'s local document of `kind` opens with in an answer ('' for
    none); brackets in the area's name are left out, so the label reads back whole."""
    area = " ".join(area.replace("(", " ").replace(")", " ").split())
    return f"({area}, {kind.lower()}) " if area else ""


def without_local_label(sentence: str) -> str:
    """The quoted sentence without the label saying whose local document it is from."""
    return _LOCAL_LABEL.sub("", sentence.strip())


def where_parts(
    citation: Mapping[str, Any],
    *,
    section: str = "{}",
    paragraph: str = "para {}",
    page: str = "p. {}",
) -> list[str]:
    """What locates a passage inside its document, in reading order, for the fields it has:
    section, paragraph, page, each put into its template ('para 3', 'p. 12'). The document's own
    name (title, edition) is each caller's to write, before these."""
    if "–" in str(citation.get("page") or ""):  # a span of pages ('133–134')
        page = page.replace("p. ", "pp. ").replace("Page ", "Pages ").replace("page ", "pages ")
    templates = (("section", section), ("paragraph", paragraph), ("page", page))
    return [form.format(citation[key]) for key, form in templates if citation.get(key)]


# --- list bullets -------------------------------------------------------------------------------

# Signs that open a list item.
BULLET_SIGNS = "•●▪◦■□◼◾►➤➢✓*–-"
# The opening of a list item, spaces included: a bullet sign, '(a)', 'iv)', '3.' or '(2)'.
BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLET_SIGNS)}]|\(?[a-z]{{1,4}}\)|\(?\d{{1,2}}[.)])\s*")

# --- words ------------------------------------------------------------------------------------

# A word, or a number kept whole with its dots ('3.14'); "child's" is one token.
TOKEN = re.compile(r"\d+(?:\.\d+)+|[a-z0-9]+(?:['’][a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves""".split()
)
# Contractions of stop words ("I've", "don't"), as practitioners also type them without the
# apostrophe; not those that are words too ("I'll"/"ill", "we'll"/"well", "I'd"/"id").
CONTRACTED_STOPWORDS = frozenset(
    """im ive youve youre weve theyve theyre dont doesnt didnt cant couldnt wont wouldnt shouldnt
    isnt arent wasnt werent hasnt havent hadnt whats whos hows wheres whens thats theres""".split()
)
_CONTRACTION_ENDS = ("ve", "m", "d", "ll", "re", "t")
# Plurals Snowball leaves alone, as their singular; the possessive typed without its apostrophe
# ('childrens social care') as the one written with it.
IRREGULAR = {
    "children": "child",
    "people": "person",
    "women": "woman",
    "men": "man",
    "childrens": "child",
    "peoples": "person",
    "womens": "woman",
    # short forms practitioners type for the documents' words ('share info', 'whats the max time
    # for …': trial EE), as those words are stemmed
    "info": "inform",
    "max": "maximum",
    # and for times ('is it every yr?': trial FF); not 'hr', which the documents use for human
    # resources
    "yr": "year",
    "yrs": "year",
    "hrs": "hour",
    "wk": "week",
    "wks": "week",
    "mth": "month",
    "mths": "month",
}


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def snowball(words: list[str]) -> list[str]:
    """The plain English Snowball stem of each word (no exceptions: see stem() for those)."""
    return _stemmer().stemWords(words)


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A token's stem as the index keeps it: irregular plurals singular, numbers as they are."""
    if token in IRREGULAR:
        return IRREGULAR[token]
    if token[0].isdigit():
        return token
    return _stemmer().stemWord(token)


# a footnote's number the PDF's text glued to the word it marks ('a DPIA23 for sharing …',
# 'NSPCC77'): the word is the word (trial W: 'do we need a DPIA …?' missed 'DPIA23'); 'S47' and
# 'KS2' keep their numbers
_FOOTNOTE_GLUED = re.compile(
    # not a word its number belongs to, as typed ('section47', 'level3', 'tier4', 'under18',
    # 'post16', 'year7', 'covid19': review 21)
    r"^(?!(?:section|sec|level|tier|under|over|post|pre|year|stage|part|annex|para|page|step|"
    r"phase|article|schedule|covid|form|appendix|chapter|rule|reg|regulation)\d)"
    r"(?P<word>[a-z]{3,})\d{1,3}$"
)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop words dropped, Snowball-stemmed; '3.14' and 'S47' kept whole."""
    tokens = []
    for token in TOKEN.findall(text.lower().replace("’", "'")):
        if _contracted_stopword(token):
            continue
        token = token.replace("'s", "").replace("'", "")
        if token[-1:].isdigit():  # (only such a token can be a word with a footnote's number)
            token = _FOOTNOTE_GLUED.sub(r"\g<word>", token)
        if token and token not in STOPWORDS and token not in CONTRACTED_STOPWORDS:
            tokens.append(stem(token))
    return tokens


def _contracted_stopword(token: str) -> bool:
    """A stop word with a contraction ("I've", "we'll", "shouldn't"): it says no more than the
    stop word does."""
    head, apostrophe, end = token.partition("'")
    if not apostrophe or end not in _CONTRACTION_ENDS:
        return False
    if end == "t":  # "shouldn't", "don't", "can't", "won't"
        return head in STOPWORDS or head[:-1] in STOPWORDS or head == "won"
    return head in STOPWORDS


def words_of(piece: str) -> frozenset[str]:
    """tokenize() as a set, for a piece of a sentence: not kept in token_set's cache, which holds
    whole passages and sentences that come back."""
    return frozenset(tokenize(piece))


@lru_cache(maxsize=20000)
def token_set(text: str) -> frozenset[str]:
    """tokenize() as a set, remembered per passage text: answers look at the same passages often."""
    return frozenset(tokenize(text))


def stems(words: Iterable[str]) -> frozenset[str]:
    """Words written out in full, as the stems tokenize() gives them (for lists kept readable)."""
    return frozenset(t for w in words for t in tokenize(w))
