"""xulang: the content model, checks and MkDocs plugin of the Lạng Sơn trilingual site."""

__version__ = "0.1.0"
