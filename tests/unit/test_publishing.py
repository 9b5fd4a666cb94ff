"""The shipped CI workflow and dev container do what the README says a person would do by hand."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from support.course import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"


def _make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE))


def _make_calls(command: str) -> list[str]:
    """Targets of `make` where it is the command (not a package name in an apt-get line)."""
    return re.findall(r"(?:^|&&|;|\|\|)\s*make ([a-z][\w-]*)", command, re.MULTILINE)


def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the bare key `on` as true
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_workflow_runs_the_readme_commands_then_publishes_what_make_site_built() -> None:
    workflow = _workflow()
    assert {"push", "pull_request"} <= set(workflow["on"])
    build = workflow["jobs"]["build"]
    calls = [target for run in _runs(build) for target in _make_calls(run)]
    assert calls == ["test", "site"]  # tests first: a failing test stops the publication
    readme = (ROOT / "README.md").read_text("utf-8")
    for target in calls:
        assert target in _make_targets()
        assert f"make {target}" in readme
    # The artifact is the folder `make site` writes (SITE in the Makefile).
    site = re.search(r"^SITE \?= (\S+)$", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)
    assert site is not None
    upload = next(s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == site.group(1)
    # The README's machine: Debian.
    assert str(build["container"]).startswith("debian:")
    # "Bearbeiten" links point into this repository.
    site_step = next(s for s in build["steps"] if "make site" in s.get("run", ""))
    assert "github.repository" in site_step["env"]["KURS_BEARBEITEN_URL"]


def test_workflow_deploys_only_from_main_after_the_build() -> None:
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in deploy["steps"])
    assert _workflow()["permissions"] == {"contents": "read"}  # everything else may only read


def test_dev_container_is_debian_and_runs_the_setup_target() -> None:
    config = json.loads(DEVCONTAINER.read_text("utf-8"))  # plain JSON (no comments): any tool reads it
    assert config["image"].startswith("debian:")
    calls = _make_calls(config["postCreateCommand"])
    assert calls == ["setup"]
    assert "setup" in _make_targets()
    port = re.search(r"^PORT \?= (\d+)$", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)
    assert port is not None and int(port.group(1)) in config["forwardPorts"]
