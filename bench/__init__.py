"""The benchmark: a synthetic office of any size, and whole-process timings against baselines.

It lives in the repository, not in the package: it imports the installed bcngv (a wheel or the
editable install) and reads this checkout's records, configuration and templates, which it sits
beside. So it is never part of the cache key (records/cache.py hashes the package's modules), and
nothing in the installed package looks for a checkout."""
