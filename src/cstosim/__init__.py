"""cstosim: the decision procedures of the Collective Security Treaty Organization as code."""

__version__ = "0.1.0"
