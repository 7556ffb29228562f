from ordiff.cli import script

script()
