"""The iwobook benchmark and its synthetic manuscripts (docs/performance.md): `python -m tools.bench --help`."""
