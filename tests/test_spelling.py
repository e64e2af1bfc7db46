"""Typos mended from the index's own words, and real words the index lacks left alone."""

from assistant.spelling import Speller, edit_distance
from assistant.text import tokenize

INDEX = (
    "A boy was stabbed. It was stated. It was stated again. "
    "The designated safeguarding lead should share the child protection file with the new school "
    "or college. Referrals to children's social care follow the local process. Reading the records "
    "helps. A flag on the file."
)


def speller(*texts: str) -> Speller:
    known = {t for text in texts for t in tokenize(text)}
    return Speller(lambda: texts, known.__contains__)


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("safegaurding", "safeguarding", 2) == 1
    assert edit_distance("scool", "school", 2) == 1
    assert edit_distance("refferal", "referral", 2) == 2
    assert edit_distance("redoing", "reading", 1) == 2  # over the limit: reported as limit + 1


def test_a_typo_is_mended_to_the_index_s_word():
    s = speller(INDEX)
    assert s.mend("safegaurding") == "safeguarding"
    assert s.mend("scool") == "school"
    assert s.mend("refferals") == "referrals"  # two edits in a long word
    assert s.mend("school") is None  # known
    # a double letter typed single: 'stabbed', though 'stated' (one letter changed) is commoner
    assert s.mend("stabed") == "stabbed"
    assert (
        s.correct("can I share the safegaurding file with the new scool?")
        == "can I share the safeguarding file with the new school?"
    )


def test_a_real_word_the_index_lacks_is_not_taken_for_a_typo():
    s = speller(INDEX)
    assert s.mend("redoing") is None  # two letters from 'reading', and only seven long
    assert s.mend("flat") is None  # short words are one letter from many others ('flag')
    assert s.correct("Is the flat on Brixton Hill safe?") == "Is the flat on Brixton Hill safe?"
    assert s.unseen("reunion") and not s.unseen("scool") and not s.unseen("school")


def test_a_name_inside_a_sentence_is_not_mended_but_a_sentence_s_first_word_is():
    s = speller(INDEX)
    assert s.correct("Does Scool Lane school share files?") == "Does Scool Lane school share files?"
    assert s.correct("Scool files: who shares them?") == "School files: who shares them?"
