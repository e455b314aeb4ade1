"""Scheduled work: a few periodic jobs over the database, never one job per promise."""
