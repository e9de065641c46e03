"""A configuration (and a catalog) read clean is kept in the user's cache and taken again by a run
that finds the very same bytes: any other byte, a tampered kept file or a problem reads the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bcngv import confined_yaml
from bcngv.cachedir import Keeping, cache_folder
from bcngv.config import KEPT, load_config
from bcngv.records import catalog as catalog_module
from bcngv.records.cache import keeping
from bcngv.records.catalog import load_catalog

from conftest import CONFIG

KIND = """\
kind: hop_dong
label: Hợp đồng
fields:
  value: {type: money, label: Giá trị}
"""


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The YAML files read the full way, as their diagnostics name them."""
    read: list[str] = []
    real = confined_yaml.read_yaml_inside

    def counted(root: Path, path: Path, shown: str, *args, **kwargs):
        read.append(shown)
        return real(root, path, shown, *args, **kwargs)

    monkeypatch.setattr(confined_yaml, "read_yaml_inside", counted)
    return read


def kept_by(repo) -> Keeping:
    found = keeping(repo.root)
    assert found is not None
    return found


def test_a_clean_configuration_is_taken_again_from_the_same_bytes(repo, reads) -> None:
    repo.write("kinds/hop_dong.yaml", KIND)
    first, found = load_config(repo.root, kept_by(repo))
    assert found == [] and reads == ["bcngv.yaml"]
    again, found = load_config(repo.root, kept_by(repo))
    assert found == [] and reads == ["bcngv.yaml"]  # nothing read the full way
    assert again.model_dump() == first.model_dump()
    assert again.sections.version == first.sections.version
    assert again.summary_line("thang") == first.summary_line("thang") > 1
    assert "hop_dong" in again.sections.kinds and again.sections.kinds["hop_dong"].declared.keys() == \
        first.sections.kinds["hop_dong"].declared.keys()


def test_any_byte_of_bcngv_yaml_changed_reads_it_again(repo, reads) -> None:
    load_config(repo.root, kept_by(repo))
    repo.write("bcngv.yaml", CONFIG.replace("place: Hà Tĩnh", "place: Hà Tỉnh"))
    config, found = load_config(repo.root, kept_by(repo))
    assert found == [] and config.office.place == "Hà Tỉnh"
    assert reads == ["bcngv.yaml", "bcngv.yaml"]


def test_a_declaration_added_or_changed_reads_the_files_again(repo) -> None:
    load_config(repo.root, kept_by(repo))
    repo.write("kinds/hop_dong.yaml", KIND)
    config, _ = load_config(repo.root, kept_by(repo))
    assert "hop_dong" in config.sections.kinds
    repo.write("kinds/hop_dong.yaml", KIND.replace("label: Hợp đồng", "label: Hợp đồng mua"))
    config, _ = load_config(repo.root, kept_by(repo))
    assert config.sections.kinds.labels["hop_dong"] == "Hợp đồng mua"


def test_problems_are_never_kept(repo) -> None:
    bad = CONFIG.replace("    signer: pgd\n", "    signer: gd\n", 1)
    repo.write("bcngv.yaml", bad)
    first = load_config(repo.root, kept_by(repo))
    assert first[0] is None and first[1]
    assert load_config(repo.root, kept_by(repo)) == first == load_config(repo.root)
    assert not (kept_by(repo).folder.path / KEPT).exists()


def test_a_template_gone_since_is_said_as_without_the_cache(repo) -> None:
    repo.write("bcngv.yaml", CONFIG.replace("template: thang.md.j2", "template: rieng.md.j2"))
    template = repo.write("templates/rieng.md.j2", "# {{ period.label }}\n")
    assert load_config(repo.root, kept_by(repo))[1] == []
    template.unlink()
    assert load_config(repo.root, kept_by(repo)) == load_config(repo.root)
    assert [d.code for d in load_config(repo.root)[1]] == ["template-missing"]


def test_a_tampered_kept_file_is_ignored(repo, reads) -> None:
    load_config(repo.root, kept_by(repo))
    kept = kept_by(repo).folder.path / KEPT
    data = bytearray(kept.read_bytes())
    data[-1] ^= 1
    kept.write_bytes(bytes(data))
    config, found = load_config(repo.root, kept_by(repo))
    assert found == [] and config is not None
    assert reads == ["bcngv.yaml", "bcngv.yaml"]


def test_what_another_version_of_bcngv_kept_is_not_taken(repo, reads) -> None:
    folder = cache_folder(repo.root)
    load_config(repo.root, Keeping(folder, "one"))
    load_config(repo.root, Keeping(folder, "two"))
    assert reads == ["bcngv.yaml", "bcngv.yaml"]


def test_a_catalog_is_kept_and_read_again_when_a_byte_changes(repo, reads) -> None:
    first, found = load_catalog(repo.root, kept_by(repo))
    assert found == [] and reads == ["records/_catalog/doi_tac.yaml"]
    again, found = load_catalog(repo.root, kept_by(repo))
    assert found == [] and again == first and len(reads) == 1
    text = (repo.root / "records/_catalog/doi_tac.yaml").read_text(encoding="utf-8")
    repo.write("records/_catalog/doi_tac.yaml", text.replace("name: Lào", "name: Lào (CHDCND)"))
    changed, _ = load_catalog(repo.root, kept_by(repo))
    assert changed.name("lao") == "Lào (CHDCND)" and len(reads) == 2


def test_a_catalog_with_problems_is_never_kept(repo) -> None:
    repo.write("records/_catalog/them.yaml", "lao:\n  name: Lào\n")  # an id twice
    first = load_catalog(repo.root, kept_by(repo))
    assert first[1] and not (kept_by(repo).folder.path / catalog_module.KEPT).exists()
    assert load_catalog(repo.root, kept_by(repo))[1] == first[1] == load_catalog(repo.root)[1]
