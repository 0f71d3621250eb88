"""Benchmarks that print their numbers: `python -m xulang.bench [NAME…]` (make bench)."""
