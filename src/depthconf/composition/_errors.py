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
from omegaconf.errors import (
    ConfigAttributeError,
    ConfigKeyError,
    ConfigTypeError,
    OmegaConfBaseException,
)
from omegaconf.errors import ValidationError as OmegaValidationError
from pydantic import ValidationError as PydanticValidationError

from depthconf.findings import Code, ConfigError, closest, did_you_mean, place
from depthconf.findings import key as config_key
from depthconf.schema import field_reason, section_fields
from depthconf.validation import Violation, override_key
from depthconf.validation._fields import field_violations

#: What composing a config raises for a mistake in the user's config or overrides: Hydra's
#: and OmegaConf's errors, broken YAML, the override grammar's and pydantic's ValueErrors,
#: and depthconf's own ConfigError. :func:`translate` makes each a finding; anything else
#: is a bug in depthconf and must surface as one, not as the user's mistake.
COMPOSE_FAILURES: tuple[type[Exception], ...] = (
    HydraException,
    OmegaConfBaseException,
    yaml.YAMLError,
    ValueError,
    ConfigError,
)

_MISSING_OPTION = re.compile(r"Could not (find|load) '((?P<group>.+)/)?(?P<option>[^/']+)'")
_MISSING_PRIMARY = re.compile(r"Cannot find primary config '(?P<name>[^']+)'")
_TYPE_NAMES = {"Integer": "an integer", "Float": "a number", "Boolean": "true or false"}


def causes(error: BaseException) -> Iterator[BaseException]:
    """The exception and its causes, each once (OmegaConf can chain them in a cycle)."""
    visited: set[int] = set()
    node: BaseException | None = error
    while node is not None and id(node) not in visited:
        visited.add(id(node))
        yield node
        node = node.__cause__ or node.__context__


def _override_for(key: str, overrides: Sequence[str]) -> str | None:
    """The override that sets ``key``: the last one, the one Hydra uses."""
    return next((o for o in reversed(overrides) if override_key(o) == key), None)


def _value_of(override: str | None) -> str:
    return override.split("=", 1)[1] if override and "=" in override else "?"


def _enclosing_override(key: str, overrides: Sequence[str]) -> str | None:
    """The override that set a whole dict containing ``key`` (``checkpoint={...}``)."""
    return next((o for o in reversed(overrides) if key.startswith(override_key(o) + ".")), None)


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
            (config_key(target),),
            _value_of(enclosing),
            f"'=' merges into the existing {target}, which cannot gain the new key "
            f"{key[len(target) + 1 :]!r} from the command line",
            f"+{enclosing} (or set it in the config file)",
            Code.unknown_key,
            override=enclosing,
        )
    fix = f"remove {leaf!r} from {enclosing!r}" if enclosing else f"remove {key!r}"
    override = override or enclosing
    if match := closest(leaf, known):
        fix = f"{parent + '.' if parent else ''}{match}={_value_of(override)}"
    return Violation(
        (config_key(key),),
        _value_of(override),
        f"{parent or 'the config'} has no key {leaf!r}{hint}",
        fix,
        Code.unknown_key,
        override=override,
    )


def _undeletable(key: str, overrides: Sequence[str]) -> Violation:
    override = next(
        (o for o in reversed(overrides) if o.startswith("~") and override_key(o) == key), None
    )
    return Violation(
        (config_key(key),),
        _value_of(override) if override and "=" in override else "(delete)",
        f"{key} is a field of the schema: it cannot be deleted, only given a value",
        f"{key}=null to unset it (where the schema allows null), or leave the override out",
        Code.override_syntax,
        override=override,
    )


