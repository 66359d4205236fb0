"""Suggested themes for free-text answers: TF-IDF weights of words and two-word phrases,
factorised with non-negative matrix factorisation (scikit-learn's NMF).

NMF suits consultation answers better than clustering: each answer gets a weight for every
theme, so an answer about "more police and better street lighting" can carry both themes,
and each theme is described by its heaviest words. The result is only a suggestion; a
person renames, merges, splits and reassigns (ADR 0008).
"""

from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

# Words every consultation answer uses and no theme is about.
CONSULTATION_STOP_WORDS = {
    "think",
    "feel",
    "need",
    "needs",
    "like",
    "would",
    "could",
    "should",
    "really",
    "just",
    "people",
    "area",
    "areas",
    "partnership",
    "lot",
    "things",
    "thing",
    "make",
    "sure",
    "good",
    "better",
    "also",
    "get",
    "got",
    "know",
    "dont",
    "don",
    "im",
    "ive",
    "etc",
}
STOP_WORDS = list(ENGLISH_STOP_WORDS | CONSULTATION_STOP_WORDS)
# An answer carries every theme whose weight is at least this share of its heaviest theme.
SECOND_THEME_SHARE = 0.5
TOP_WORDS = 6
WORD = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"  # words of two letters or more; no numbers
EXAMPLES = 3


@dataclass(frozen=True)
class SuggestedTheme:
    name: str
    top_words: list[str]
    members: list[int]  # indexes into the answers given
    examples: list[int]  # the members that weigh most in it, best first


def _top_terms(weights: np.ndarray, features: np.ndarray) -> list[str]:
    """The heaviest terms, leaving out a word already inside a chosen phrase."""
    chosen: list[str] = []
    for index in weights.argsort()[::-1]:
        if weights[index] <= 0 or len(chosen) == TOP_WORDS:
            break
        term = str(features[index])
        if any(term in other.split() or other in term.split() for other in chosen):
            continue
        chosen.append(term)
    return chosen


def _name(top_words: list[str], vocabulary) -> str:
    """The heaviest term, joined to the next where they make a phrase the answers use:
    "lighting" + "street" → "Street lighting", "anti social" + "social behaviour" or
    "anti" + "social behaviour" → "Anti social behaviour"."""
    if not top_words:
        return ""
    name = top_words[0]
    for other in top_words[1:3]:
        if f"{other} {name}" in vocabulary:
            name = f"{other} {name}"
        elif f"{name} {other}" in vocabulary:
            name = f"{name} {other}"
        elif name.split()[-1] == other.split()[0] and " " in name + other:
            name = " ".join([*name.split(), *other.split()[1:]])
        elif other.split()[-1] == name.split()[0] and " " in name + other:
            name = " ".join([*other.split()[:-1], *name.split()])
        elif " " in other and f"{name} {other.split()[0]}" in vocabulary:
            name = f"{name} {other}"  # "anti" + "social behaviour"
        elif " " in other and f"{other.split()[-1]} {name}" in vocabulary:
            name = f"{other} {name}"
        else:
            continue
        break
    # "anti social" + "behaviour": carry on into a third word where the answers do.
    last = name.split()[-1]
    for other in top_words[1:4]:
        if other not in name and f"{last} {other}" in vocabulary and " " in name:
            name = f"{name} {other}"
            break
    return name.capitalize()


def suggest_themes(texts: list[str], count: int) -> list[SuggestedTheme]:
    """About `count` themes for `texts` (fewer when there are too few answers or words).
    Deterministic: the same answers give the same themes."""
    vectorizer = TfidfVectorizer(
        stop_words=STOP_WORDS,
        ngram_range=(1, 2),
        min_df=2 if len(texts) >= 50 else 1,
        max_df=0.5 if len(texts) >= 50 else 1.0,
        sublinear_tf=True,
        token_pattern=WORD,
        max_features=20_000,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no words left at all (answers such as "n/a", "no")
        return []
    components = max(1, min(count, matrix.shape[0], matrix.shape[1]))
    model = NMF(n_components=components, init="nndsvda", random_state=0, max_iter=400)
    weights = model.fit_transform(matrix)
    features = vectorizer.get_feature_names_out()
    vocabulary = vectorizer.vocabulary_
    heaviest = weights.max(axis=1)
    themes = []
    for theme in range(components):
        column = weights[:, theme]
        members = np.flatnonzero((column > 0) & (column >= SECOND_THEME_SHARE * heaviest))
        if len(members) == 0:
            continue
        top_words = _top_terms(model.components_[theme], features)
        examples = members[np.argsort(column[members])[::-1][:EXAMPLES]]
        themes.append(
            SuggestedTheme(
                name=_name(top_words, vocabulary) or f"Theme {theme + 1}",
                top_words=top_words,
                members=[int(m) for m in members],
                examples=[int(e) for e in examples],
            )
        )
    # Biggest first, as a person would read them.
    return sorted(themes, key=lambda t: (-len(t.members), t.name))
