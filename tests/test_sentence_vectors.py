"""Sentence vectors stored at ingest: every quotable sentence of every chunk gets one, an index
built without them gets them on its next ingest, a removed document's leave with it when the index
is rebuilt, and answers read them instead of running the model (a missing or damaged file only
costs time)."""

from __future__ import annotations

import json

import numpy as np

from assistant.config import Settings
from assistant.embeddings import FakeEmbedder
from assistant.sentence_meaning import SentenceMeaning
from assistant.sentence_vectors import FOLDER, INDEX, VERSION, SentenceVectors, sentence_texts
from assistant.store import IndexReader
from ingest.pipeline import ingest

ASHBY = (
    "Referrals in Ashby\n\nA referral to Ashby children's social care should be made within one "
    "working day of the concern. The social worker must acknowledge it the same day. Parents are "
    "told unless telling them would put the child at risk.\n"
)
BRINDLE = (
    "Early help in Brindle\n\nBrindle families are offered a lead practitioner first. The lead "
    "practitioner agrees a plan with the family within four weeks.\n"
)


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts it is asked to embed in batches."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts, batch_size=64):
        self.encoded.extend(texts)
        return super().encode(texts, batch_size)

    def encode_question(self, text):
        return super().encode([text])[0]  # the question: not what is counted


def _settings(tmp_path, **extra) -> Settings:
    return Settings(
        store=tmp_path / "store",
        embedder="fake",
        documents_dir=tmp_path / "no-documents",
        **extra,
    )


def _docs(tmp_path) -> tuple:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ashby.txt").write_text(ASHBY, encoding="utf-8")
    (folder / "brindle.txt").write_text(BRINDLE, encoding="utf-8")
    return folder, folder / "ashby.txt", folder / "brindle.txt"


def _every_sentence(reader: IndexReader) -> set[str]:
    return {t for chunk in reader.chunks.values() for t in sentence_texts(chunk.text)}


def test_ingest_stores_a_vector_for_every_quotable_sentence(tmp_path):
    folder, _, _ = _docs(tmp_path)
    report = ingest([folder], _settings(tmp_path))
    reader = IndexReader.open(tmp_path / "store")
    stored = reader.sentences
    wanted = _every_sentence(reader)
    assert wanted and wanted <= set(stored.texts)
    assert stored.covered == frozenset(reader.chunks)
    assert report.sentences == len(stored) == len(set(stored.texts))
    text = next(iter(wanted))
    vector = stored.get(text)
    assert vector is not None and vector.dtype == np.float32
    assert np.allclose(vector, FakeEmbedder().encode([text])[0], atol=1e-3)


def test_an_index_built_without_sentence_vectors_gets_them_on_the_next_ingest(tmp_path):
    folder, _, _ = _docs(tmp_path)
    ingest([folder], _settings(tmp_path, sentence_meaning=False))
    assert len(IndexReader.open(tmp_path / "store").sentences) == 0
    report = ingest([folder], _settings(tmp_path))
    assert report.documents == 0 and report.unchanged == 2  # nothing re-read
    reader = IndexReader.open(tmp_path / "store")
    assert _every_sentence(reader) <= set(reader.sentences.texts)
    assert reader.sentences.covered == frozenset(reader.chunks)
    # and a further ingest has nothing to do
    assert ingest([folder], _settings(tmp_path)).sentences == 0


def test_a_removed_documents_sentences_leave_a_fresh_generation(tmp_path):
    folder, ashby, _ = _docs(tmp_path)
    ingest([folder], _settings(tmp_path))
    before = IndexReader.open(tmp_path / "store")
    ashby_sentences = {
        t
        for c in before.chunks.values()
        if c.doc_id.startswith("ashby")
        for t in sentence_texts(c.text)
    }
    assert ashby_sentences and ashby_sentences <= set(before.sentences.texts)
    before.close()
    ashby.unlink()
    ingest([folder], _settings(tmp_path), prune=True)  # half the index deleted: built fresh
    reader = IndexReader.open(tmp_path / "store")
    assert {c.doc_id for c in reader.chunks.values()} == {"brindle-txt"}
    assert not ashby_sentences & set(reader.sentences.texts)
    assert _every_sentence(reader) <= set(reader.sentences.texts)
    assert reader.sentences.covered == frozenset(reader.chunks)


