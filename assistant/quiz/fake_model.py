"""A fake quiz-writing model for tests: its first try at each passage is wrong (an answer the
passage does not hold), its second is a fair question built from the passage's own sentence, so
the check-drop-rewrite loop has something to do."""

from __future__ import annotations

import json
import re

from assistant.text import split_sentences

WRONG = (
    "Only the police can decide whether it is shared.",
    "It can be shared only after a court has agreed.",
    "It must wait until both parents have signed a consent form.",
)


class FakeQuizModel:
    name = "fake"

    def chat(self, messages: list[dict[str, str]]) -> str:
        prompt = messages[-1]["content"]
        found = re.search(r"PASSAGE \(.*?\):\n(.*)\nEND PASSAGE", prompt, re.DOTALL)
        passage = found.group(1) if found else ""
        sentences = [
            s for s in split_sentences(passage) if 6 <= len(s.split()) <= 30 and s[:1].isupper()
        ]
        sentence = max(sentences, key=len) if sentences else "Nothing."
        retry = "previous question was rejected" in prompt
        answer = sentence if retry else "Every council must open a dragon sanctuary."
        return json.dumps(
            {
                "scenario": "Sam is a family support worker. A parent mentions worries about a neighbour's child. "
                "Sam must decide what the guidance expects.",
                "question": "Which statement does the guidance make?",
                "options": [answer, *WRONG],
                "answer_index": 0,
                "quote": sentence,
            }
        )
