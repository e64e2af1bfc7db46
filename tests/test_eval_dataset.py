"""The evaluation set (evals/datasets/dev.jsonl) is well formed and its gold is real: every gold quote
is found, after the project's own extraction and cleaning, in one chunk of the document it names, and
every key fact is said in those gold chunks. Seeds are always checked; corpus documents only when
../shared/corpus is present (each document referenced by gold is parsed once per module)."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from evals.dataset import CATEGORIES as DATASET_CATEGORIES
from evals.dataset import DEFAULT_DATASET
from evals.textmatch import contains_quote
from tests.conftest import CORPUS, SEEDS_DIR

DATASET = DEFAULT_DATASET
KEYS = [
    "id",
    "question",
    "category",
    "answerable",
    "jurisdiction",
    "needs_corpus",
    "emergency",
    "expected_notices",
    "gold",
    "key_facts",
    "split",
]
CATEGORIES = set(DATASET_CATEGORIES)  # the harness reports by these
JURISDICTIONS = {"England", "Wales", "both"}
NOTICES = {"superseded", "emergency", "jurisdiction"}


def load_rows(path: Path = DATASET) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


ROWS = load_rows()


@lru_cache(maxsize=1)
def catalogue():
    from assistant.catalogue import Catalogue
    from assistant.config import Settings

    return Catalogue.load(Settings().catalogue)


@lru_cache(maxsize=1)
def seed_doc_ids() -> frozenset[str]:
    return frozenset(_doc_paths(SEEDS_DIR, "*.txt"))


def _doc_paths(folder: Path, pattern: str) -> dict[str, Path]:
    """doc_id -> file, matched the way ingest matches (catalogue sha256, then file name)."""
    from assistant.catalogue import file_sha256

    found = {}
    for path in sorted(folder.rglob(pattern)):
        entry = catalogue().match(path, file_sha256(path))
        if entry is not None:
            found[entry.doc_id] = path
    return found


def parse_chunks(path: Path) -> list[str]:
    """The chunk texts of one document exactly as the ingest pipeline produces them."""
    from assistant.catalogue import file_sha256
    from assistant.config import Settings
    from ingest.chunking import ChunkingOptions
    from ingest.pipeline import parse_document

    settings = Settings()
    options = ChunkingOptions(settings.chunk_target_tokens, settings.chunk_max_tokens)
    return [c.text for c in parse_document(path, file_sha256(path), catalogue(), options).chunks]


def gold_problems(row: dict, chunks_of) -> list[str]:
    """What is wrong with one question's gold: quotes not found in any chunk of their document, and
    key facts none of whose phrasings is in the chunks holding the gold quotes. `chunks_of(doc_id)`
    gives that document's chunk texts."""
    problems, gold_chunks = [], []
    for gold in row["gold"]:
        hits = [text for text in chunks_of(gold["doc_id"]) if contains_quote(text, gold["quote"])]
        if not hits:
            problems.append(f"quote not in any chunk of {gold['doc_id']}: {gold['quote']!r}")
        gold_chunks.extend(hits)
    for phrasings in row["key_facts"]:
        if not any(contains_quote(text, p) for text in gold_chunks for p in phrasings):
            problems.append(f"key fact not in the gold chunks: {phrasings!r}")
    return problems


class ChunkCache:
    """Parses a document the first time a question asks for it."""

    def __init__(self, paths: dict[str, Path]):
        self.paths = paths
        self.cache: dict[str, list[str]] = {}

    def __call__(self, doc_id: str) -> list[str]:
        if doc_id not in self.cache:
            assert doc_id in self.paths, f"no file found for {doc_id}"
            self.cache[doc_id] = parse_chunks(self.paths[doc_id])
        return self.cache[doc_id]


@pytest.fixture(scope="module")
def seed_chunks():
    return ChunkCache(_doc_paths(SEEDS_DIR, "*.txt"))


@pytest.fixture(scope="module")
def corpus_chunks():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return ChunkCache({**_doc_paths(CORPUS, "*.pdf"), **_doc_paths(SEEDS_DIR, "*.txt")})


# ------------------------------------------------------------------------------------------ schema


def test_every_line_has_the_keys_in_order_and_the_right_types():
    for row in ROWS:
        assert list(row) == KEYS, row.get("id")
        assert (
            isinstance(row["id"], str)
            and isinstance(row["question"], str)
            and row["question"].strip()
        )
        for key in ("answerable", "needs_corpus", "emergency"):
            assert isinstance(row[key], bool), (row["id"], key)
        assert row["category"] in CATEGORIES, row["id"]
        assert row["jurisdiction"] in JURISDICTIONS, row["id"]
        assert (
            isinstance(row["expected_notices"], list) and set(row["expected_notices"]) <= NOTICES
        ), row["id"]
        assert isinstance(row["gold"], list) and isinstance(row["key_facts"], list), row["id"]
        for gold in row["gold"]:
            assert set(gold) == {"doc_id", "quote"} and all(
                isinstance(v, str) and v for v in gold.values()
            ), row["id"]
            assert 6 <= len(gold["quote"].split()) <= 32, (
                row["id"],
                gold["quote"],
            )  # short: inside one chunk
        for phrasings in row["key_facts"]:
            assert isinstance(phrasings, list) and phrasings, row["id"]
            assert all(isinstance(p, str) and 1 <= len(p.split()) <= 5 for p in phrasings), (
                row["id"],
                phrasings,
            )


