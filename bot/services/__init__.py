"""Use cases: one transaction each, plain values in and plain results out."""
