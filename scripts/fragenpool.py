#!/usr/bin/env python3
"""Write the course's quizzes as question pools for learning platforms into dist/fragenpool/."""

import sys

from coursekit.exports.questionpools import main

if __name__ == "__main__":
    sys.exit(main())
