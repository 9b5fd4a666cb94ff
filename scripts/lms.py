#!/usr/bin/env python3
"""Build the LMS packages (SCORM 1.2 and 2004) of the course into dist/."""

import sys

from coursekit.exports.lms import main

if __name__ == "__main__":
    sys.exit(main())
