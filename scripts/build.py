#!/usr/bin/env python3
"""Build the course site (or, with --check, only validate the content)."""

import sys

from coursekit.build import main

if __name__ == "__main__":
    sys.exit(main())
