"""`python -m claims` runs the command line."""

from .cli import app

app(prog_name="claims")
