"""The tender evaluation pages: the evaluator's and the moderator's (commissioning-cycle.md,
section 5)."""
