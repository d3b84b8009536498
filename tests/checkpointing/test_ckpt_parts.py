"""The keeper's building blocks: file names, the manifest codec, atomic links."""

from __future__ import annotations

import errno
import json
import math
import os
from pathlib import Path

import pytest

from depthconf.checkpointing import CheckpointKeeper
from depthconf.checkpointing._atomic import link_exclusive, write_atomic
from depthconf.checkpointing._filename import (
    candidate_names,
    default_template,
    render_stem,
    template_fields,
)
from depthconf.checkpointing._manifest import ManifestError, decode, encode
from depthconf.checkpointing._records import (
    Entry,
    Fingerprint,
    InFlight,
    LastFile,
    Manifest,
    Retired,
    Settings,
)

from .helpers import epoch_in, listing, manifest_and, writer


def test_legacy_template_renders_like_lightning() -> None:
    key = "ncdb-cls-combined_val-abs_rel_lin"
    template = default_template(key)
    assert template == "{epoch:02d}_{" + key + ":.3f}"
    assert template_fields(template) == ("epoch", key)
    stem = render_stem(template, {"epoch": 7, key: 0.1234})
    assert stem == f"epoch=07_{key}=0.123"
    assert render_stem(default_template(None), {"epoch": 7}) == "epoch=07"


@pytest.mark.parametrize(
    ("template", "stem"),
    [
        ("{val/loss:.1f}", "val_loss=0.5"),
        (".hidden-{epoch}", "_hidden-epoch=3"),
        ("{epoch}.ckpt", "epoch=3"),
        ("{a.b:.2f}", "a.b=0.50"),
    ],
)
def test_rendered_names_are_plain_file_names(template: str, stem: str) -> None:
    assert render_stem(template, {"epoch": 3, "val/loss": 0.5, "a.b": 0.5}) == stem


def test_candidate_names_are_finite_and_distinct() -> None:
    names = list(candidate_names("x"))
    assert len(names) == len(set(names)) == 103
    assert names[:2] == ["x.ckpt", "x-v1.ckpt"]


def test_link_exclusive_never_replaces(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.write_bytes(b"new")
    (tmp_path / "a").write_bytes(b"old")
    assert link_exclusive(src, [tmp_path / "a", tmp_path / "b"]) == tmp_path / "b"
    assert (tmp_path / "a").read_bytes() == b"old"
    with pytest.raises(FileExistsError):
        link_exclusive(src, [tmp_path / "a", tmp_path / "b"])


def test_write_atomic_leaves_no_temporary(tmp_path: Path) -> None:
    write_atomic(tmp_path / "m.json", b"1")
    write_atomic(tmp_path / "m.json", b"2")
    assert os.listdir(tmp_path) == ["m.json"]
    assert (tmp_path / "m.json").read_bytes() == b"2"


def full_manifest() -> Manifest:
    fp = Fingerprint(10, 123456789)
    return Manifest(
        settings=Settings(3, "loss", "max", 2, "{epoch}", True),
        next_seq=4,
        entries=(
            Entry("a.ckpt", 0, 0, 0.0, fp),
            Entry("b.ckpt", 1, 1, math.inf, fp, pending_removal=True),
            Entry("c.ckpt", 2, 2, -math.inf, fp),
        ),
        last=LastFile("last.ckpt", 2, fp),
        in_flight=InFlight(".depthconf-tmp-x.ckpt", 3, 3, math.nan, "d.ckpt", True),
        retired=(Retired("old.ckpt", "changed"),),
    )


def test_manifest_round_trips_as_strict_json() -> None:
    manifest = full_manifest()
    data = encode(manifest)
    json.loads(data, parse_constant=lambda c: pytest.fail(f"non-standard JSON {c}"))
    back = decode(data)
    assert back.entries == manifest.entries
    assert back.in_flight is not None
    assert back.in_flight.value is not None
    assert math.isnan(back.in_flight.value)
    assert back.last == manifest.last
    assert back.retired == manifest.retired


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("entries", 0, "name"), "../a.ckpt"),
        (("entries", 0, "name"), "/etc/passwd"),
        (("entries", 0, "epoch"), True),
        (("entries", 0, "value"), "big"),
        (("in_flight", "tmp"), "model.ckpt"),
        (("settings", "mode"), "median"),
        (("next_seq",), None),
    ],
)
def test_manifest_rejects_bad_fields(path: tuple[str | int, ...], bad: object) -> None:
    doc = json.loads(encode(full_manifest()))
    node = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = bad
    with pytest.raises(ManifestError):
        decode(json.dumps(doc).encode())


def test_without_hard_links_the_keeper_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported here")

    monkeypatch.setattr(os, "link", no_link)
    (tmp_path / "epoch=00_loss=3.000.ckpt").write_bytes(b"foreign")
    keeper = CheckpointKeeper(tmp_path, save_top_k=1, monitor="loss", mode="min", save_last=True)
    for epoch, value in enumerate([3.0, 2.0, 1.0]):
        keeper.on_validation_end(epoch, {"loss": value}, writer(epoch))
    assert [epoch_in(path) for path, _ in keeper.kept] == [2]
    assert epoch_in(tmp_path / "last.ckpt") == 2
    assert (tmp_path / "epoch=00_loss=3.000.ckpt").read_bytes() == b"foreign"
    expected = manifest_and("epoch=00_loss=3.000.ckpt", "epoch=02_loss=1.000.ckpt", "last.ckpt")
    assert listing(tmp_path) == expected
    assert keeper.problems == ()
