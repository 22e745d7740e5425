"""The relevance set: queries with the pages that should come first, written by us.

Pages are named "<lang>/<slug>" (starter content, site/content) or "planted:<name>"
(pages planted in every bench corpus, below). The first page listed is the best
answer (grade 2), the others are also right (grade 1). Metrics: MRR (first right
page in the top 10) and nDCG@10.
"""

from __future__ import annotations

import math

from .corpus import PageSpec

PLANTED = [
    PageSpec("definition", "da", "Eksportvirksomhed", "planted-eksportvirksomhed",
             "En eksportvirksomhed sælger varer eller tjenester til kunder i udlandet. Mange eksportvirksomheder "
             "er små: en mikrovirksomhed med få ansatte kan sagtens være en eksportvirksomhed.",
             {"short_definition": "En virksomhed, der sælger til udlandet."}, ["eksport"], "eksportvirksomhed"),
    PageSpec("article", "da", "Iværksættermesse i Århus", "planted-ivaerksaettermesse-aarhus",
             "Til efteråret holdes en iværksættermesse i Århus for nye iværksættere og mikrovirksomheder. "
             "Messen i Århus samler rådgivere, konkolleger og investorer.",
             {"summary": "En messe for iværksættere i Århus."}, ["messe"], "ivaerksaettermesse-aarhus"),
    PageSpec("case_study", "da", "Børnesko fra Næstved", "planted-boernesko-naestved",
             "En lille virksomhed i Næstved syr børnesko i læder og sælger dem via sin webshop til Sverige og Tyskland.",
             {"sells": "Børnesko i læder", "export_markets": "SE DE", "staff_count": 2}, ["sko"], "boernesko-naestved"),
    PageSpec("definition", "da", "Valutakurs", "planted-valutakurs",
             "Valutakursen er prisen på én valuta målt i en anden. Svingende valutakurser er en risiko for eksportører.",
             {"short_definition": "Prisen på en valuta i en anden valuta."}, ["finansiering"], "valutakurs"),
    PageSpec("definition", "en", "Exchange rate", "planted-exchange-rate",
             "The exchange rate is the price of one currency in another. Exchange rates that move make prices "
             "abroad uncertain for a small exporter.",
             {"short_definition": "The price of one currency in terms of another."}, ["finance"], "exchange-rate"),
    PageSpec("article", "da", "Mikrovirksomheders vækstmuligheder", "planted-mikrovirksomheders-vaekst",
             "Mikrovirksomheder kan vokse gennem eksport. Artiklen ser på, hvordan mikrovirksomheder finder "
             "nye markeder og eksportkunder.",
             {"summary": "Hvordan mikrovirksomheder vokser gennem eksport."}, ["vækst", "eksport"],
             "mikrovirksomheders-vaekst"),
    PageSpec("case_study", "en", "Nordic Knitwear", "planted-nordic-knitwear",
             "Nordic Knitwear makes knitted sweaters by hand and ships them to customers in Japan and Canada.",
             {"sells": "Knitted sweaters", "export_markets": "JP CA", "staff_count": 3}, ["clothing"], "nordic-knitwear"),
    PageSpec("case_study", "da", "Smykkeværksted i Skagen", "planted-smykkevaerksted-skagen",
             "Et smykkeværksted i Skagen laver håndlavede smykker af rav og sølv og sælger smykkerne til turister "
             "og til butikker i Norge.",
             {"sells": "Håndlavede smykker af rav", "export_markets": "NO", "staff_count": 2}, ["smykker"],
             "smykkevaerksted-skagen"),
    PageSpec("article", "en", "Export strategy for micro-enterprises", "planted-export-strategy",
             "A micro-enterprise that exports by accident can still write an export strategy: choose markets, "
             "price in the customer's currency and find partners.",
             {"summary": "Moving from reactive to planned exporting."}, ["strategy", "export"], "export-strategy"),
    PageSpec("article", "da", "Netværksgrupper for konkolleger", "planted-netvaerksgrupper",
             "I en netværksgruppe mødes konkolleger for at dele erfaringer om eksport og finde partnere. "
             "Netværket gør det lettere at gå sammen om en stand på en messe.",
             {"summary": "Netværk blandt konkolleger."}, ["netværk", "partnerskab"], "netvaerksgrupper"),
    PageSpec("article", "en", "Customs and logistics for small exporters", "planted-customs-logistics",
             "Customs paperwork and logistics are where many small exporters lose time: incoterms, tariffs, "
             "couriers and returns.",
             {"summary": "Customs, duties and shipping for small exporters."}, ["logistics"], "customs-logistics"),
]

