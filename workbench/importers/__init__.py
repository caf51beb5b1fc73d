"""Bring other formats in as scenarios."""
