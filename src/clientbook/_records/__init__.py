"""The records: frozen attrs values and aggregates, with no rule and no I/O."""
