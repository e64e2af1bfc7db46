"""The `joinedup` command line: `main.py` builds the parser, one module a command group
(library: ingest/fetch/stats; answers: ask/search; serve: serve/feedback; quiz; evaluate: eval)."""
