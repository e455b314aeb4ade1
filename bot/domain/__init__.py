"""Pure rules of the product: no I/O, no platform, no storage, no clock reads."""
