"""A quiz topic's words as the documents write them: a trainer types "female genital mutilation"
and the guidance writes "FGM" in most of its sentences on it (or the other way round). The
acronyms come from the documents themselves (assistant/vocabulary.py), so a sentence saying
"FGM" holds the topic's words as fully as one spelling them out."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from assistant.text import tokenize


@dataclass(frozen=True)
class TopicWords:
    text: str
    # another way of writing part of the topic (its tokens) -> the topic's tokens it stands for
    aliases: tuple[tuple[frozenset[str], frozenset[str]], ...] = field(default=())

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(tokenize(self.text))

    def held(self, text: str) -> frozenset[str]:
        """The topic's words the text holds, under any of their names."""
        tokens = set(tokenize(text))
        found = set(self.words & tokens)
        for alias, stands_for in self.aliases:
            if alias <= tokens:
                found |= stands_for
        return frozenset(found)

    def share(self, text: str, held: frozenset[str] | None = None) -> float:
        """The part of the topic's words the text holds (`held`: held(text), when known)."""
        words = self.words
        found = self.held(text) if held is None else held
        return len(found) / len(words) if words else 0.0

    def all_in(self, text: str) -> bool:
        return bool(self.words) and self.held(text) >= self.words


def topic_words(topic: str, vocabulary=None) -> TopicWords:
    """The topic with the other names the documents give its phrases (an acronym for a spelled-out
    name, the name for an acronym); `vocabulary`: assistant.vocabulary.Vocabulary, or None."""
    if vocabulary is None:
        return TopicWords(topic)
    words = frozenset(tokenize(topic))
    aliases = []
    for found, added, source in vocabulary.expand(topic).matched:
        if source != "documents":  # practitioner phrasings add search words, not names
            continue
        stands_for = frozenset(tokenize(found)) & words
        for other in added:
            alias = frozenset(tokenize(other))
            if stands_for and alias and not alias <= words:
                aliases.append((alias, stands_for))
    return TopicWords(topic, tuple(aliases))
