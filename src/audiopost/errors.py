"""The one error type users see. The CLI prints it as ``Error: <message>`` and exits 1."""


class AudiopostError(Exception):
    """A failure the user can act on: bad input, a missing tool, an output that may not be replaced."""


class MissingDependency(AudiopostError):
    """A system tool or library is not installed; the message names what to install."""
