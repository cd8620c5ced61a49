"""Drive a running Label Studio through label-studio-sdk, as an annotator would.

Run with the Python that has ``label-studio-sdk`` (Label Studio's own environment), by
``test_label_studio_server.py``::

    python label_studio_driver.py URL TOKEN CONFIG.xml TASKS.json EXPORT.json

Creates a project with the labelling config, imports the tasks with their
pre-annotations, accepts every prediction as an annotation (the Data Manager
action an annotator runs), exports the project as JSON
and prints a JSON summary (project id, tasks, annotations).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from label_studio_sdk import LabelStudio


def main(url: str, token: str, config: str, tasks: str, export: str) -> None:
    client = LabelStudio(base_url=url, api_key=token)
    project = client.projects.create(
        title="quoteattr round trip", label_config=Path(config).read_text(encoding="utf-8")
    )
    client.projects.import_tasks(
        id=project.id, request=json.loads(Path(tasks).read_text(encoding="utf-8"))
    )
    # what an annotator does with Actions > Create Annotations From Predictions
    client.actions.create(
        id="predictions_to_annotations",
        project=project.id,
        selected_items={"all": True, "excluded": []},
    )
    annotations = sum(
        len(client.annotations.list(id=task.id)) for task in client.tasks.list(project=project.id)
    )
    data = b"".join(
        client.projects.exports.download_sync(
            id=project.id, export_type="JSON", download_all_tasks=True
        )
    )
    Path(export).write_bytes(data)
    exported = json.loads(data)
    print(json.dumps({"project": project.id, "tasks": len(exported), "annotations": annotations}))


if __name__ == "__main__":
    main(*sys.argv[1:])
