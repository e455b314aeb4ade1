"""Platform adapters: read a request, ack fast, call one service, render the result."""
