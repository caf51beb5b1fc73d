"""A seeded model of a year of results, for the monitoring tests and the benchmark.

Each target's result in month m (0 for the first month) is

    level + drift * m + noise,   noise(m) = 0.5 * noise(m-1) + e,  e ~ Normal(0, spread)

rounded to one decimal (a whole number for counts above 1,000): a slow drift from where the
service stands plus autocorrelated noise, which is how monthly service measures tend to
move. A quarterly target takes the mean of its quarter's three months. ``PROFILES`` sets
level, drift and spread for the Riverside targets; ``generic_profile`` gives any other
target one drawn from its thresholds. ``random.Random(seed)`` makes every run the same.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from workbench.monitoring.periods import month_index, month_text
from workbench.paths import SCENARIO_DIR
from workbench.scenario import Scenario, parse_scenario
from workbench.scenario.cycle import Target

HERE = Path(__file__).resolve().parent
FIRST_MONTH = month_index(2027, 4)        # April 2027: the first month of 2027/28
# level, drift a month, spread: home care slips into misses, waste collection is erratic.
PROFILES = {
    "hc_on_time": (94.0, -0.6, 1.2), "hc_missed": (2.5, 0.3, 0.6),
    "hr_emergency": (98.5, 0.0, 0.8), "hr_routine_days": (21.0, 0.1, 1.5),
    "hr_satisfied": (83.0, 0.2, 1.5), "wc_missed_bins": (72.0, 1.0, 12.0),
    "wc_recycling": (48.0, 0.1, 0.8), "lib_visits": (29000.0, -150.0, 900.0),
}


def riverside_monitored() -> Scenario:
    """The bundled Riverside example: it has targets, review rules and the waste contract's
    end date."""
    return parse_scenario((SCENARIO_DIR / "riverside.yaml").read_text())


def generic_profile(target: Target, rng: random.Random) -> tuple[float, float, float]:
    """Level near the target, drift up to a tenth of the gap to ``inadequate`` a month."""
    gap = abs(target.target - (target.inadequate if target.inadequate is not None
                               else target.approaching_level)) or abs(target.target) * 0.1 or 1
    sign = 1.0 if target.direction == "higher" else -1.0
    return target.target - sign * gap * rng.uniform(-0.5, 0.8), \
        -sign * gap * rng.uniform(-0.05, 0.1), gap * 0.4


def monthly_results(scenario: Scenario, months: int = 12, seed: int = 2027,
                    first: int = FIRST_MONTH) -> list[tuple[str, str, str, float]]:
    """``(service, target, period, value)`` rows for every target, ``months`` from
    ``first``, in target then period order."""
    rng = random.Random(seed)
    rows = []
    for target in scenario.targets or ():
        level, drift, spread = PROFILES.get(target.id) or generic_profile(target, rng)
        noise, values = 0.0, []
        for m in range(months):
            noise = 0.5 * noise + rng.gauss(0, spread)
            values.append(level + drift * m + noise)
        if target.period == "month":
            periods = [(month_text(first + m), v) for m, v in enumerate(values)]
        else:
            periods = [(_quarter(first + m), sum(values[m - 2:m + 1]) / 3)
                       for m in range(months) if (first + m) % 3 == 2 and m >= 2]
        for period, value in periods:
            rows.append((target.service, target.id, period,
                         round(value) if abs(value) > 1000 else round(value, 1)))
    return rows


def _quarter(month: int) -> str:
    return f"{month // 12}-Q{month % 12 // 3 + 1}"


def results_csv(rows: list[tuple[str, str, str, float]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["service", "measure", "period", "value"])
    writer.writerows(rows)
    return out.getvalue()
