"""claims: what news articles claim, and where the sources agree or disagree."""

__version__ = "0.1.0"
