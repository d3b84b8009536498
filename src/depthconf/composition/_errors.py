"""Hydra and OmegaConf composition failures, translated into located violations.

Hydra raises a different exception for every kind of user mistake; this module
turns each into a :class:`~depthconf.validation.Violation` naming the field, the
value, the rule and a fix, and quoting the command-line override that caused it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import yaml
from hydra.errors import HydraException, MissingConfigException, OverrideParseException
from omegaconf.errors import ConfigAttributeError, ConfigKeyError, OmegaConfBaseException
from omegaconf.errors import ValidationError as OmegaValidationError

from depthconf.schema import field_reason, section_fields
from depthconf.validation import Violation
from depthconf.validation._violation import closest, did_you_mean

_MISSING_OPTION = re.compile(r"Could not find '(?P<group>.+)/(?P<option>[^/']+)'")
_MISSING_PRIMARY = re.compile(r"Cannot find primary config '(?P<name>[^']+)'")
_TYPE_NAMES = {"Integer": "an integer", "Float": "a number", "Boolean": "true or false"}


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The exception and its causes, each once (OmegaConf can chain them in a cycle)."""
    visited: set[int] = set()
    node: BaseException | None = error
    while node is not None and id(node) not in visited:
        visited.add(id(node))
        yield node
        node = node.__cause__ or node.__context__


def override_key(override: str) -> str:
    """The key an override sets: ``'+checkpoint.monitor=x'`` -> ``'checkpoint.monitor'``."""
    return override.split("=", 1)[0].lstrip("+~")


def _override_for(key: str, overrides: Sequence[str]) -> str | None:
    return next((o for o in overrides if override_key(o) == key), None)


def _value_of(override: str | None) -> str:
    return override.split("=", 1)[1] if override and "=" in override else "?"


def _enclosing_override(key: str, overrides: Sequence[str]) -> str | None:
    """The override that set a whole dict containing ``key`` (``checkpoint={...}``)."""
    return next((o for o in overrides if key.startswith(override_key(o) + ".")), None)


def _unknown_key(key: str, overrides: Sequence[str]) -> Violation:
    parent, _, leaf = key.rpartition(".")
    known = section_fields(parent.split(".") if parent else ())
    hint = did_you_mean(leaf, known)
    override = _override_for(key, overrides)
    enclosing = None if override else _enclosing_override(key, overrides)
    if enclosing and key.startswith("hydra.") and not enclosing.startswith("+"):
        # Hydra's own free-form dicts (hydra.sweeper.params...) only grow with '+'.
        target = override_key(enclosing)
        return Violation(
            target,
            _value_of(enclosing),
            f"'=' merges into the existing {target}, which cannot gain the new key "
            f"{key[len(target) + 1 :]!r} from the command line",
            f"+{enclosing} (or set it in the config file)",
            "unknown_key",
            override=enclosing,
        )
    fix = f"remove {leaf!r} from {enclosing!r}" if enclosing else f"remove {key!r}"
    override = override or enclosing
    if match := closest(leaf, known):
        fix = f"{parent + '.' if parent else ''}{match}={_value_of(override)}"
    return Violation(
        key,
        _value_of(override),
        f"{parent or 'the config'} has no key {leaf!r}{hint}",
        fix,
        "unknown_key",
        override=override,
    )


def _missing_option(message: str, overrides: Sequence[str]) -> Violation:
    match = _MISSING_OPTION.search(message)
    if match is None:
        primary = _MISSING_PRIMARY.search(message)
        name = primary["name"] if primary else "?"
        return Violation(
            "config_name",
            repr(name),
            message.splitlines()[0],
            "check --config-name",
            "missing_config",
        )
    group, option = match["group"], match["option"]
    available = re.findall(r"^\t(\S+)$", message.split("Config search path")[0], re.MULTILINE)
    hint = did_you_mean(option, available)
    override = _override_for(group, overrides)
    target = closest(option, available) or (available[0] if available else "<option>")
    return Violation(
        group,
        repr(option),
        f"group {group!r} has no option {option!r}{hint}; available: {', '.join(available)}",
        f"{group}={target}",
        "unknown_option",
        override=override,
    )


def _yaml_error(error: yaml.YAMLError) -> Violation:
    mark = getattr(error, "problem_mark", None)
    where = (
        f"{mark.name}, line {mark.line + 1}, column {mark.column + 1}" if mark else "a YAML file"
    )
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return Violation(
        where,
        "(YAML text)",
        f"YAML syntax error: {problem}" + (f" ({context})" if context else ""),
        "fix the YAML at that line (unbalanced brackets or quotes, or bad indentation)",
        "yaml_syntax",
    )


def _bad_value(error: OmegaValidationError, overrides: Sequence[str]) -> Violation:
    key = str(error.full_key)
    override = _override_for(key, overrides)
    first = str(error).splitlines()[0]
    wanted = next((v for k, v in _TYPE_NAMES.items() if f"converted to {k}" in first), None)
    fix = f"{key}=<{wanted}>" if wanted else f"give {key} a value of the right type"
    rule = first
    if choices := re.search(r"expected one of \[(.*)\]", first):
        fix = " or ".join(f"{key}={c.strip()}" for c in choices[1].split(","))
        if why := field_reason(key.split(".")):  # why the schema narrows the choice
            rule = f"{first}: {why}"
    return Violation(key, _value_of(override), rule, fix, "wrong_type", override=override)


def translate(error: BaseException, overrides: Sequence[str]) -> Violation:
    """The violation that explains a failed composition."""
    for cause in _causes(error):
        if isinstance(cause, yaml.YAMLError):
            return _yaml_error(cause)
        if isinstance(cause, MissingConfigException):
            return _missing_option(str(cause), overrides)
        if isinstance(cause, OverrideParseException):
            bad = next((o for o in overrides if o in str(cause)), None)
            lines = str(cause).splitlines()
            reason = lines[-2] if len(lines) > 1 else str(cause)
            return Violation(
                bad or "(override)",
                repr(bad) if bad else "?",
                f"not a valid override: {reason}",
                "write overrides as key=value (e.g. checkpoint.save_top_k=3); quote values "
                "with spaces or special characters",
                "override_syntax",
                override=bad,
            )
        if isinstance(cause, ConfigAttributeError | ConfigKeyError) and cause.full_key:
            return _unknown_key(str(cause.full_key), overrides)
        if isinstance(cause, OmegaValidationError) and cause.full_key:
            return _bad_value(cause, overrides)
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    kind = "composition" if isinstance(error, HydraException | OmegaConfBaseException) else "error"
    return Violation("(config)", "?", first, "see the message above", kind)
