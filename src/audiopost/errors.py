"""The one error type users see. The CLI prints it as ``Error: <message>`` and exits 1."""


class AudiopostError(Exception):
    """A failure the user can act on: bad input, a missing tool, an output that may not be replaced."""


class NothingToSay(AudiopostError):
    """The post has no text to narrate (a title alone, or only boilerplate): batch skips it."""


class MissingDependency(AudiopostError):
    """A system tool or library is not installed; the message names what to install."""
