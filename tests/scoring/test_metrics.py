"""Tests for quoteattr.scoring.metrics, with hand-written offsets."""

from __future__ import annotations

from quoteattr.schema import Article, Attribution, Span
from quoteattr.scoring.metrics import format_scores, match_attributions, score, trim

LETTERS = "abcdefghijklmnopqrstuvwxyz"  # nothing to trim: offsets are compared as written


def att(text: str, quote, cue=None, speaker=None) -> Attribution:
    """An attribution from ``(start, end)`` pairs; ``quote`` may be one pair or a list."""
    pieces = [quote] if isinstance(quote[0], int) else quote
    return Attribution(
        quote=tuple(Span.of(text, s, e) for s, e in pieces),
        cue=Span.of(text, *cue) if cue else None,
        speaker=Span.of(text, *speaker) if speaker else None,
    )


def test_trim():
    assert trim('  "Hello," ', 0, 11) == (3, 8)
    assert trim("x (ok) y", 2, 6) == (3, 5)
    assert trim("a ... b", 1, 6) is None
    assert trim("«Bonjour»", 0, 9) == (1, 8)  # Unicode quotation marks are punctuation


def test_perfect_prediction_scores_one_everywhere():
    text = 'Jo said "Hello there." Al said, "Bye," laughing.'
    gold_atts = (
        att(text, (8, 22), cue=(3, 7), speaker=(0, 2)),
        att(text, (32, 38), cue=(26, 30), speaker=(23, 25)),
    )
    assert text[8:22] == '"Hello there."' and text[32:38] == '"Bye,"'
    scores = score([Article("a", text, gold_atts)], {"a": list(gold_atts)})
    for role in ("quote", "cue", "speaker"):
        for kind in ("exact", "overlap"):
            assert scores[role][kind]["f1"] == 1.0, (role, kind)
    assert scores["attribution"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 2,
        "n_pred": 2,
        "n_gold": 2,
    }
    assert scores["attribution+speaker"]["f1"] == 1.0
    assert scores["documents"] == 1 and scores["missing_predictions"] == []


def test_trimming_makes_quote_marks_and_commas_irrelevant():
    text = 'She said "Hello," and left.'
    gold = att(text, (10, 15))  # Hello
    pred = att(text, (9, 17))  # "Hello,"
    assert text[10:15] == "Hello" and text[9:17] == '"Hello,"'
    scores = score([Article("a", text, (gold,))], {"a": [pred]})
    assert scores["quote"]["exact"]["tp"] == 1
    assert scores["quote"]["overlap"]["tp"] == 5
    assert scores["quote"]["overlap"]["n_pred"] == 5


def test_span_that_trims_to_nothing_is_dropped():
    text = 'He said: "Yes." ...'
    gold = att(text, (9, 15), cue=(3, 7))
    pred = att(text, (9, 15), cue=(16, 19))  # cue "..." trims away
    scores = score([Article("a", text, (gold,))], {"a": [pred]})
    assert scores["cue"]["exact"]["n_pred"] == 0
    assert scores["cue"]["overlap"]["n_pred"] == 0
    assert scores["cue"]["exact"]["n_gold"] == 1


def test_half_overlap_threshold():
    gold = [att(LETTERS, (0, 10))]
    assert match_attributions(gold, [att(LETTERS, (5, 15))]) == [(0, 0)]  # 5 of 10: at half
    assert match_attributions(gold, [att(LETTERS, (6, 16))]) == []  # 4 of 10: below
    # the larger side counts: 10 of 20 matches, 10 of 21 does not
    assert match_attributions(gold, [att(LETTERS, (0, 20))]) == [(0, 0)]
    assert match_attributions(gold, [att(LETTERS, (0, 21))]) == []


def test_matching_is_one_to_one_and_greedy_by_overlap():
    gold = [att(LETTERS, (0, 10))]
    preds = [att(LETTERS, (0, 6)), att(LETTERS, (0, 9))]
    assert match_attributions(gold, preds) == [(0, 1)]
    # ties go to the earlier prediction
    assert match_attributions(gold, [att(LETTERS, (0, 8)), att(LETTERS, (2, 10))]) == [(0, 0)]
    scores = score([Article("a", LETTERS, tuple(gold))], {"a": preds})
    assert scores["attribution"]["tp"] == 1
    assert scores["attribution"]["precision"] == 0.5
    assert scores["attribution"]["recall"] == 1.0
    assert scores["attribution"]["f1"] == 0.6667


def test_greedy_takes_the_largest_overlap_first():
    gold = [att(LETTERS, (0, 10)), att(LETTERS, (4, 12))]
    pred = [att(LETTERS, (4, 12))]  # overlaps gold 0 by 6 (>= 5) and gold 1 by 8
    assert match_attributions(gold, pred) == [(1, 0)]


def test_interrupted_quote_extent():
    text = '"I am here," she said, "and staying."'
    pieces = [(0, 12), (23, 37)]
    assert text[0:12] == '"I am here,"' and text[23:37] == '"and staying."'
    gold = att(text, pieces, cue=(17, 21), speaker=(13, 16))
    whole = att(text, (1, 35), cue=(17, 21), speaker=(13, 16))  # I am ... staying
    scores = score([Article("a", text, (gold,))], {"a": [whole]})
    assert scores["quote"]["exact"]["tp"] == 1  # extent 1..35 on both sides
    # overlap uses the pieces: gold covers 9 + 11 characters, the prediction 34
    assert scores["quote"]["overlap"]["tp"] == 20
    assert scores["quote"]["overlap"]["n_gold"] == 20
    assert scores["quote"]["overlap"]["n_pred"] == 34
    assert scores["attribution"]["tp"] == 1  # 20 of 34 is more than half
    # a prediction with only the first piece has the wrong extent
    first = att(text, (0, 12))
    scores = score([Article("a", text, (gold,))], {"a": [first]})
    assert scores["quote"]["exact"]["tp"] == 0


