"""The fast YAML reader gives the same data as PyYAML's pure-Python safe loader, and stays safe."""

from pathlib import Path

import pytest
import yaml

from pipeline.yaml_files import parse_yaml, read_yaml
from tests.conftest import SEEDS


@pytest.mark.parametrize("path", sorted(SEEDS.rglob("*.yaml")), ids=lambda p: str(p.relative_to(SEEDS)))
def test_every_seed_file_reads_as_the_pure_python_safe_loader_reads_it(path: Path):
    assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_python_objects_are_refused():
    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']")
