"""The `apply:` section of dfworx.yaml, validated: the session defaults every migration
file starts with (the file's own SET wins) and how long to wait for the lock."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Config
from ..errors import DeclarationError, Problem, SourceLocation

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?\s*$")
UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0}
DEFAULTS = {"lock_timeout": "5s", "statement_timeout": "15min", "lock_wait": "60s"}


@dataclass(frozen=True)
class ApplySettings:
    lock_timeout: str = DEFAULTS["lock_timeout"]        # a Postgres duration, "0" to disable
    statement_timeout: str = DEFAULTS["statement_timeout"]
    lock_wait: float = 60.0                              # seconds to wait for another apply


def parse_duration(value: object) -> float | None:
    """Seconds in `value` ("5s", "250ms", "15min", "1h", or a number of seconds); None
    when it is not a duration."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    match = DURATION.match(str(value))
    if not match:
        return None
    return float(match.group(1)) * UNIT_SECONDS[match.group(2) or "s"]


def postgres_duration(seconds: float) -> str:
    """`seconds` as a Postgres setting value (milliseconds; "0" disables the timeout)."""
    return f"{round(seconds * 1000)}ms"


def apply_settings(config: Config, **overrides: str | float | None) -> ApplySettings:
    """The settings of dfworx.yaml's `apply:` section, with command-line `overrides`
    (None: not given) on top. A bad value is an error naming dfworx.yaml and the key."""
    section = dict(config.section("apply"))
    problems = config.unknown_keys("apply", list(DEFAULTS))
    values = {key: section.get(key, default) for key, default in DEFAULTS.items()}
    values.update({key: value for key, value in overrides.items() if value is not None})
    seconds = {}
    for key, value in values.items():
        parsed = parse_duration(value)
        if parsed is None:
            where = config.where("apply", key) if key in section else SourceLocation("the command line")
            problems.append(Problem(f"apply.{key} is {value!r}, not a duration", where,
                                    "write a number of seconds or a value like 500ms, 5s, 15min, 1h (0 disables)"))
        seconds[key] = parsed
    if problems:
        raise DeclarationError(problems)
    return ApplySettings(lock_timeout=postgres_duration(seconds["lock_timeout"]),
                         statement_timeout=postgres_duration(seconds["statement_timeout"]),
                         lock_wait=seconds["lock_wait"])
