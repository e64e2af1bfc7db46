"""A quiz topic's words as the documents write them: a trainer types "female genital mutilation"
and the guidance writes "FGM" in most of its sentences on it (or the other way round). The
acronyms come from the documents themselves (assistant/vocabulary.py), so a sentence saying
"FGM" holds the topic's words as fully as one spelling them out.

A topic's words weigh by how rare they are in the index: in "the voice of the child", "child"
is in nearly every passage and says nothing about what one is about, so a sentence holding only
"child" holds little of the topic, not half of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.text import tokenize

MIN_WEIGHT = 0.1  # a word in every passage still counts for a little
# a hyphenated phrase of the topic ('child-on-child', 'honour-based'), written with or without its
# hyphens (or with quotes around a part) in a text
COMPOUND = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b", re.IGNORECASE)


@dataclass(frozen=True)
class TopicWords:
    text: str
    # another way of writing part of the topic (its tokens) -> the topic's tokens it stands for
    aliases: tuple[tuple[frozenset[str], frozenset[str]], ...] = field(default=())
    # each word's weight (its inverse document frequency over the index); a word not listed weighs 1
    weights: tuple[tuple[str, float], ...] = field(default=())

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(tokenize(self.text))

    @cached_property
    def compounds(self) -> dict[str, re.Pattern]:
        """The topic's hyphenated phrases, each with how a text may write it: 'child-on-child abuse'
        is about what 'child' and 'abuse' apart are not (a text holding the phrase holds it under
        its own name, as held() reports it)."""
        return {
            phrase.lower(): re.compile(
                # 'honour-based', 'honour based', "so-called 'honour'-based"
                r"\b"
                + r"[\s'‘’\"“”-]{0,3}".join(map(re.escape, phrase.lower().split("-")))
                + r"\b",
                re.IGNORECASE,
            )
            for phrase in COMPOUND.findall(self.text)
        }

    def held(self, text: str) -> frozenset[str]:
        """The topic's words the text holds, under any of their names, and its hyphenated phrases."""
        tokens = set(tokenize(text))
        found = set(self.words & tokens)
        for alias, stands_for in self.aliases:
            if alias <= tokens:
                found |= stands_for
        found |= {phrase for phrase, written in self.compounds.items() if written.search(text)}
        return frozenset(found)

    def share(self, text: str, held: frozenset[str] | None = None) -> float:
        """The part of the topic's words the text holds, each word weighed by its rarity (`held`:
        held(text), when known)."""
        words = self.words
        found = self.held(text) if held is None else held
        weight = dict(self.weights)
        total = sum(weight.get(w, 1.0) for w in words)
        return sum(weight.get(w, 1.0) for w in found & words) / total if total else 0.0

    @cached_property
    def subjects(self) -> frozenset[str]:
        """The rarest word of each part of the topic ('record' of 'recording safeguarding concerns';
        'plan' and 'core' of 'child protection plans and core groups'), when the words are weighed
        by rarity; a part's hyphenated phrase instead, weighed or not ('child-on-child' of
        'child-on-child abuse')."""
        weight = dict(self.weights)
        subjects = set()
        for part in re.split(r",|&|\band\b|\bor\b", self.text):
            # a hyphenated phrase is its part's subject: 'child-on-child', not 'abuse'
            phrases = [p.lower() for p in COMPOUND.findall(part)]
            words = tokenize(part)
            if phrases:
                subjects.update(phrases)
            elif weight and words:
                subjects.add(max(words, key=weight.get))
        return frozenset(subjects)

    def names_subject(self, text: str) -> bool:
        """The text holds one of the topic's subjects (always, when there are none)."""
        return not self.subjects or bool(self.held(text) & self.subjects)

    def all_in(self, text: str) -> bool:
        return bool(self.words) and self.held(text) >= self.words | self.compounds.keys()


def topic_words(topic: str, vocabulary=None, idf=None) -> TopicWords:
    """The topic with the other names the documents give its phrases (an acronym for a spelled-out
    name, the name for an acronym); `vocabulary`: assistant.vocabulary.Vocabulary, or None; `idf`:
    a word's inverse document frequency over the index (its weight), or None (every word alike)."""
    words = frozenset(tokenize(topic))
    weights = tuple(sorted((w, max(float(idf(w)), MIN_WEIGHT)) for w in words)) if idf else ()
    if vocabulary is None:
        return TopicWords(topic, weights=weights)
    aliases = []
    for found, added, source in vocabulary.expand(topic).matched:
        if source != "documents":  # practitioner phrasings add search words, not names
            continue
        stands_for = frozenset(tokenize(found)) & words
        for other in added:
            alias = frozenset(tokenize(other))
            if stands_for and alias and not alias <= words:
                aliases.append((alias, stands_for))
    return TopicWords(topic, tuple(aliases), weights)
