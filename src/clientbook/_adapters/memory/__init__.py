"""The in-memory adapter: every tenant's records in a process."""
