"""The finance page: its state (``state``), its page (``page``) and the HTML it shows
(``html``, plain data in, text out)."""

from workbench.ui.finance.page import FinancePage, export_panel
from workbench.ui.finance.state import FinanceState, decision_from_meeting

__all__ = ["FinancePage", "FinanceState", "decision_from_meeting", "export_panel"]
