"""Joined Up: cited answers over multi-agency safeguarding guidance.

Importing this package does no work: models, stores and clients are built lazily by factories.
"""

__version__ = "0.1.0"
