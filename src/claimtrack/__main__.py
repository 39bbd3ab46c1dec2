"""`python -m claimtrack` runs the command line."""

from claimtrack.cli import main

main(prog_name="claimtrack")
