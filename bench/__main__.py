"""`python -m bench`: run every benchmark and print Markdown tables for bench/README.md."""

from bench import validation

validation.main()
