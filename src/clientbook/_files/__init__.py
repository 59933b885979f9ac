"""The client-file edge: reading, checking and importing client files."""
