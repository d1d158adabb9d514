"""Browser tests of the editors' flows use the shared browser fixtures in
tests/conftest.py (`browser`, `page` with the demo story, `log_in`)."""
