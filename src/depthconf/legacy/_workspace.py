"""A temporary copy of the conf directory, in which migrated experiments are composed.

Migration composes the new experiment before anything is written, and
``depthconf migrate --check`` must never write into the real ``conf/``: both
compose in this copy. Group-option candidates are composed in the real
directory (read only), where their cache stays valid across migrations.

Example:
    >>> with ConfCopy(None) as copy:
    ...     outcome = copy.compose("x", "# @package _global_\\nname: x\\n")
    >>> outcome.config.name
    'x'
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from depthconf.composition import Composed, compose_config, conf_dir
from depthconf.validation import ConfigError


class ConfCopy:
    """Context manager: ``source`` is the real conf directory, ``conf`` the private copy.

    Raises:
        ConfigError: ``config_dir`` is None and :func:`conf_dir` finds no conf/ directory.
    """

    def __init__(self, config_dir: Path | None) -> None:
        self.source = (config_dir or conf_dir()).resolve()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.conf = self.source

    def __enter__(self) -> ConfCopy:
        self._tmp = tempfile.TemporaryDirectory(prefix="depthconf-migrate-")
        self.conf = Path(self._tmp.name) / "conf"
        shutil.copytree(self.source, self.conf)
        (self.conf / "experiment").mkdir(exist_ok=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()

    def compose(self, option: str, text: str) -> Composed | ConfigError:
        """Write ``text`` as ``experiment/<option>.yaml`` of the copy and compose it."""
        (self.conf / "experiment" / f"{option}.yaml").write_text(text, encoding="utf-8")
        try:
            return compose_config([f"experiment={option}"], config_dir=self.conf)
        except ConfigError as error:
            return error
