"""The real embedder: questions on ONNX Runtime give the vectors torch gives, and anything wrong
with the ONNX copy leaves torch answering."""

import logging

import numpy as np
import pytest

from assistant.embeddings import MiniLMEmbedder

pytestmark = pytest.mark.integration

TEXTS = [
    "What is a section 47 enquiry?",
    "Who are the safeguarding partners? LADO, MASH, paragraph 3.14",
    "¿Qué pasa? — a question with accents, dashes and “curly quotes”",
    "early help " * 400,  # far past the model's 256-token window: truncated the same way
]


@pytest.fixture(scope="module")
def torch_only():
    return MiniLMEmbedder(onnx_dir=None)


def test_onnx_question_vectors_match_torch(tmp_path_factory, torch_only):
    folder = tmp_path_factory.mktemp("models")
    embedder = MiniLMEmbedder(onnx_dir=folder)
    for text in TEXTS:
        fast = embedder.encode_question(text)
        assert embedder._question_encoder, "the ONNX copy was not used"
        reference = torch_only.encode([text])[0]
        assert fast.shape == (384,) and fast.dtype == np.float32
        assert float(np.abs(fast - reference).max()) < 1e-4, text[:40]
    assert (folder / "all-MiniLM-L6-v2.onnx").is_file()
    assert not list(folder.glob("*.part")), "a temporary export file was left behind"
    # A single passage at ingest and a batch go through torch, unchanged.
    assert float(np.abs(embedder.encode(TEXTS[:1]) - torch_only.encode(TEXTS[:1])).max()) < 1e-6
    batch = embedder.encode(TEXTS[:2])
    assert float(np.abs(batch - torch_only.encode(TEXTS[:2])).max()) < 1e-5


def test_several_short_texts_in_one_run_match_one_at_a_time(tmp_path_factory, torch_only):
    """A quiz embeds a list's points together: padded to the longest, the vectors are the ones
    each text gets alone, on ONNX and on the torch fallback."""
    for embedder in (MiniLMEmbedder(onnx_dir=tmp_path_factory.mktemp("m")), torch_only):
        together = embedder.encode_questions(TEXTS[:3] + TEXTS[:1])
        embedder.forget_recent()
        alone = [embedder.encode_question(text) for text in TEXTS[:3]]
        assert len(together) == 4 and together[3] is together[0]
        for a, b in zip(together, alone, strict=False):
            assert a.shape == (384,) and float(np.abs(a - b).max()) < 1e-5


def test_a_broken_onnx_copy_falls_back_to_torch_with_a_logged_reason(tmp_path, torch_only, caplog):
    (tmp_path / "all-MiniLM-L6-v2.onnx").write_bytes(b"not a model")
    embedder = MiniLMEmbedder(onnx_dir=tmp_path)
    with caplog.at_level(logging.WARNING, logger="assistant.onnx_question"):
        vector = embedder.encode_question(TEXTS[0])
    assert embedder._question_encoder is False
    assert "questions embedded with torch" in caplog.text
    assert float(np.abs(vector - torch_only.encode([TEXTS[0]])[0]).max()) < 1e-6


def test_an_unwritable_model_folder_falls_back_to_torch(tmp_path, torch_only):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    embedder = MiniLMEmbedder(onnx_dir=blocker / "models")
    vector = embedder.encode_question(TEXTS[1])
    assert embedder._question_encoder is False
    assert float(np.abs(vector - torch_only.encode([TEXTS[1]])[0]).max()) < 1e-6