def test_the_split_is_fixed_in_the_file_and_each_category_has_both_halves():
    """Tuning looks at "tune" only; "untuned" is reported apart (README: "Honest measurement")."""
    assert {row["split"] for row in ROWS} == {"tune", "untuned"}
    for category in CATEGORIES:
        halves = Counter(row["split"] for row in ROWS if row["category"] == category)
        assert halves["tune"] and halves["untuned"], category
    answerable = [row for row in ROWS if row["answerable"]]
    assert sum(row["split"] == "untuned" for row in answerable) >= 0.4 * len(answerable)


def test_ids_are_unique():
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids))


def test_the_set_has_the_size_and_mix_the_issue_asks_for():
    categories = Counter(row["category"] for row in ROWS)
    assert len(ROWS) >= 80
    assert categories["out_of_scope"] >= 12
    assert sum(row["emergency"] for row in ROWS) >= 6
    assert categories["superseded"] >= 4
    assert set(categories) == CATEGORIES  # every kind of question is represented
    answerable = [row for row in ROWS if row["answerable"]]
    assert (
        sum(not row["needs_corpus"] for row in answerable) >= 25
    )  # a seeds-only run has work to do


def test_answerable_questions_have_gold_and_key_facts_and_the_rest_have_none():
    for row in ROWS:
        if row["answerable"]:
            assert 1 <= len(row["gold"]) <= 3 and 1 <= len(row["key_facts"]) <= 3, row["id"]
        else:
            assert row["gold"] == [] and row["key_facts"] == [], row["id"]
        if row["category"] == "out_of_scope":
            assert not row["answerable"] and not row["emergency"], row["id"]


def test_flags_and_notices_agree_with_categories():
    for row in ROWS:
        assert (row["category"] == "emergency") == row["emergency"], row["id"]
        assert ("emergency" in row["expected_notices"]) == row["emergency"], row["id"]
        if "superseded" in row["expected_notices"]:
            assert any(g["doc_id"] == "kcsie-2024" for g in row["gold"]), row["id"]
        if any(g["doc_id"] == "kcsie-2024" for g in row["gold"]):
            assert row["category"] == "superseded" and "superseded" in row["expected_notices"], row[
                "id"
            ]


def test_gold_documents_exist_and_seed_only_questions_cite_only_seeds():
    known = {entry.doc_id for entry in catalogue().entries}
    for row in ROWS:
        for gold in row["gold"]:
            assert gold["doc_id"] in known, (row["id"], gold["doc_id"])
        if not row["needs_corpus"]:
            assert {g["doc_id"] for g in row["gold"]} <= seed_doc_ids(), row["id"]
        elif row["answerable"]:
            assert {g["doc_id"] for g in row["gold"]} - seed_doc_ids(), row[
                "id"
            ]  # else it needs no corpus


def test_abuse_words_also_appear_in_ordinary_questions():
    """The set measures emergency false positives too: plain procedural questions about abuse."""
    words = ("abuse", "neglect", "harm", "section 47", "s47", "allegation", "missing")
    ordinary = [
        r for r in ROWS if not r["emergency"] and any(w in r["question"].lower() for w in words)
    ]
    assert len(ordinary) >= 8


# ------------------------------------------------------------------------------------------ gold


SEED_ROWS = [r for r in ROWS if r["gold"] and not r["needs_corpus"]]
CORPUS_ROWS = [r for r in ROWS if r["gold"] and r["needs_corpus"]]


@pytest.mark.parametrize("row", SEED_ROWS, ids=[r["id"] for r in SEED_ROWS])
def test_seed_gold_quotes_and_key_facts_are_in_the_extracted_text(row, seed_chunks):
    assert gold_problems(row, seed_chunks) == []


@pytest.mark.corpus
@pytest.mark.parametrize("row", CORPUS_ROWS, ids=[r["id"] for r in CORPUS_ROWS])
def test_corpus_gold_quotes_and_key_facts_are_in_the_extracted_text(row, corpus_chunks):
    assert gold_problems(row, corpus_chunks) == []


HAND_MADE = {
    "gold": [
        {
            "doc_id": "hudson-icn-conference-2004",
            "quote": "There are four mechanisms proposed: a duty of partnerships to require co-operation",
        }
    ],
    "key_facts": [["children's trusts"], ["children's minister"]],
}


def test_the_checker_catches_a_quote_that_is_not_in_the_document(seed_chunks):
    assert gold_problems(HAND_MADE, seed_chunks) == []
    bad = json.loads(json.dumps(HAND_MADE))
    bad["gold"][0]["quote"] = (
        "There are five mechanisms proposed: a duty of partnerships to require co-operation"
    )
    problems = gold_problems(bad, seed_chunks)
    assert (
        problems[0]
        == f"quote not in any chunk of hudson-icn-conference-2004: {bad['gold'][0]['quote']!r}"
    )
    assert len(problems) == 3  # and with no gold chunk left, neither key fact is supported


def test_the_checker_catches_a_key_fact_the_gold_does_not_say(seed_chunks):
    row = json.loads(json.dumps(HAND_MADE))
    row["key_facts"].append(["within 72 hours", "three working days"])
    assert gold_problems(row, seed_chunks) == [
        "key fact not in the gold chunks: ['within 72 hours', 'three working days']"
    ]


def test_the_checker_matches_through_quote_marks_dashes_and_case():
    chunk = "The green paper said “an underlying cause of local fragmentation” – and so on."
    row = {
        "gold": [
            {"doc_id": "d", "quote": '"AN underlying cause of local   fragmentation" - and so'}
        ],
        "key_facts": [["local fragmentation"]],
    }
    assert gold_problems(row, lambda doc_id: [chunk]) == []
