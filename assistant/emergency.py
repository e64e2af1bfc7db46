"""The emergency check: does the question describe a child at immediate risk?

Two signals, either is enough:
- the wording rules in assistant/safety.py (acute harm told as a here-and-now situation);
- meaning: for a question about a particular child (not a general or procedural one), its
  embedding is compared with hand-written examples (assistant/data/emergency_examples.yaml); it
  counts when its nearest emergency examples are clearly closer than its nearest ordinary ones. This catches what no word list foresees
  ("the baby is floppy and grey and mum is asleep").

The meaning check runs only with a real sentence embedder (the fake one used in unit tests has no
meaning)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from assistant.safety import describes_emergency, is_general_question, is_procedural

EXAMPLES = Path(__file__).resolve().parent / "data" / "emergency_examples.yaml"
NEAREST = 3  # examples averaged on each side
MARGIN = 0.10  # how much closer to the emergency examples a question must be
FLOOR = 0.36  # and how close to them at all


class EmergencyDetector:
    def __init__(
        self, embedder, examples: Path = EXAMPLES, margin: float = MARGIN, floor: float = FLOOR
    ):
        self.embedder = embedder
        self.examples = examples
        self.margin = margin
        self.floor = floor
        self._vectors: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def uses_meaning(self) -> bool:
        return getattr(self.embedder, "name", "").startswith("fake") is False

    def _example_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        if self._vectors is None:
            data = yaml.safe_load(self.examples.read_text(encoding="utf-8"))
            self._vectors = (
                self.embedder.encode(data["emergency"]),
                self.embedder.encode(data["ordinary"]),
            )
        return self._vectors

    def scores(self, question: str) -> tuple[float, float]:
        """Mean cosine similarity of the question to its nearest emergency and ordinary examples."""
        emergency, ordinary = self._example_vectors()
        vector = self.embedder.encode_question(question)
        return _nearest_mean(emergency @ vector), _nearest_mean(ordinary @ vector)

    def by_meaning(self, question: str) -> bool:
        """Only for a question about a particular child (not a general or procedural one)."""
        if is_general_question(question) or is_procedural(question):
            return False
        emergency, ordinary = self.scores(question)
        return emergency >= self.floor and emergency - ordinary >= self.margin

    def __call__(self, question: str) -> bool:
        if describes_emergency(question):
            return True
        return self.uses_meaning and self.by_meaning(question)


def _nearest_mean(similarities: np.ndarray) -> float:
    return float(np.sort(similarities)[-NEAREST:].mean())
