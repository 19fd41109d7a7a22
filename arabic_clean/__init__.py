"""arabic-clean: composable pure-function passes for scraped Arabic news text."""

__version__ = "0.1.0"
