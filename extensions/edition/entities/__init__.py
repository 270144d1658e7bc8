"""Entities: the registers' data file, mentions in the text, and the register pages."""
