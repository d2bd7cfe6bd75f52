"""Import-only stand-in for dacy.datasets (see ../README.md)."""


def dane(*args, **kwargs):
    raise RuntimeError("dacy stand-in: the DaNE dataset needs a download")
