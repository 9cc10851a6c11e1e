"""Expected errors: each becomes a clear one-line message for the user, never a traceback."""


class ParallaxError(Exception):
    """Base of every error the user should see as a message."""


class UnreadableFile(ParallaxError):
    """A file that cannot be imported; the message says why (empty, binary, too large, …)."""


class ModelMissing(ParallaxError):
    """No usable spaCy English model is installed."""


class NotFound(ParallaxError):
    """A collection, article or entity named by the user does not exist."""
