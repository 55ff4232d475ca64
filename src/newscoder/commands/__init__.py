"""Bodies of the longer CLI commands, so ``cli.py`` stays a readable list of commands.

These modules are part of the command line: they print to the console they are
given and return an exit code; they raise :class:`~newscoder.errors.NewscoderError`
for usage errors, which ``cli.py`` turns into a message and exit code 2.
"""
