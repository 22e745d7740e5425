"""A generated bilingual corpus: Danish and English pages with realistic vocabulary.

Words come from the starter content (site/content, both languages, by frequency), the
glossary in FACTS.md, generated Danish compounds with their inflections
(eksportvirksomhed, mikrovirksomhederne, iværksættermesse …), English inflections
(export, exports, exporting, exported …), and a long tail of rarer generated words, so
term frequencies follow a Zipf-like curve as in real text. Deterministic for a seed.
"""

from __future__ import annotations

import itertools
import random
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parents[2] / "site" / "content"
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_TEXT_KEYS = ("title", "body", "short_definition", "sells", "summary", "overview", "intro")

DA_PREFIXES = [
    "mikro", "eksport", "vækst", "iværksætter", "netværks", "handels", "virksomheds", "markeds", "salgs",
    "kunde", "messe", "børne", "sko", "smykke", "valuta", "told", "webshop", "erhvervs", "forretnings",
    "samarbejds", "rådgivnings", "leverandør", "produkt", "fragt", "design",
]
DA_HEADS = {
    # head: inflected forms
    "virksomhed": ["virksomhed", "virksomheden", "virksomheder", "virksomhederne", "virksomheds"],
    "messe": ["messe", "messen", "messer", "messerne"],
    "strategi": ["strategi", "strategien", "strategier"],
    "kursus": ["kursus", "kurset", "kurser", "kurserne"],
    "partner": ["partner", "partneren", "partnere", "partnerne"],
    "rådgiver": ["rådgiver", "rådgiveren", "rådgivere"],
    "marked": ["marked", "markedet", "markeder", "markederne"],
    "aftale": ["aftale", "aftalen", "aftaler"],
    "kanal": ["kanal", "kanalen", "kanaler"],
    "ejer": ["ejer", "ejeren", "ejere", "ejerne"],
    "vækst": ["vækst", "væksten"],
    "netværk": ["netværk", "netværket", "netværkene"],
    "tøj": ["tøj", "tøjet"],
}
EN_STEMS = {
    "export": ["export", "exports", "exporting", "exported", "exporter", "exporters"],
    "business": ["business", "businesses"],
    "market": ["market", "markets", "marketing", "marketed"],
    "grow": ["grow", "grows", "growing", "growth", "grown"],
    "partner": ["partner", "partners", "partnership", "partnerships"],
    "sell": ["sell", "sells", "selling", "seller", "sellers", "sold"],
    "customer": ["customer", "customers"],
    "ship": ["ship", "ships", "shipping", "shipment", "shipments"],
    "network": ["network", "networks", "networking"],
    "entrepreneur": ["entrepreneur", "entrepreneurs", "entrepreneurial"],
    "enterprise": ["enterprise", "enterprises", "micro-enterprise", "micro-enterprises"],
    "shoe": ["shoe", "shoes"],
    "child": ["child", "children", "childrens"],
    "fair": ["fair", "fairs", "trade"],
}
GLOSSARY = {
    "en": ["micro-business", "micro-enterprise", "small", "business", "entrepreneur", "export", "growth",
           "partnership", "network", "trade", "fair", "market", "south", "america", "shoes", "jewellery",
           "children", "clothes", "exchange", "rate"],
    "da": ["mikrovirksomhed", "lille", "virksomhed", "iværksætter", "eksport", "vækst", "partnerskab", "netværk",
           "messe", "marked", "sydamerika", "sko", "smykker", "børnetøj", "valutakurs"],
}
SYLLABLES = {
    "en": ["ba", "con", "del", "fin", "gra", "hol", "lin", "mar", "nor", "pel", "quin", "ros", "stan", "tel",
           "ver", "wick", "ton", "ley", "ham", "ford", "ing", "er", "ous", "ment", "ate"],
    "da": ["bor", "dal", "fjel", "gård", "hus", "kær", "lund", "mose", "rup", "sted", "strup", "vej", "ø",
           "å", "bæk", "holm", "skov", "bjerg", "havn", "løkke", "ning", "else", "hed", "ene", "erne"],
}
TAGS = {
    "en": ["export", "growth", "network", "micro-business", "trade fair", "online shop", "design", "food",
           "clothing", "jewellery", "logistics", "finance", "strategy", "partnership", "uk", "europe"],
    "da": ["eksport", "vækst", "netværk", "mikrovirksomhed", "messe", "webshop", "design", "fødevarer",
           "tøj", "smykker", "logistik", "finansiering", "strategi", "partnerskab", "danmark", "europa"],
}
COUNTRIES = ["DE", "SE", "NO", "GB", "US", "FR", "ES", "NL", "PL", "JP", "CN", "IT", "FI", "IS", "BR", "AR", "CL",
             "AU", "CA", "IE"]
