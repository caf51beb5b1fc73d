"""The meeting page: its state (``state``, no widgets), its HTML from plain data
(``render``, ``charts``), the weights tabs (``weights``) and the page (``page``)."""

from workbench.ui.meeting.state import MeetingState

__all__ = ["MeetingState"]
