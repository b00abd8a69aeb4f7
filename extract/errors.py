"""The error a build or a store command reports to the user as one line."""


class BuildError(Exception):
    """A build that cannot go on; the message says what failed and what to do."""
