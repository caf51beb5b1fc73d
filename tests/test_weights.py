"""Weighting methods: direct points, swing, and AHP against published worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.weights import agree, ahp, normalise, swing


def test_ahp_reproduces_the_classic_three_criterion_example():
    # A widely published worked example (e.g. Saaty's method as taught in operations research
    # texts): weights 0.637, 0.258, 0.105; lambda_max 3.039; CR 0.033.
    result = ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert result.weights == pytest.approx((0.637, 0.258, 0.105), abs=0.001)
    assert result.lambda_max == pytest.approx(3.039, abs=0.001)
    assert result.consistency_ratio == pytest.approx(0.033, abs=0.001)
    assert result.consistent


def test_ahp_consistent_matrix_gives_its_ratios_and_cr_zero():
    w = [0.4, 0.3, 0.2, 0.1]
    result = ahp([[a / b for b in w] for a in w])
    assert result.weights == pytest.approx(w)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)


def test_ahp_inconsistent_matrix_is_flagged():
    result = ahp([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert result.consistency_ratio > 0.10 and not result.consistent


def test_ahp_two_by_two_has_cr_zero():
    assert ahp([[1, 3], [1 / 3, 1]]).consistency_ratio == 0


@pytest.mark.parametrize("matrix, message", [
    ([[1, 2], [0.5, 1], [1, 1]], "must be square"),
    ([[1, 2], [2, 1]], "matrix[1][0]: must be 1/matrix[0][1]"),
    ([[1, -2], [-0.5, 1]], "matrix[0][1]: must be a number above 0"),
    ([["a", 1], [1, 1]], "square list of lists of numbers"),
])
def test_ahp_refuses_invalid_matrices(matrix, message):
    with pytest.raises(InputError) as caught:
        ahp(matrix)
    assert message in str(caught.value)


def test_swing_weights():
    assert swing({"outcomes": 100, "access": 50, "carbon": 50}) == pytest.approx(
        {"outcomes": 0.5, "access": 0.25, "carbon": 0.25})
    with pytest.raises(InputError, match="must have 100"):
        swing({"outcomes": 80, "access": 50})
    with pytest.raises(InputError, match="0 to 100"):
        swing({"outcomes": 100, "access": 150})


@given(st.dictionaries(st.sampled_from("abcde"), st.floats(0, 1000), min_size=1)
       .filter(lambda d: sum(d.values()) > 1e-6))
def test_normalised_weights_sum_to_one(raw):
    w = normalise(raw, "abcde")
    assert sum(w.values()) == pytest.approx(1)
    assert all(v >= 0 for v in w.values())


@given(st.lists(st.tuples(st.floats(0.01, 10), st.floats(1, 100), st.floats(1, 100)),
                min_size=1, max_size=5))
def test_agreed_weights_sum_to_one(groups):
    raw = {f"g{i}": {"x": a, "y": b} for i, (_, a, b) in enumerate(groups)}
    influence = {f"g{i}": inf for i, (inf, _, _) in enumerate(groups)}
    assert sum(agree(raw, influence, ["x", "y"]).values()) == pytest.approx(1)
