"""The facilitator's specification and contract-terms page (section 5)."""
