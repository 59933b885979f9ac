"""The example notebook runs from top to bottom, so that it never rots."""

from __future__ import annotations

from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient", reason="the notebook tools are in the dev extra")
nbformat = pytest.importorskip("nbformat")

NOTEBOOK = Path(__file__).parents[2] / "examples" / "explore.ipynb"


ROOT = NOTEBOOK.parents[1]


@pytest.mark.parametrize(
    "folder",
    [NOTEBOOK.parent, ROOT, ROOT / "docs"],
    ids=["from examples", "from the repository", "from another folder of it"],
)
def test_the_exploration_notebook_runs_without_error(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the chart was drawn
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "records written to " in text  # the export's path, printed
    tables = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<th>value</th>" in tables  # each problem shows the cell at fault
