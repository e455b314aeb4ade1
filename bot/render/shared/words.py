"""Words of Kept's that belong to no one feature."""

# After an unexpected error: logged with its context; the person gets this, never a trace.
APOLOGY = (
    "Sorry, something went wrong on my side, so I can't say whether that was done."
    " Check before you try again."
)
