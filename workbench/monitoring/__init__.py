"""Monitoring and review (commissioning-cycle.md, sections 2 to 4): rating results against
targets, contract performance, when a review is due, challenges and their answers, and the
outcome of a review. Pure functions over the scenario and the files read at the edges."""

from workbench.monitoring.answers import STATES, Answer, AnswerState, answered, is_overdue, state_of
from workbench.monitoring.challenges import Challenge, read_challenges
from workbench.monitoring.due import as_of_month, reviews_due
from workbench.monitoring.outcome import Review, reopened, write_reopened
from workbench.monitoring.performance import kpi_warnings, performance
from workbench.monitoring.periods import parse_month
from workbench.monitoring.rag import RAG, rag
from workbench.monitoring.rating import RATINGS, Rating, is_miss, rate, worst
from workbench.monitoring.results import Result, read_results
from workbench.monitoring.review import ReviewReport, review

__all__ = [
    "RAG", "RATINGS", "STATES", "Answer", "AnswerState", "Challenge", "Rating", "Result",
    "Review", "ReviewReport", "answered", "as_of_month", "is_miss", "is_overdue",
    "kpi_warnings", "parse_month", "performance", "rag", "rate", "read_challenges",
    "read_results", "reopened", "review", "reviews_due", "state_of", "worst",
    "write_reopened",
]
