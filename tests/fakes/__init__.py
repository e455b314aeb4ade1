"""Local fakes of Slack and Teams, served on loopback for the end-to-end tests."""
