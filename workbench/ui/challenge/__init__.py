"""Challenging a service (commissioning-cycle.md, section 4): the form's state (``state``),
the form itself (``form``, shown on the public page and on a panel's page), the HTML they
show (``html``) and the public page (``page``)."""

from workbench.ui.challenge.form import ChallengeForm
from workbench.ui.challenge.state import GROUND_WORDS, TEXT_LIMIT, ChallengeState

__all__ = ["GROUND_WORDS", "TEXT_LIMIT", "ChallengeForm", "ChallengeState"]
