"""python -m newscoder: the command line."""

from newscoder.cli import main

main()
