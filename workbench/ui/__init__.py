"""The browser front end (ipywidgets, served by Voila). Only this package imports ipywidgets."""

from workbench.ui.app import (
    build_app,
    build_ballot_app,
    build_challenge_app,
    build_evaluator_app,
    build_facilitator_app,
    build_finance_app,
    build_moderation_app,
    build_needs_app,
    build_panel_app,
    build_pb_app,
    build_review_app,
    build_specification_app,
)

__all__ = ["build_app", "build_ballot_app", "build_challenge_app", "build_evaluator_app",
           "build_facilitator_app", "build_finance_app", "build_moderation_app",
           "build_needs_app", "build_panel_app", "build_pb_app", "build_review_app",
           "build_specification_app"]