_FAIR_EN = "en/ivaerksaettermessen06-micro-business-wiki"
_FAIR_DA = "da/ivaerksaettermessen06-mikrovirksomhedernes-wiki"

# (query, kind, [expected pages, best first][, the reader's language])
QUERIES: list[tuple] = [
    # English
    ("micro-business", "en", ["en/micro-business", "da/mikrovirksomhed"]),
    ("micro-multinational", "en", ["en/micro-multinational", "da/mikromultinational"]),
    ("reactive exporting", "en", ["en/reactive-exporting", "da/reaktiv-eksport"]),
    ("gazelle", "en", ["en/gazelle-company", "da/gazellevirksomhed"]),
    ("growth entrepreneur", "en", ["en/growth-entrepreneur", "da/vaekstivaerksaetter"]),
    ("co-competitor", "en", ["en/konkollega", "da/konkollega"]),
    ("barriers to exporting", "en", ["en/barriers-to-exporting", "da/eksportbarrierer"]),
    ("children's shoes", "en", ["en/happy-little-soles", "da/happy-little-soles", "planted:boernesko-naestved"]),
    ("organic baby clothes", "en", ["en/piccalilly", "da/piccalilly"]),
    ("handmade jewellery", "en", ["en/uv-angel", "da/uv-angel", "planted:smykkevaerksted-skagen"]),
    ("South America", "en", ["en/south-america", "da/sydamerika"]),
    ("trade fair Copenhagen", "en", [_FAIR_EN, _FAIR_DA]),
    ("customs logistics", "en", ["planted:customs-logistics", "en/south-america"]),
    ("knitted sweaters Japan", "en", ["planted:nordic-knitwear"]),
    ("exporting", "en", ["en/reactive-exporting", "en/barriers-to-exporting", "planted:export-strategy"]),
    ("businesses", "en", ["en/micro-business"]),
    ("EU definition staff turnover", "en", ["en/micro-business", "da/mikrovirksomhed"]),
    # Danish
    ("mikrovirksomhed", "da", ["da/mikrovirksomhed", "en/micro-business"]),
    ("mikrovirksomheder eksport", "da",
     ["planted:mikrovirksomheders-vaekst", "da/mikrovirksomhed", "da/mikromultinational"]),
    ("reaktiv eksport", "da", ["da/reaktiv-eksport", "en/reactive-exporting"]),
    ("vækstiværksætter", "da", ["da/vaekstivaerksaetter", "en/growth-entrepreneur"]),
    ("konkolleger", "da", ["da/konkollega", "en/konkollega", "planted:netvaerksgrupper"]),
    ("eksportbarrierer", "da", ["da/eksportbarrierer", "en/barriers-to-exporting"]),
    ("børnetøj", "da", ["da/piccalilly"]),
    ("smykker", "da", ["da/uv-angel", "planted:smykkevaerksted-skagen"]),
    ("Sydamerika", "da", ["da/sydamerika", "en/south-america"]),
    ("valutakurs", "da", ["planted:valutakurs", "planted:exchange-rate"]),
    # Compounds (a part finds the compound)
    ("iværksætter", "compound", ["da/vaekstivaerksaetter", "planted:ivaerksaettermesse-aarhus", _FAIR_DA]),
    ("iværksættermesse", "compound", ["planted:ivaerksaettermesse-aarhus", _FAIR_DA]),
    ("virksomhed", "compound", ["da/mikrovirksomhed", "planted:eksportvirksomhed", "da/gazellevirksomhed"]),
    ("eksportvirksomhed", "compound", ["planted:eksportvirksomhed"]),
    ("sko", "compound", ["da/happy-little-soles", "planted:boernesko-naestved"]),
    # Danish typed in ASCII
    ("Aarhus", "ascii", ["planted:ivaerksaettermesse-aarhus"]),
    ("Århus", "ascii", ["planted:ivaerksaettermesse-aarhus"]),
    ("boernetoej", "ascii", ["da/piccalilly"]),
    ("vaekstivaerksaetter", "ascii", ["da/vaekstivaerksaetter", "en/growth-entrepreneur"]),
    ("Naestved", "ascii", ["planted:boernesko-naestved"]),
    ("smykkevaerksted", "ascii", ["planted:smykkevaerksted-skagen"]),
    # Typos
    ("mikrovirksomhd", "typo", ["da/mikrovirksomhed", "en/micro-business"]),
    ("piccalily", "typo", ["en/piccalilly", "da/piccalilly"]),
    ("entreprenuer", "typo", ["en/growth-entrepreneur", "da/vaekstivaerksaetter"]),
    ("konkolega", "typo", ["da/konkollega", "en/konkollega"]),
    ("jewelery", "typo", ["en/uv-angel", "da/uv-angel"]),
    # Synonyms and mixed languages
    ("micro-enterprise", "synonym", ["en/micro-business", "da/mikrovirksomhed"]),
    ("shoes", "synonym", ["en/happy-little-soles", "da/happy-little-soles", "planted:boernesko-naestved"]),
    ("sko children", "mixed", ["en/happy-little-soles", "da/happy-little-soles"]),
    ("export eksport strategi", "mixed", ["planted:export-strategy", "en/reactive-exporting", "da/reaktiv-eksport"]),
    ("network netværk", "mixed", ["planted:netvaerksgrupper", "da/konkollega", "en/konkollega"]),
    ("entrepreneur", "synonym", ["en/growth-entrepreneur", "da/vaekstivaerksaetter"]),
    ("jewellery", "synonym", ["en/uv-angel", "da/uv-angel", "planted:smykkevaerksted-skagen"]),
    # Danish compounds the pages do not write (or write once): found by their parts
    ("børnetøjsfirma", "compound", ["da/piccalilly"]),
    ("smykkefirma", "compound", ["da/uv-angel", "planted:smykkevaerksted-skagen"]),
    ("eksportmikrovirksomheder", "compound", ["da/mikrovirksomhed", "planted:mikrovirksomheders-vaekst",
                                              "planted:eksportvirksomhed"]),
    ("smykkeværkstedet", "compound", ["planted:smykkevaerksted-skagen"]),
    # Typos through the API (/api/v2/pages/?search=…, its first 10 items), in either language
    ("Picalilly", "api typo", ["en/piccalilly", "da/piccalilly"]),
    ("jewelery", "api typo", ["en/uv-angel", "da/uv-angel"]),
    ("mikrovirksomhd", "api typo", ["da/mikrovirksomhed", "en/micro-business"]),
    ("Sydamerka", "api typo", ["da/sydamerika", "en/south-america"]),
    ("konkolega", "api typo", ["da/konkollega", "en/konkollega"]),
    # The reader's language: only the page in the reader's language is right
    ("pikalilly", "reader", ["da/piccalilly"], "da"),
    ("Piccalilly", "reader", ["da/piccalilly"], "da"),
    ("children's shoes", "reader", ["da/happy-little-soles"], "da"),
    ("mikrovirksomhed", "reader", ["en/micro-business"], "en"),
    ("smykker", "reader", ["en/uv-angel"], "en"),
    ("reaktiv eksport", "reader", ["en/reactive-exporting"], "en"),
]

# Kinds ranked as a Danish reader's search page ranks them (the others as an English reader's).
DANISH_KINDS = frozenset({"da", "compound", "ascii"})


def reader_language(entry: tuple) -> str:
    """The language of the search page a query is asked on: its own, or by its kind."""
    if len(entry) > 3:
        return entry[3]
    return "da" if entry[1] in DANISH_KINDS else "en"


def dcg(grades: list[float]) -> float:
    return sum(grade / math.log2(position + 2) for position, grade in enumerate(grades))


def score(ranked: list[str], expected: list[str], k: int = 10) -> tuple[float, float]:
    """(reciprocal rank, nDCG@k) of a ranked list of page names against the expected ones."""
    grades = {name: (2.0 if index == 0 else 1.0) for index, name in enumerate(expected)}
    top = ranked[:k]
    reciprocal = next((1.0 / (position + 1) for position, name in enumerate(top) if name in grades), 0.0)
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    ndcg = dcg([grades.get(name, 0.0) for name in top]) / ideal if ideal else 0.0
    return reciprocal, ndcg
