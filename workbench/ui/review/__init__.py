"""The facilitator's monitoring and review page: its state (``state``: the meeting's
results, challenges and reviews from the store), the HTML (``render``), the trend pictures
(``charts``) and the page (``page``)."""

from workbench.ui.review.state import ReviewState

__all__ = ["ReviewState"]
