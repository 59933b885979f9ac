"""What every layer uses: the root of the errors and the message catalogs."""
