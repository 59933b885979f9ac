"""The SQL adapter on SQLAlchemy Core: SQLite and PostgreSQL."""