def test_answers_read_stored_sentence_vectors_instead_of_embedding(tmp_path):
    folder, _, _ = _docs(tmp_path)
    ingest([folder], _settings(tmp_path))
    reader = IndexReader.open(tmp_path / "store")
    embedder = CountingEmbedder()
    meaning = SentenceMeaning(embedder, stored=lambda: reader.sentences)
    stored = sorted(_every_sentence(reader))
    new = "A sentence no document holds about housing benefit."
    sims = meaning.similarities("when is a referral made?", [*stored, new])
    assert embedder.encoded == [new]  # only the sentence the index does not hold
    expected = FakeEmbedder().encode([*stored, new]) @ embedder.encode_question(
        "when is a referral made?"
    )
    assert np.allclose(sims, expected, atol=1e-2)


def test_a_damaged_sentence_file_reads_as_empty_and_answers_still_score(tmp_path):
    folder, _, _ = _docs(tmp_path)
    ingest([folder], _settings(tmp_path))
    generation = IndexReader.open(tmp_path / "store").folder
    # a key missing (this version's file), a list, not JSON
    for damaged in (json.dumps({"version": VERSION}), "[1, 2]", "{not json"):
        (generation / FOLDER / INDEX).write_text(damaged, encoding="utf-8")
        assert len(SentenceVectors.read(generation)) == 0, damaged
    reader = IndexReader.open(tmp_path / "store")
    assert len(reader.sentences) == 0
    embedder = CountingEmbedder()
    text = sorted(_every_sentence(reader))[0]
    assert SentenceMeaning(embedder, stored=lambda: reader.sentences).similarities(
        "referral", [text]
    )
    assert embedder.encoded == [text]


def test_merged_vectors_store_a_repeated_sentence_once():
    vectors = FakeEmbedder().encode(["one sentence here", "another one here"])
    merged = SentenceVectors().merged(
        ["one sentence here", "another one here", "one sentence here"],
        np.vstack([vectors, vectors[:1]]),
        {"a", "b"},
        {"a"},
    )
    assert merged.texts == ["one sentence here", "another one here"]
    assert merged.matrix.shape == (2, FakeEmbedder.dimension)
    assert merged.covered == frozenset({"a"})  # 'b' is no longer in the index


def test_an_answer_scores_sentences_by_meaning_from_the_stored_vectors(tmp_path):
    from assistant.answer import AnswerService

    folder, _, _ = _docs(tmp_path)
    settings = _settings(tmp_path)
    ingest([folder], settings)
    embedder = CountingEmbedder()
    service = AnswerService(settings, embedder=embedder)
    answer = service.ask("How quickly should a referral to Ashby social care be made?")
    assert "within one working day" in answer.text
    assert service.sentence_meaning is not None
    assert embedder.encoded == []  # every candidate sentence's vector came from the index


def test_a_new_pipeline_cutting_the_same_chunks_into_other_sentences_stores_those(
    tmp_path, monkeypatch
):
    """Re-read under a new pipeline version, a chunk keeps its id when its text is unchanged, but
    its quotable sentences may be cut otherwise (an Act's next subsection now ends the list before
    it): those sentences are stored too, not left to be embedded at every question."""
    import ingest.pipeline as pipeline
    from assistant import sentence_vectors

    folder, _, _ = _docs(tmp_path)
    ingest([folder], _settings(tmp_path))
    cut_otherwise = sentence_vectors.sentence_texts

    def with_one_more(text):
        return [*cut_otherwise(text), f"{text[:20]} (cut otherwise)"]

    monkeypatch.setattr(pipeline, "sentence_texts", with_one_more)
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", pipeline.PIPELINE_VERSION + 1)
    ingest([folder], _settings(tmp_path))
    reader = IndexReader.open(tmp_path / "store")
    new = {with_one_more(c.text)[-1] for c in reader.chunks.values()}
    assert new <= set(reader.sentences.texts)


def test_two_sentences_read_together_score_as_the_mean_of_their_vectors():
    embedder = FakeEmbedder()
    meaning = SentenceMeaning(embedder)
    first, second = "A case manager will lead any investigation.", "This will be the chair."
    [together] = meaning.similarities_together("who leads?", [(first, second)])
    joined = embedder.encode([first])[0] + embedder.encode([second])[0]
    expected = float(joined @ embedder.encode_question("who leads?")) / np.linalg.norm(joined)
    assert abs(together - expected) < 1e-4
    assert meaning.similarities_together("who leads?", []) == []


def test_a_foot_notes_open_last_sentence_is_stored_so_answers_run_no_model_for_it():
    """A page's foot note may end without a full stop and is quoted so (trial DD); the store does
    not say which chunks are notes, so a chunk's open last sentence is embedded at ingest too,
    rather than by the model while a practitioner waits."""
    note = (
        "Alternatively qualified staff is the term used for Children’s Social Care staff who are "
        "not social work qualified"
    )
    assert note in sentence_texts(note)
    assert sentence_texts("A referral should be made within one working day.") == [
        "A referral should be made within one working day."
    ]