def _missing_option(message: str, overrides: Sequence[str]) -> Violation:
    match = _MISSING_OPTION.search(message)
    if match is None:
        primary = _MISSING_PRIMARY.search(message)
        name = primary["name"] if primary else "?"
        return Violation(
            (place("config_name"),),
            repr(name),
            message.splitlines()[0],
            f"name a primary config the config directory holds ({name}.yaml is not there), "
            "or point --config-dir at the directory holding it",
            Code.missing_config,
        )
    group, option = match["group"] or "", match["option"]
    if not group:
        return Violation(
            (place(option),),
            repr(option),
            f"there is no config {option!r} in the config directory",
            "name a config file of the config directory (without .yaml)",
            Code.unknown_option,
        )
    available = re.findall(r"^\t(\S+)$", message.split("Config search path")[0], re.MULTILINE)
    hint = did_you_mean(option, available)
    override = _override_for(group, overrides)
    target = closest(option, available) or (available[0] if available else "<option>")
    return Violation(
        (place(group),),
        repr(option),
        f"group {group!r} has no option {option!r}{hint}; available: {', '.join(available)}",
        f"{group}={target}",
        Code.unknown_option,
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
        (place(where),),
        "(YAML text)",
        f"YAML syntax error: {problem}" + (f" ({context})" if context else ""),
        "fix the YAML at that line (unbalanced brackets or quotes, or bad indentation)",
        Code.yaml_syntax,
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
    return Violation(
        (config_key(key),), _value_of(override), rule, fix, Code.wrong_type, override=override
    )


def translate(error: BaseException, overrides: Sequence[str]) -> Violation:
    """The violation that explains a failed composition."""
    for cause in causes(error):
        if isinstance(cause, PydanticValidationError):  # a section refused its values
            (found, *_) = field_violations(cause)
            return found
        if isinstance(cause, yaml.YAMLError):
            return _yaml_error(cause)
        if isinstance(cause, MissingConfigException):
            return _missing_option(str(cause), overrides)
        if isinstance(cause, OverrideParseException):
            only = overrides[0] if len(overrides) == 1 else None
            bad = next((o for o in overrides if o in str(cause)), only)
            lines = str(cause).splitlines()
            reason = lines[-2] if len(lines) > 1 else str(cause)
            return Violation(
                (place(bad or "(override)"),),
                repr(bad) if bad else "?",
                f"not a valid override: {reason}",
                "write overrides as key=value (e.g. checkpoint.save_top_k=3); quote values "
                "with spaces or special characters",
                Code.override_syntax,
                override=bad,
            )
        if isinstance(cause, ConfigTypeError) and "does not support deletion" in str(cause):
            return _undeletable(str(cause.full_key), overrides)
        if isinstance(cause, ConfigAttributeError | ConfigKeyError) and cause.full_key:
            return _unknown_key(str(cause.full_key), overrides)
        if isinstance(cause, OmegaValidationError) and cause.full_key:
            return _bad_value(cause, overrides)
    return _last_resort(error, overrides)


_APPEND = re.compile(r"Could not append to config\. An item is already at '(?P<key>[^']+)'")
_DELETE = re.compile(r"Could not delete from config\. .*'(?P<key>[^']+)'")
_SWEEP = re.compile(r"(Ambiguous value for argument|Sweep parameters) '(?P<line>[^']+)'")
_NOT_A_GROUP = re.compile(r"config group '(?P<group>[^']+)' does not exist")
_IN_CONFIG = re.compile(r"^In '?(?P<file>[^':]+)'?: ")


def sweep_needs_multirun(line: str) -> Violation:
    """A sweep override (``a=1,2``) in a single run."""
    key, _, value = line.partition("=")
    return Violation(
        (place(key.lstrip("+~")),),
        repr(value),
        "a comma list, range() or glob() is a sweep, and a sweep needs -m (--multirun)",
        f"add -m to sweep, or quote one value: {key}='{value}' (a string), or "
        f"{key}=[{value}] (a list)",
        Code.override_syntax,
        override=line,
    )


def _last_resort(error: BaseException, overrides: Sequence[str]) -> Violation:
    """A composition failure with no dedicated translation: Hydra's first line as the rule,
    and a fix naming the override or file it is about."""
    message = str(error) or type(error).__name__
    first = message.splitlines()[0]
    composing = isinstance(error, HydraException | OmegaConfBaseException)
    kind = Code.composition if composing else Code.error
    if match := _APPEND.search(message):
        line = _override_for(match["key"], overrides) or f"+{match['key']}=..."
        bare = line.lstrip("+")
        return Violation(
            (config_key(match["key"]),),
            _value_of(line),
            f"{match['key']} exists already; '+' only adds a key the config does not have",
            f"{bare} to change it (or ++{bare} to add or change)",
            Code.override_syntax,
            override=line,
        )
    if match := _SWEEP.search(message):
        return sweep_needs_multirun(match["line"])
    mentioned = next(
        (
            o
            for o in reversed(overrides)
            if o and (o in message or f"'{override_key(o)}'" in message)
        ),
        None,
    )
    if match := _DELETE.search(message):
        return Violation(
            (config_key(match["key"]),),
            _value_of(mentioned),
            first,
            f"remove {mentioned!r}, or name a key the config has" if mentioned else first,
            Code.override_syntax,
            override=mentioned,
        )
    if match := _NOT_A_GROUP.search(message):
        fix = (
            f"remove {mentioned!r}, or name an existing group"
            if mentioned
            else "name an existing group"
        )
        return Violation(
            (place(match["group"]),), _value_of(mentioned), first, fix, kind, override=mentioned
        )
    if mentioned is not None:
        return Violation(
            (place(override_key(mentioned)),),
            _value_of(mentioned),
            first,
            f"correct or remove the override {mentioned!r}",
            kind,
            override=mentioned,
        )
    if match := _IN_CONFIG.match(message):
        name = match["file"]
        return Violation(
            (place(name),),
            "?",
            first,
            f"correct {name}.yaml in the config directory so that Hydra can compose it",
            kind,
        )
    return Violation(
        (place("(config)"),),
        "?",
        first,
        "correct the config file or override this message is about, then check again",
        kind,
    )
