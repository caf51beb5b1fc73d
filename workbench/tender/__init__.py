"""Outsourcing (commissioning-cycle.md, section 5): tender evaluation, the specification's
priorities and the contract terms, as pure functions over immutable data."""

from workbench.tender.award import award, write_award
from workbench.tender.evaluation import TenderResult, evaluate
from workbench.tender.files import load_tender, parse_tender
from workbench.tender.model import FORMAT, Bid, Criterion, Evaluator, Moderated, PriceRule, Tender
from workbench.tender.text import tender_text

__all__ = ["FORMAT", "Bid", "Criterion", "Evaluator", "Moderated", "PriceRule", "Tender",
           "TenderResult", "award", "evaluate", "load_tender", "parse_tender", "tender_text",
           "write_award"]
