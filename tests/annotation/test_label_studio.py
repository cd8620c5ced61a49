"""Label Studio tasks out and the JSON export back in, on files: the attributions survive
the round trip, annotations win over predictions, and bad exports are refused by task and
span."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from text_spans import span

from quoteattr.annotation.label_studio import (
    LABEL_CONFIG,
    AnnotationError,
    read_export,
    results,
    task,
)
from quoteattr.cli import main
from quoteattr.data.readers import read_jsonl
from quoteattr.schema import Article, Attribution, Speaker

SAMPLE = Path(__file__).parents[2] / "data" / "sample" / "rail.txt"

TEXT = (
    "Harbour board chair Mere Tane said on Monday that the ferry terminal would reopen "
    "in May. “We are nearly there,” she told reporters. “The last piles go in next week.” "
    "Tane said the cost had not changed. The union welcomes the news 🎉, a statement says. "
    "“Crews are ready.”"
)


def speaker(text: str, fragment: str, nth: int = 0) -> Speaker:
    s = span(text, fragment, nth)
    return Speaker(s.start, s.end, s.text)


def article() -> Article:
    t = TEXT
    chair = speaker(t, "Harbour board chair Mere Tane")
    she = speaker(t, "she")
    return Article("ferry-1", t, (
        Attribution((span(t, "that the ferry terminal would reopen in May"),),
                    span(t, "said on Monday"), chair, score=0.91, cue_score=0.8,
                    speaker_score=0.7),
        Attribution((span(t, "“We are nearly there,”"),
                     span(t, "“The last piles go in next week.”")),
                    span(t, "told"), she, score=0.72),
        Attribution((span(t, "the cost had not changed"),), span(t, "said", 1),
                    speaker(t, "Tane", 1), score=0.88),
        Attribution((span(t, "The union welcomes the news 🎉"),), span(t, "says"),
                    speaker(t, "a statement"), score=0.65),
        Attribution((span(t, "“Crews are ready.”"),), None, None, score=0.61),
    ))  # fmt: skip


def signature(articles: list[Article]) -> list[tuple]:
    """Quotes, cues and speakers of each article, by offsets and text, in text order."""
    return [
        (a.id, sorted(
            (tuple((q.start, q.end, q.text) for q in x.quote),
             x.cue and (x.cue.start, x.cue.end, x.cue.text),
             x.speaker and (x.speaker.start, x.speaker.end, x.speaker.text))
            for x in a.attributions))
        for a in articles
    ]  # fmt: skip


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def export_file(tmp_path: Path, tasks: list[dict]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_label_config_names_the_tags_the_results_use():
    import xml.etree.ElementTree as ET

    view = ET.fromstring(LABEL_CONFIG)
    labels = view.find("Labels")
    assert view.tag == "View" and view.find("Relations") is not None
    assert {x.get("value") for x in labels.iter("Label")} == {"Quote", "Cue", "Speaker"}
    items = results(article())
    text_name = view.find("Text").get("name")
    assert {(i["from_name"], i["to_name"]) for i in items if i["type"] == "labels"} == {
        (labels.get("name"), text_name)
    }
    assert labels.get("toName") == text_name and view.find("Text").get("value") == "$text"


def test_a_task_carries_every_span_its_relations_and_the_lowest_score():
    made = task(article())
    assert made["data"] == {"text": TEXT, "id": "ferry-1"}
    [prediction] = made["predictions"]
    assert prediction["score"] == 0.61
    items = prediction["result"]
    regions = {i["id"]: i for i in items if i["type"] == "labels"}
    labels = [i["value"]["labels"][0] for i in regions.values()]
    # 6 quote pieces, 4 cues, 4 speakers
    assert (labels.count("Quote"), labels.count("Cue"), labels.count("Speaker")) == (6, 4, 4)
    for region in regions.values():
        value = region["value"]
        assert TEXT[value["start"] : value["end"]] == value["text"]
    relations = [i for i in items if i["type"] == "relation"]
    assert all(r["from_id"] in regions and r["to_id"] in regions for r in relations)
    assert all(r["direction"] == "right" for r in relations)
    # told -> both pieces, she -> told; the cue-less quote has no relation
    told = next(k for k, r in regions.items() if r["value"]["text"] == "told")
    assert sorted(regions[r["to_id"]]["value"]["text"] for r in relations
                  if r["from_id"] == told) == ["“The last piles go in next week.”",
                                                "“We are nearly there,”"]  # fmt: skip
    assert (
        regions[next(k for k, r in regions.items() if r["value"]["labels"] == ["Cue"])]["score"]
        == 0.8
    )


def test_round_trip_through_the_command_line(tmp_path, capsys):
    # predict's JSONL (ids only) and the texts it read
    predictions = write(tmp_path / "pred.jsonl", [
        {"id": "ferry-1", "attributions": [a.to_dict() for a in article().attributions]},
        {"id": "quiet", "attributions": []},
    ])  # fmt: skip
    texts = write(tmp_path / "texts.jsonl", [
        {"id": "ferry-1", "text": TEXT}, {"id": "quiet", "text": "Nobody spoke."}
    ])  # fmt: skip
    tasks, gold = tmp_path / "tasks.json", tmp_path / "gold.jsonl"
    assert main(["export", str(predictions), "--texts", str(texts), "-o", str(tasks)]) == 0
    assert len(json.loads(tasks.read_text(encoding="utf-8"))) == 2

    assert main(["import", str(tasks), "-o", str(gold)]) == 0
    assert gold.read_text() == ""
    assert "2 untouched tasks skipped" in capsys.readouterr().err

    assert main(["import", str(tasks), "-o", str(gold), "--accept-predictions"]) == 0
    back = list(read_jsonl(gold, strict=True))
    assert signature(back) == signature([article(), Article("quiet", "Nobody spoke.")])
    assert "2 accepted from predictions" in capsys.readouterr().err


def test_export_without_texts_says_to_give_them(tmp_path, capsys):
    predictions = write(tmp_path / "pred.jsonl", [{"id": "ferry-1", "attributions": []}])
    assert main(["export", str(predictions), "-o", str(tmp_path / "t.json")]) == 2
    assert "--texts" in capsys.readouterr().err


def test_export_refuses_texts_that_are_not_the_predicted_ones(tmp_path, capsys):
    predictions = write(tmp_path / "pred.jsonl", [
        {"id": "ferry-1", "attributions": [a.to_dict() for a in article().attributions]}
    ])  # fmt: skip
    texts = write(tmp_path / "texts.jsonl", [{"id": "ferry-1", "text": TEXT.upper()}])
    assert main(["export", str(predictions), "--texts", str(texts), "-o", "x.json"]) == 2
    assert "are these its texts?" in capsys.readouterr().err


def test_label_config_is_printed(capsys):
    assert main(["export", "--label-config"]) == 0
    assert capsys.readouterr().out == LABEL_CONFIG


@pytest.mark.slow
def test_shipped_model_predictions_survive_the_round_trip(tmp_path):
    """The bar: predict a news article, export, import with --accept-predictions."""
    predictions, tasks, gold = (tmp_path / n for n in ("p.jsonl", "t.json", "g.jsonl"))
    assert main(["predict", str(SAMPLE), "-o", str(predictions), "--quiet",
                 "--device", "cpu"]) == 0  # fmt: skip
    assert main(["export", str(predictions), "--texts", str(SAMPLE), "-o", str(tasks)]) == 0
    assert main(["import", str(tasks), "-o", str(gold), "--accept-predictions"]) == 0
    [record] = [json.loads(line) for line in predictions.read_text().splitlines()]
    predicted = Article.from_dict({**record, "text": SAMPLE.read_text(encoding="utf-8")})
    assert len(predicted.attributions) >= 3
    assert signature(list(read_jsonl(gold, strict=True))) == signature([predicted])


def annotated(items: list[dict], **extra) -> dict:
    made = task(article())
    made["annotations"] = [{"id": 7, "result": items, "was_cancelled": False, **extra}]
    return made


def test_annotations_win_over_predictions(tmp_path):
    fixed = copy.deepcopy(article())
    t = TEXT
    corrected = Article(fixed.id, t, (
        *fixed.attributions[:4],
        Attribution((span(t, "“Crews are ready.”"),), None, speaker(t, "The union")),
    ))  # fmt: skip
    made = annotated(results(corrected))
    made["annotations"].insert(0, {"id": 3, "result": [], "was_cancelled": True})
    untouched = task(Article("other", "Nobody spoke."))
    articles, summary = read_export(export_file(tmp_path, [made, untouched]))
    assert signature(articles) == signature([corrected])
    assert (summary.annotated, summary.untouched) == (1, ["other"])


def test_the_ground_truth_annotation_is_taken(tmp_path):
    made = task(article())
    everything = results(article())
    made["annotations"] = [
        {"id": 1, "result": everything[:1], "ground_truth": True, "updated_at": "2026-01-01"},
        {"id": 2, "result": [], "updated_at": "2026-02-01"},
    ]
    [got], _ = read_export(export_file(tmp_path, [made]))
    assert len(got.attributions) == 1
    made["annotations"][0]["ground_truth"] = False
    [got], _ = read_export(export_file(tmp_path, [made]))
    assert got.attributions == ()  # the last updated


def test_a_task_skipped_by_its_annotator_is_counted(tmp_path):
    made = task(article())
    made["annotations"] = [{"id": 1, "result": [], "was_cancelled": True}]
    articles, summary = read_export(export_file(tmp_path, [made]), accept_predictions=True)
    assert articles == [] and summary.cancelled == ["ferry-1"]


def refused(tmp_path: Path, items: list[dict]) -> str:
    with pytest.raises(AnnotationError) as err:
        read_export(export_file(tmp_path, [{**annotated(items), "id": 42}]))
    return str(err.value)


def test_a_span_whose_text_is_not_the_articles_is_refused(tmp_path):
    items = results(article())
    items[0]["value"]["start"] += 1
    items[0]["value"]["end"] += 1
    message = refused(tmp_path, items)
    assert "task 42 (article 'ferry-1')" in message and "Quote span a1q1" in message
    assert "says 'that the ferry terminal" in message and "but the article has" in message


def test_a_span_outside_the_article_is_refused(tmp_path):
    items = results(article())
    items[0]["value"]["end"] = len(TEXT) + 5
    assert "is not inside the article" in refused(tmp_path, items)


def test_a_relation_to_a_missing_span_is_refused(tmp_path):
    items = [i for i in results(article()) if i.get("id") != "a2q2"]
    message = refused(tmp_path, items)
    assert "task 42" in message and "a relation joins a2c to a2q2, but no span is a2q2" in message


def test_a_cue_with_no_quote_is_refused(tmp_path):
    items = [i for i in results(article()) if i.get("id") != "a3q1" and i.get("to_id") != "a3q1"]
    message = refused(tmp_path, items)
    assert "cue a3c [" in message and "'said' is joined to no quote" in message


def test_an_unknown_label_and_a_lone_speaker_are_refused(tmp_path):
    items = results(article())
    items[0]["value"]["labels"] = ["Person"]
    assert "span a1q1 is labelled ['Person']" in refused(tmp_path, items)
    items = [i for i in results(article()) if i.get("from_id") != "s1"]
    assert "speaker s1 [" in refused(tmp_path, items)


def test_two_cues_in_one_attribution_are_refused(tmp_path):
    items = results(article()) + [
        {"from_id": "a1c", "to_id": "a3q1", "type": "relation", "direction": "right"}
    ]
    assert "one attribution has two cues" in refused(tmp_path, items)


def test_skip_bad_leaves_out_and_lists_bad_tasks(tmp_path):
    good = task(article())
    items = results(article())
    items[0]["value"]["text"] = "something else"
    bad = {**annotated(items), "id": 42}
    articles, summary = read_export(
        export_file(tmp_path, [bad, good]), accept_predictions=True, skip_bad=True
    )
    assert signature(articles) == signature([article()])
    assert len(summary.refused) == 1 and "task 42" in summary.refused[0]
    assert "1 refused" in str(summary)


def test_an_export_that_is_not_a_task_list_is_refused(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"text": "x"}')
    with pytest.raises(AnnotationError, match="expected a JSON list of tasks"):
        read_export(path)
    path.write_text('[{"text": "x", "label": []}]')
    with pytest.raises(AnnotationError, match="not JSON-MIN"):
        read_export(path)
