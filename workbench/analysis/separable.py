"""The givens split into those a service-by-service Pareto merge can hold exactly and the rest.

Each kind says how it is held (its ``separate``, in :mod:`workbench.givens`): by removing
options (``require_option``, ``forbid_modes``, ``min_score``), by linking two services, which
are merged into one part whose alternatives are the pairs of options that meet the link
(``requires``), or by a limit on changes, which add up over the parts (``max_changes``).
What is left (``spend_share``, and any link too large to merge) couples every service: the
merge ignores it, so its front is that of a relaxation, and each point is checked against it.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from workbench.analysis.pareto import Stage
from workbench.arrays import ScenarioArrays
from workbench.givens.kind import Parts
from workbench.givens.registry import kind_of
from workbench.givens.rows import Row, rows_hold
from workbench.optimiser.model import given_rows

MAX_ALTERNATIVES = 4096   # a part of linked services with more alternatives is not merged


@dataclass(frozen=True)
class Separated:
    """Parts for :func:`pareto_front`, its change limit, and the rows it does not hold."""

    stages: list[Stage]
    max_changes: int | None
    coupling: list[Row]


def separate(arrays: ScenarioArrays, coefficients: np.ndarray,
             lifted: Collection[str] = ()) -> Separated:
    """Every given not in ``lifted``, held by the parts or listed as a coupling row."""
    givens = {g.id: g for g in arrays.scenario.givens}
    parts = Parts(np.ones(arrays.n_options, dtype=bool))
    for row in given_rows(arrays, lifted):
        given = givens[row.given]
        kind_of(given).separate(given, row, arrays, parts)
    allowed, links, limit, coupling = parts.allowed, parts.links, parts.max_changes, \
        list(parts.coupling)
    has_current = np.zeros(len(arrays.starts) - 1, dtype=bool)
    has_current[arrays.service_of[arrays.is_current]] = True
    changes = (has_current[arrays.service_of] & ~arrays.is_current).astype(np.int64)
    if limit is None or limit >= int(has_current.sum()):
        limit, changes = None, np.zeros_like(changes)
    groups, coupling_links = _link(arrays, allowed, links)
    coupling += coupling_links
    stages = [_stage(arrays, coefficients, changes, allowed, members, inner)
              for members, inner in groups]
    return Separated(stages, limit, coupling)


def _link(arrays: ScenarioArrays, allowed: np.ndarray, links: list[tuple[int, int, Row]]):
    """Services grouped by the ``requires`` links between them, each group with its links;
    links of groups too large to merge come back as rows."""
    service_of = arrays.service_of
    parent = list(range(len(arrays.starts) - 1))

    def root(s: int) -> int:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for a, b, _ in links:
        if service_of[a] == service_of[b]:
            if a != b:
                allowed[a] = False   # the other option of the same service can never be chosen
        elif allowed[a]:
            parent[root(service_of[a])] = root(service_of[b])
    members: dict[int, list[int]] = {}
    for s in range(len(parent)):
        members.setdefault(root(s), []).append(s)
    inner: dict[int, list[tuple[int, int]]] = {}
    for a, b, _ in links:
        if service_of[a] != service_of[b] and allowed[a]:
            inner.setdefault(root(service_of[a]), []).append((a, b))
    groups: list[tuple[list[int], list[tuple[int, int]]]] = []
    rows: list[Row] = []
    for key, services in sorted(members.items(), key=lambda kv: kv[1][0]):
        size = np.prod([allowed[arrays.starts[s]:arrays.starts[s + 1]].sum() for s in services],
                       dtype=float)
        if len(services) > 1 and size > MAX_ALTERNATIVES:
            groups += [([s], []) for s in services]
            rows += [row for a, b, row in links if root(service_of[a]) == key and
                     service_of[a] != service_of[b] and allowed[a]]
        else:
            groups.append((services, inner.get(key, [])))
    return groups, rows


def _stage(arrays: ScenarioArrays, coefficients: np.ndarray, changes: np.ndarray,
           allowed: np.ndarray, services: list[int], links: list[tuple[int, int]]) -> Stage:
    """The alternatives of the services ``services`` that meet their ``links``."""
    lists = [np.flatnonzero(allowed[arrays.starts[s]:arrays.starts[s + 1]]) + arrays.starts[s]
             for s in services]
    options = np.array(list(itertools.product(*lists)), dtype=np.int64).reshape(
        -1, len(services))
    column = {s: k for k, s in enumerate(services)}
    ok = np.ones(len(options), dtype=bool)
    for a, b in links:
        ok &= (options[:, column[arrays.service_of[a]]] != a) | \
            (options[:, column[arrays.service_of[b]]] == b)
    options = options[ok]
    return Stage(options, arrays.total_cost[options].sum(axis=1),
                 coefficients[options].sum(axis=1), changes[options].sum(axis=1))


def meets(rows: list[Row], chosen: np.ndarray) -> np.ndarray:
    """For each portfolio (a row of option indices in ``chosen``), whether every row holds
    (:func:`workbench.givens.rows.rows_hold`, the tolerance the warm starts use)."""
    if not rows:
        return np.ones(len(chosen), dtype=bool)
    activity = np.stack([row.coefficients[chosen].sum(axis=1) for row in rows])
    held = rows_hold(activity, np.array([r.rhs for r in rows]),
                     np.array([r.sense for r in rows]))
    return np.asarray(held.all(axis=0))
