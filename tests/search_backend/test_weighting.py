"""search.backend.weighting (BM25F with per-document rarity, averages over the documents holding a field,
less length normalisation for short fields) and the translations' evidence in search.backend.ranking."""

from math import log

import pytest
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage

from search.backend import ranking
from search.backend.codec import InliningCodec
from search.backend.schema import build_schema
from search.backend.weighting import SHORT_FIELD_B, FieldBM25F

BODY = "ten_body_b1"
SELLS = "ten_sells_b3"
TITLE = "ten_title_b2"
FILLER = " ".join(f"word{n}" for n in range(30))


@pytest.fixture
def searcher(tmp_path):
    index = FileStorage(str(tmp_path)).create().create_index(build_schema())
    writer = index.writer(codec=InliningCodec())
    documents = [
        # key, translation key, fields
        ("a", "g1", {TITLE: "shoes", BODY: f"shoes {FILLER}", SELLS: "children's shoes in leather from a small town"}),
        ("b", "g1", {TITLE: "shoes", BODY: f"shoes {FILLER}"}),
        ("c", "g2", {TITLE: "shoes", BODY: f"shoes {FILLER}"}),
        ("d", "g3", {TITLE: "other", BODY: f"shoes {FILLER}"}),
        ("e", "", {TITLE: "other", BODY: FILLER}),
    ]
    for key, group, texts in documents:
        extra = {"f_translation_key": group} if group else {}
        writer.add_document(key=key, pk=key, **texts, **extra)
    writer.commit()
    with index.searcher(weighting=FieldBM25F()) as opened:
        yield opened


def docnum(searcher, key):
    return searcher.document_number(key=key)


def test_a_words_rarity_is_taken_over_whole_documents(searcher):
    # "shoe" is in one document's sells but in four bodies: it is as common in sells as in the documents.
    scorer = searcher.weighting.scorer(searcher, SELLS, b"shoe")
    assert scorer.idf == pytest.approx(log(5 / (4 + 1)) + 1)
    assert scorer.idf < searcher.idf(SELLS, b"shoe")  # Whoosh's own, per field


def test_a_fields_average_length_counts_the_documents_that_have_it(searcher):
    scorer = searcher.weighting.scorer(searcher, SELLS, b"shoe")
    assert scorer.avgfl == pytest.approx(searcher.field_length(SELLS) / 1)  # one document has sells
    assert scorer.avgfl > searcher.avg_field_length(SELLS)  # Whoosh divides by all five


def test_short_fields_are_normalised_less_than_long_ones(searcher):
    assert searcher.weighting.scorer(searcher, TITLE, b"shoe").B == SHORT_FIELD_B
    assert searcher.weighting.scorer(searcher, BODY, b"shoe").B == searcher.weighting.B


def test_the_ranking_module_scores_as_whoosh_does_with_this_weighting(searcher):
    query = wq.Or([wq.Term(TITLE, "shoe", boost=2.0), wq.Term(BODY, "shoe"), wq.Term(SELLS, "shoe", boost=3.0)])
    whoosh = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    allowed = ranking.allowed_mask(set(range(searcher.doc_count_all())), searcher.doc_count_all())
    evaluation = ranking._Evaluation(searcher)
    found = evaluation.dense(evaluation.scores(query))
    assert {int(d): pytest.approx(found.scores[d]) for d in found.mask.nonzero()[0]} == whoosh
    docs, scores = ranking.matching(searcher, query, allowed)
    assert set(docs) == set(whoosh)


def test_a_page_matched_in_both_languages_gains_its_translations_score(searcher):
    query = wq.Or([wq.Term(TITLE, "shoe", boost=2.0), wq.Term(BODY, "shoe")])
    allowed = ranking.allowed_mask(set(range(searcher.doc_count_all())), searcher.doc_count_all())
    evaluation = ranking._Evaluation(searcher)
    plain = evaluation.dense(evaluation.scores(query)).scores
    docs, scores = ranking.matching(searcher, query, allowed)
    by_doc = dict(zip(docs.tolist(), scores.tolist(), strict=True))
    a, b, c, d = (docnum(searcher, key) for key in "abcd")
    assert by_doc[b] == pytest.approx(plain[b] + ranking.TRANSLATION_SHARE * plain[a])
    assert by_doc[a] == pytest.approx(plain[a] + ranking.TRANSLATION_SHARE * plain[b])
    # "c" matches as well as "b" on its own, but its group has no other version: "b" comes first.
    assert plain[b] == pytest.approx(plain[c]) and by_doc[b] > by_doc[c]
    assert by_doc[c] == pytest.approx(plain[c]) and by_doc[d] == pytest.approx(plain[d])


def test_a_translation_that_is_not_allowed_adds_nothing(searcher):
    query = wq.Term(TITLE, "shoe")
    a, b = docnum(searcher, "a"), docnum(searcher, "b")
    allowed = ranking.allowed_mask({b}, searcher.doc_count_all())  # e.g. a language filter
    docs, scores = ranking.matching(searcher, query, allowed)
    evaluation = ranking._Evaluation(searcher)
    assert docs.tolist() == [b] and scores[0] == pytest.approx(evaluation.dense(evaluation.scores(query)).scores[b])
    assert a not in docs.tolist()


def test_the_schema_names_each_glob_field_as_whoosh_does_and_pickles_without_its_memo():
    import pickle

    from whoosh import fields as wf

    schema = build_schema()
    for name in (TITLE, "pda_body_b1", "aen_title", "f_locale_id", "key"):
        assert schema[name] is wf.Schema.__getitem__(schema, name)  # Whoosh's own lookup
        assert schema[name] is schema[name]
    assert TITLE in schema.__dict__["_resolved_names"]
    with pytest.raises(KeyError):
        schema["no_such_field"]
    assert "no_such_field" not in schema and TITLE in schema
    assert "_resolved_names" not in pickle.loads(pickle.dumps(schema)).__dict__  # noqa: S301 - our own bytes