TYPES = [("definition", 0.3), ("case_study", 0.3), ("article", 0.25), ("market_guide", 0.15)]


def starter_words(language: str) -> Counter:
    counts: Counter = Counter()
    for path in CONTENT_DIR.glob("*/*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8")).get(language, {})
        for key in _TEXT_KEYS:
            value = data.get(key)
            if isinstance(value, str):
                counts.update(word.lower() for word in _WORD.findall(value))
    return counts


def danish_compounds() -> list[str]:
    words = []
    for prefix, forms in itertools.product(DA_PREFIXES, DA_HEADS.values()):
        if prefix.rstrip("s") == forms[0]:
            continue
        words.extend(prefix + form for form in forms)
    return words


def english_forms() -> list[str]:
    return [form for forms in EN_STEMS.values() for form in forms]


def tail_words(language: str, count: int, rng: random.Random) -> list[str]:
    syllables = SYLLABLES[language]
    seen: set[str] = set()
    while len(seen) < count:
        seen.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(seen)


@dataclass
class Vocabulary:
    words: list[str]
    cumulative: list[float] = field(default_factory=list)

    def __post_init__(self):
        total = 0.0
        for rank in range(1, len(self.words) + 1):
            total += 1.0 / rank ** 1.05
            self.cumulative.append(total)

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


def vocabulary(language: str, seed: int = 7) -> Vocabulary:
    rng = random.Random(f"{seed}-{language}")
    ranked = [word for word, _n in starter_words(language).most_common()]
    extra = GLOSSARY[language] + (danish_compounds() if language == "da" else english_forms())
    rng.shuffle(extra)
    words: list[str] = []
    seen: set[str] = set()
    # Interleave: the starter content's frequent words first, compounds and inflections among them.
    for word in itertools.chain.from_iterable(itertools.zip_longest(ranked, extra)):
        if word and word not in seen:
            seen.add(word)
            words.append(word)
    for word in tail_words(language, 6000, rng):
        if word not in seen:
            seen.add(word)
            words.append(word)
    return Vocabulary(words)


@dataclass
class PageSpec:
    kind: str
    language: str
    title: str
    slug: str
    body: str
    fields: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    key: str = ""  # set for planted pages (relevance set)


def _sentence(vocab: Vocabulary, rng: random.Random) -> str:
    words = vocab.sample(rng, rng.randint(6, 16))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _body(vocab: Vocabulary, rng: random.Random, words: int) -> str:
    paragraphs, total = [], 0
    while total < words:
        sentences = [_sentence(vocab, rng) for _ in range(rng.randint(3, 6))]
        paragraph = " ".join(sentences)
        total += paragraph.count(" ") + 1
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def generate(count: int, seed: int = 7) -> list[PageSpec]:
    """count pages, about half Danish and half English, mixed types, 120-260 words each."""
    rng = random.Random(seed)
    vocabs = {language: vocabulary(language, seed) for language in ("en", "da")}
    kinds = [kind for kind, _w in TYPES]
    weights = [w for _k, w in TYPES]
    pages = []
    for number in range(count):
        language = "da" if number % 2 else "en"
        vocab = vocabs[language]
        kind = rng.choices(kinds, weights)[0]
        title_words = vocab.sample(rng, rng.randint(2, 4))
        title = " ".join(title_words).capitalize()
        spec = PageSpec(
            kind=kind, language=language, title=title, slug=f"bench-{number}",
            body=_body(vocab, rng, rng.randint(120, 260)),
            tags=rng.sample(TAGS[language], rng.randint(0, 3)),
        )
        if kind == "definition":
            spec.fields["short_definition"] = _sentence(vocab, rng)
        elif kind == "case_study":
            spec.fields["sells"] = " ".join(vocab.sample(rng, 4))
            spec.fields["export_markets"] = " ".join(rng.sample(COUNTRIES, rng.randint(1, 5)))
            spec.fields["staff_count"] = rng.randint(1, 9)
        elif kind in ("article", "market_guide"):
            spec.fields["summary"] = _sentence(vocab, rng)
        pages.append(spec)
    return pages


def phrases_from(pages: list[PageSpec], language: str, count: int, rng: random.Random) -> list[str]:
    """Two- and three-word phrases that occur in the generated bodies."""
    found = []
    candidates = [p for p in pages if p.language == language]
    while len(found) < count and candidates:
        words = _WORD.findall(rng.choice(candidates).body)
        if len(words) < 4:
            continue
        start = rng.randrange(len(words) - 3)
        found.append(" ".join(w.lower() for w in words[start:start + rng.choice((2, 3))]))
    return found
