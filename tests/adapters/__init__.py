"""Tests of the storage adapters: the contract on each, and the SQL adapter's own."""
