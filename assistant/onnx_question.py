"""The question path of all-MiniLM-L6-v2 on ONNX Runtime: one short text in 9-10 ms instead of
torch's 17-18 ms (measured on the 111 development questions), which is most of
an answer's time. The same weights, exported once from the loaded sentence-transformers model
into a local file, checked against torch before use (max difference measured 1.3e-7); passages
are still embedded by torch at ingest. Anything that fails here leaves torch in charge."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
PROBE = "A health visitor is worried about a baby's weight: who should she tell?"
TOLERANCE = 1e-4  # cosine space: far below any difference retrieval could notice
OPSET = 17
# Two threads per run, not spinning between runs: on the 111 development questions a question
# takes 9-10 ms median (13-15 ms p95) against 12-13 (19-20) on one thread, and four questions at
# once still cost 7 ms each as on one thread (measured on these 2-core machines). Spinning threads
# were faster alone (8 ms) but slower four at once (8-9 ms each).
QUESTION_THREADS = min(2, os.cpu_count() or 1)


class OnnxQuestionEncoder:
    """Mean-pooled, normalised all-MiniLM-L6-v2 vectors for single texts."""

    def __init__(self, session, tokenizer, max_length: int) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._max_length = max_length

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode_many([text])

    def encode_many(self, texts: list[str]) -> np.ndarray:
        """A few short texts in one run (padded to the longest; the mask keeps padding out of the
        mean): a quiz embeds a list's points together instead of one run each."""
        # padding=True as sentence-transformers asks for it: the fast tokenizer is shared with the
        # torch path, and a call with other settings changes its state under a concurrent one.
        features = self._tokenizer(
            list(texts),
            return_tensors="np",
            padding=True,
            truncation=True,
            max_length=self._max_length,
        )
        hidden = self._session.run(
            None, {name: features[name].astype(np.int64) for name in INPUTS}
        )[0]
        mask = features["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def load_question_encoder(model, folder: Path, torch_encode) -> OnnxQuestionEncoder | None:
    """Export (first time only) and open the ONNX copy of `model`; None, with a logged reason,
    when ONNX cannot be used or disagrees with torch (`torch_encode(texts)` gives the reference)."""
    path = Path(folder) / "all-MiniLM-L6-v2.onnx"
    try:
        if not path.exists():
            _export(model, path)
        encoder = OnnxQuestionEncoder(_session(path), model.tokenizer, int(model.max_seq_length))
        difference = float(np.abs(encoder.encode_one(PROBE) - torch_encode([PROBE])).max())
    except Exception as exc:  # a missing package, a read-only folder, an exporter change
        log.warning("questions embedded with torch: the ONNX copy is unavailable (%s)", exc)
        return None
    if difference > TOLERANCE:
        log.warning("questions embedded with torch: the ONNX copy differs by %.2g", difference)
        return None
    return encoder


def _session(path: Path):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = QUESTION_THREADS
    options.inter_op_num_threads = 1
    # a pool thread that spins waiting for the next run holds a core another question needs
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _export(model, path: Path) -> None:
    """Write the transformer of `model` to `path` atomically (a temp file, then a rename), so two
    processes exporting at once each leave a whole file."""
    import torch

    class Transformer(torch.nn.Module):
        def __init__(self, bert) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    bert = model[0].auto_model
    example = model.tokenizer([PROBE], return_tensors="pt")
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".onnx.part")
    os.close(handle)
    try:
        import warnings

        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Transformer(bert).eval(),
                tuple(example[name] for name in INPUTS),
                temp,
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
