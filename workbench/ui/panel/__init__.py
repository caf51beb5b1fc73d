"""A stakeholder panel's page, for a phone first: its state (``state``), its page (``page``),
the HTML it shows (``html``, plain data in, text out) and the scenario in words (``words``)."""

from workbench.ui.panel.page import PanelPage
from workbench.ui.panel.state import COMMENT_LIMIT, PanelState

__all__ = ["COMMENT_LIMIT", "PanelPage", "PanelState"]
