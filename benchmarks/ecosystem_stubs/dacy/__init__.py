"""Import-only stand-in for the dacy package (see ../README.md)."""