def test_speaker_none_on_both_sides_counts():
    gold = att(LETTERS, (0, 10))
    pred = att(LETTERS, (0, 10))
    scores = score([Article("a", LETTERS, (gold,))], {"a": [pred]})
    assert scores["attribution+speaker"]["tp"] == 1
    assert scores["speaker"]["exact"]["n_gold"] == 0


def test_speaker_mismatch_does_not_count():
    gold = att(LETTERS, (0, 10), speaker=(12, 15))
    cases = {
        (16, 18): 0,  # disjoint
        (14, 18): 1,  # one shared character is enough
        None: 0,  # predicted no speaker
    }
    for speaker, expected in cases.items():
        pred = att(LETTERS, (0, 10), speaker=speaker)
        scores = score([Article("a", LETTERS, (gold,))], {"a": [pred]})
        assert scores["attribution"]["tp"] == 1
        assert scores["attribution+speaker"]["tp"] == expected, speaker


def test_missing_and_extra_documents():
    a = Article("a", LETTERS, (att(LETTERS, (0, 10)),))
    b = Article("b", LETTERS, (att(LETTERS, (0, 5)), att(LETTERS, (10, 15))))
    scores = score([a, b], {"a": list(a.attributions), "zzz": [att(LETTERS, (0, 3))]})
    assert scores["documents"] == 2
    assert scores["missing_predictions"] == ["b"]
    assert scores["attribution"]["n_gold"] == 3
    assert scores["attribution"]["n_pred"] == 1  # "zzz" is ignored
    assert scores["attribution"]["precision"] == 1.0
    assert scores["attribution"]["recall"] == 0.3333


def test_empty_inputs_give_zeros():
    for gold, pred in [([], {}), ([Article("a", "no quotes here")], {"a": []})]:
        scores = score(gold, pred)
        for role in ("quote", "cue", "speaker"):
            for kind in ("exact", "overlap"):
                assert scores[role][kind]["f1"] == 0.0
        assert scores["attribution"] == {
            "precision": 0.0,
            "recall": 0.0,
            "f1": 0.0,
            "tp": 0,
            "n_pred": 0,
            "n_gold": 0,
        }
    # predictions without gold: precision 0, recall 0
    scores = score([Article("a", LETTERS)], {"a": [att(LETTERS, (0, 5))]})
    assert scores["attribution"]["precision"] == 0.0
    assert scores["quote"]["overlap"]["n_pred"] == 5


def test_character_overlap_by_hand():
    # doc a: gold quote 0..12 (12 chars); predicted pieces 2..6 and 8..14 (4 + 6 = 10 chars);
    # shared: 2..6 and 8..12 = 8 chars. doc b: gold quote 0..5, nothing predicted.
    a = Article("a", LETTERS, (att(LETTERS, (0, 12), cue=(20, 22)),))
    b = Article("b", LETTERS, (att(LETTERS, (0, 5)),))
    pred = att(LETTERS, [(2, 6), (8, 14)], cue=(21, 24))
    scores = score([a, b], {"a": [pred], "b": []})
    quote = scores["quote"]["overlap"]
    assert (quote["tp"], quote["n_pred"], quote["n_gold"]) == (8, 10, 17)
    assert quote["precision"] == 0.8
    assert quote["recall"] == 0.4706  # 8 / 17
    assert quote["f1"] == 0.5926  # 2 * 0.8 * 8/17 / (0.8 + 8/17)
    cue = scores["cue"]["overlap"]
    assert (cue["tp"], cue["n_pred"], cue["n_gold"]) == (1, 3, 2)
    assert scores["cue"]["exact"]["tp"] == 0
    # 8 shared of max(12, 10) quote characters: a match
    assert scores["attribution"]["tp"] == 1


def test_duplicate_spans_count_once():
    gold = att(LETTERS, (0, 10), cue=(12, 14))
    preds = [att(LETTERS, (0, 10), cue=(12, 14)), att(LETTERS, (0, 10), cue=(12, 14))]
    scores = score([Article("a", LETTERS, (gold,))], {"a": preds})
    assert scores["cue"]["exact"]["n_pred"] == 1
    assert scores["quote"]["exact"]["precision"] == 1.0
    assert scores["attribution"]["n_pred"] == 2 and scores["attribution"]["tp"] == 1


def test_format_scores():
    gold = att(LETTERS, (0, 10))
    table = format_scores(score([Article("a", LETTERS, (gold,))], {"a": [gold]}))
    lines = table.splitlines()
    assert lines[0] == "documents: 1 (missing predictions: 0)"
    names = [line.split("  ")[0].strip() for line in lines[2:]]
    assert names == [
        "quote exact",
        "quote overlap",
        "cue exact",
        "cue overlap",
        "speaker exact",
        "speaker overlap",
        "attribution",
        "attribution+speaker",
    ]
    assert lines[2].split()[2:] == ["1.0000", "1.0000", "1.0000", "1", "1", "1"]
    assert len({len(line) for line in lines[1:]}) == 1  # aligned


def test_write_json_makes_the_folder_and_keeps_unicode(tmp_path):
    from quoteattr.scoring.metrics import write_json

    path = tmp_path / "a" / "b.json"
    write_json(path, {"quote": "“Yes,” she said"})
    assert path.read_text(encoding="utf-8") == '{\n  "quote": "“Yes,” she said"\n}\n'
