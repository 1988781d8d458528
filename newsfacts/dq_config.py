"""The data-quality configuration (``dq.toml``): row rules, check severities, thresholds.

One file says what "good" means. ``[rows]`` holds the rules that decide, row by
row, what is quarantined during validation; each ``[checks.<name>]`` table sets
the thresholds of one dataset-level check run against the warehouse after a
load. A metric past ``error_above``/``error_below`` fails at severity ``error``,
past ``warn_above``/``warn_below`` at ``warn``; a check with neither passes.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, Literal

# One dq.toml, at the repository's root: a checkout reads it in place, and a wheel carries
# that same file as newsfacts/dq.toml (force-include in pyproject.toml), so nothing can drift.
DEFAULT_DQ_CONFIG = Path(__file__).resolve().parent.parent / "dq.toml"  # the checkout's
PACKAGED_DQ_CONFIG = Path(__file__).resolve().parent / "dq.toml"

Status = Literal["pass", "warn", "error"]
STATUS_RANK: dict[str, int] = {"pass": 0, "warn": 1, "error": 2}

DEFAULT_GROWTH_WORDS: tuple[str, ...] = (
    "growth",
    "grew",
    "grow",
    "grows",
    "growing",
    "increase",
    "increased",
    "increases",
    "rise",
    "rose",
    "risen",
    "rising",
    "jump",
    "jumped",
    "surge",
    "surged",
    "soar",
    "soared",
    "climb",
    "climbed",
    "up",
    "higher",
    "year-on-year",
    "year-over-year",
    "yoy",
    "y/y",
    "cagr",
    "tăng",
    "增长",
    "增加",
    "同比",
)


class DQConfigError(ValueError):
    """``dq.toml`` is malformed: an unknown key, a wrong type, a threshold that makes no sense."""


@dataclass(frozen=True, slots=True)
class RowRules:
    """Row-level rules applied while validating a batch (``[rows]`` in ``dq.toml``)."""

    flops_min: float = 1e9
    flops_max: float = 1e22
    # newsfacts.plausibility: one chip, one machine, one amount, a currency against its article
    flops_max_chip: float = 1e18
    flops_max_machine: float = 1e21
    money_max_usd: float = 2e13
    money_max_usd_total: float = 2e14
    currency_mismatch_factor: float = 1000.0
    percent_min: float = 0.0
    percent_max: float = 100.0
    growth_percent_min: float = -100.0
    growth_percent_max: float = 100_000.0
    growth_words: tuple[str, ...] = DEFAULT_GROWTH_WORDS
    growth_window_chars: int = 40
    conversion_tolerance: float = 0.05
    conversion_max_gap_days: int = 10
    # fact_agreement: two sources' values of one claim agree within this relative difference
    agreement_tolerance: float = 0.05
    # and claims stating no period pair only when published at most this many days apart
    agreement_window_days: int = 31


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """Thresholds of one dataset-level check (``[checks.<name>]``)."""

    name: str
    enabled: bool = True
    description: str = ""
    warn_above: float | None = None
    warn_below: float | None = None
    error_above: float | None = None
    error_below: float | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def grade(self, metric: float | None) -> Status:
        """The status a metric earns: error before warn; no metric passes."""
        if metric is None or math.isnan(metric):
            return "pass"
        if (self.error_above is not None and metric > self.error_above) or (
            self.error_below is not None and metric < self.error_below
        ):
            return "error"
        if (self.warn_above is not None and metric > self.warn_above) or (
            self.warn_below is not None and metric < self.warn_below
        ):
            return "warn"
        return "pass"

    def threshold(self, level: Literal["warn", "error"]) -> str | None:
        """The threshold as text, e.g. ``"> 0.02"`` or ``"< 0.5"``."""
        above = self.warn_above if level == "warn" else self.error_above
        below = self.warn_below if level == "warn" else self.error_below
        parts = []
        if above is not None:
            parts.append(f"> {above:g}")
        if below is not None:
            parts.append(f"< {below:g}")
        return " or ".join(parts) or None


@dataclass(frozen=True, slots=True)
class DQConfig:
    """The whole of ``dq.toml``."""

    rows: RowRules = field(default_factory=RowRules)
    checks: tuple[CheckSpec, ...] = ()
    source: str | None = None

    def check(self, name: str) -> CheckSpec | None:
        return next((c for c in self.checks if c.name == name), None)


_THRESHOLDS = ("warn_above", "warn_below", "error_above", "error_below")


def check_as_of(value: object, where: str = "as_of") -> str:
    """``value`` if it names a moment the age checks can be measured at, else one clear error.

    ``now`` (the clock), ``reference_date`` (the run's ``Settings.reference_date``: a fixed
    corpus) or a date ``YYYY-MM-DD``.
    """
    if value in ("now", "reference_date"):
        return str(value)
    try:
        date.fromisoformat(str(value))
    except ValueError:
        raise DQConfigError(
            f"{where} must be now, reference_date or a date (YYYY-MM-DD), not {value!r}"
        ) from None
    return str(value)


def _number(table: str, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DQConfigError(f"[{table}] {key} must be a number, not {value!r}")
    return float(value)


def _rows(table: dict[str, Any]) -> RowRules:
    known = {f.name for f in fields(RowRules)}
    unknown = set(table) - known
    if unknown:
        raise DQConfigError(f"[rows] unknown keys: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "growth_words":
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise DQConfigError("[rows] growth_words must be a list of strings")
            values[key] = tuple(value)
        elif key in ("growth_window_chars", "conversion_max_gap_days", "agreement_window_days"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DQConfigError(f"[rows] {key} must be a non-negative integer")
            values[key] = value
        else:
            values[key] = _number("rows", key, value)
    rules = RowRules(**values)
    if rules.flops_min >= rules.flops_max:
        raise DQConfigError("[rows] flops_min must be below flops_max")
    if rules.percent_min >= rules.percent_max:
        raise DQConfigError("[rows] percent_min must be below percent_max")
    for name in ("conversion_tolerance", "agreement_tolerance"):
        if not 0 <= getattr(rules, name) < 1:
            raise DQConfigError(f"[rows] {name} must be in [0, 1)")
    return rules


def _check(name: str, table: dict[str, Any]) -> CheckSpec:
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in table.items():
        if key in _THRESHOLDS:
            values[key] = _number(f"checks.{name}", key, value)
        elif key == "enabled":
            if not isinstance(value, bool):
                raise DQConfigError(f"[checks.{name}] enabled must be true or false")
            values[key] = value
        elif key == "description":
            values[key] = str(value)
        elif key == "as_of":
            options[key] = check_as_of(value, f"[checks.{name}] as_of")
        else:
            options[key] = value
    spec = CheckSpec(name=name, options=options, **values)
    for low, high in (("warn_below", "warn_above"), ("error_below", "error_above")):
        lo, hi = getattr(spec, low), getattr(spec, high)
        if lo is not None and hi is not None and lo >= hi:
            raise DQConfigError(f"[checks.{name}] {low} must be below {high}")
    return spec


def parse_dq_config(text: str, source: str | None = None) -> DQConfig:
    """A ``DQConfig`` from TOML text; raises ``DQConfigError`` on anything it does not know."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DQConfigError(f"{source or 'dq.toml'}: {exc}") from exc
    unknown = set(data) - {"rows", "checks"}
    if unknown:
        raise DQConfigError(f"unknown sections: {', '.join(sorted(unknown))}")
    checks = data.get("checks", {})
    if not all(isinstance(v, dict) for v in checks.values()):
        raise DQConfigError("every [checks.<name>] must be a table")
    return DQConfig(
        rows=_rows(data.get("rows", {})),
        checks=tuple(_check(name, table) for name, table in checks.items()),
        source=source,
    )


def load_dq_config(path: str | Path | None = None) -> DQConfig:
    """Read ``dq.toml`` (None: the repository's own, or the copy an installed wheel carries)."""
    if path is not None:
        target = Path(path)
    else:
        target = PACKAGED_DQ_CONFIG if PACKAGED_DQ_CONFIG.is_file() else DEFAULT_DQ_CONFIG
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise DQConfigError(f"cannot read {target}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise DQConfigError(f"{target} is not UTF-8 (byte {exc.start}; save it as UTF-8)") from exc
    return parse_dq_config(text, str(target))
