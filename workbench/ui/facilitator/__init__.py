"""The facilitator's page: its state (``state``: the meeting's state fed by the store), the
panels at a glance (``render``) and the page (``page``)."""

from workbench.ui.facilitator.state import FacilitatorState

__all__ = ["FacilitatorState"]
