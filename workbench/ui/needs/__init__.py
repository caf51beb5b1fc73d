"""The public needs register (commissioning-cycle.md, section 6): the page's state
(``state``), the HTML it shows (``html``) and the page (``page``)."""

from workbench.ui.needs.state import NeedsState

__all__ = ["NeedsState"]
