"""Sentence splitting lives in assistant/text.py; this name stays for the quiz modules that still
import it from here."""

from assistant.text import split_sentences

__all__ = ["split_sentences"]
