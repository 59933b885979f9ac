"""The adapters: in-memory and SQL storage, and plain data (JSON) for records."""
