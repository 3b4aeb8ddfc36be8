"""The one exception type the command line turns into a clear one-line message.

Raise :class:`ChainkgError` with a message that names the file or argument and what is
wrong; ``chainkg`` prints ``chainkg: error: <message>`` and exits with the class's
``exit_code`` (2, a usage error, unless a subclass says otherwise), no traceback.
"""


class ChainkgError(Exception):
    """A user-facing error: bad input, bad argument, unreachable server."""

    exit_code = 2
