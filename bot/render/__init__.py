"""Turning replies and outbox messages into each platform's messages: text, Block Kit, cards."""
