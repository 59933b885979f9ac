"""The rules: pure functions over the records that return values or problems."""
