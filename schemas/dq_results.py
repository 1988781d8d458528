"""The outcome of one run of the dataset-level checks.

A ``DQReport`` holds one ``CheckResult`` per check (the grain of
``dq_check_results``). Its ``exit_code`` follows Soda's convention: 0 all
passed, 1 warnings only, 2 at least one error. ``flows.render`` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsfacts.dq_config import STATUS_RANK, Status


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome (grain of ``dq_check_results``: check run × check)."""

    check_name: str
    check_kind: str
    status: Status
    message: str
    metric: float | None = None
    count_observed: int | None = None
    count_total: int | None = None
    warn_threshold: str | None = None
    error_threshold: str | None = None


@dataclass(frozen=True, slots=True)
class DQReport:
    """Every check of one check run."""

    check_run_id: str
    checked_at: datetime
    invoked_by: str
    run_id: str | None = None
    config_source: str | None = None
    results: tuple[CheckResult, ...] = field(default_factory=tuple)

    @property
    def status(self) -> Status:
        worst = max((STATUS_RANK[r.status] for r in self.results), default=0)
        return next(s for s, rank in STATUS_RANK.items() if rank == worst)  # type: ignore[return-value]

    @property
    def exit_code(self) -> int:
        """0 ok, 1 warnings only, 2 any error."""
        return STATUS_RANK[self.status]

    def by_status(self, status: Status) -> list[CheckResult]:
        return [r for r in self.results if r.status == status]

    def result(self, check_name: str) -> CheckResult:
        return next(r for r in self.results if r.check_name == check_name)

    @property
    def summary(self) -> str:
        counts = {s: len(self.by_status(s)) for s in STATUS_RANK}  # type: ignore[arg-type]
        return (
            f"{len(self.results)} checks: {counts['pass']} passed, "
            f"{counts['warn']} warned, {counts['error']} failed"
        )
