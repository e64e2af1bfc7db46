"""Registers its subcommands into the joinedup parser (filled in by its own issue)."""


def register(sub) -> None:
    return None
