"""Kept: a chat bot that helps people keep their word at work."""
