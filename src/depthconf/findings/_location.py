"""Where a finding is written and where its values came from: small frozen records.

A :class:`Location` is a place in a file (a conf/ file or a legacy file): what a
user opens to fix a mistake. A :class:`Source` is one thing that set a value
(the schema default, a file line, a command-line override, an environment
variable); a :class:`Provenance` is the ordered chain of sources of one key,
the last being the one whose value the config holds.

>>> at = Location("conf/checkpoint/best_3.yaml", 5, 1, "save_top_k: 3")
>>> at.describe()
'conf/checkpoint/best_3.yaml:5'
>>> chain = Provenance("checkpoint.save_top_k", (
...     Source(SourceKind.schema, "-1"),
...     Source(SourceKind.file, "3", location=at),
...     Source(SourceKind.override, "5", override="checkpoint.save_top_k=5"),
... ))
>>> chain.describe()
"command-line override 'checkpoint.save_top_k=5' (replaced 3 from conf/checkpoint/best_3.yaml:5)"
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Location:
    """A place in a file: ``file`` as shown to the user (``conf/experiment/x.yaml``),
    1-based ``line`` and ``column``, the ``text`` of that line, and ``path``, the file's
    absolute path (for tools and tests; empty when unknown)."""

    file: str
    line: int
    column: int = 1
    text: str = ""
    path: str = ""

    def describe(self) -> str:
        return f"{self.file}:{self.line}"

    def render(self) -> list[str]:
        """``file:line:column`` and the quoted line, as the report prints them."""
        lines = [f"{self.file}:{self.line}:{self.column}"]
        if self.text.strip():
            lines.append(f"{self.line} | {self.text.rstrip()}")
        return lines


class SourceKind(StrEnum):
    schema = "schema"  # the schema's default
    file = "file"  # a line of a config file
    override = "override"  # a command-line override
    env = "env"  # an environment variable read by ${oc.env:...}
    interpolation = "interpolation"  # ${key}: the value of another key
    structured = "structured"  # a structured config of Hydra's ConfigStore


@dataclass(frozen=True)
class Source:
    """One thing that set a value; ``value`` is shown as a user writes it.

    ``detail`` says more where a kind needs it: the environment variable, the
    key an interpolation points at, the group override that selected a file.
    """

    kind: SourceKind
    value: str
    location: Location | None = None
    override: str | None = None
    detail: str = ""

    def describe(self) -> str:
        """Where, in words: ``conf/x.yaml:3``, ``command-line override '...'``..."""
        if self.kind is SourceKind.file and self.location is not None:
            return self.location.describe()
        if self.kind is SourceKind.override:
            return f"command-line override {self.override!r}"
        if self.kind is SourceKind.env:
            return f"environment variable {self.detail}"
        if self.kind is SourceKind.interpolation:
            if self.location is not None:
                return f"{self.detail} (set at {self.location.describe()})"
            if self.override is not None:
                return f"{self.detail} (set by command-line override {self.override!r})"
            return self.detail
        if self.kind is SourceKind.structured:
            return f"structured config {self.detail}"
        return "the schema default"


@dataclass(frozen=True)
class Provenance:
    """The sources of one key, in composition order: the last one won.

    ``via`` follows an interpolation the winning value holds (``${oc.env:...}``,
    ``${other.key}``) to what it resolves from.
    """

    key: str
    chain: tuple[Source, ...]
    via: tuple[Source, ...] = ()

    @property
    def winner(self) -> Source | None:
        return self.chain[-1] if self.chain else None

    def describe(self) -> str:
        """The winner, what it replaced, and what an interpolation resolves from."""
        if not self.chain:
            return "not set anywhere"
        winner = self.chain[-1]
        text = winner.describe()
        if winner.kind is SourceKind.schema:
            text += f" {winner.value}"
        if len(self.chain) > 1:
            previous = self.chain[-2]
            if previous.kind is SourceKind.schema:
                text += f" (replaced the schema default {previous.value})"
            else:
                text += f" (replaced {previous.value} from {previous.describe()})"
        for step in self.via:
            text += f"; reads {step.describe()}" + (f": {step.value}" if step.value else "")
        return text
