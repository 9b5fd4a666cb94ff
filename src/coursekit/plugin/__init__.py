"""The mkdocs integration of the course (entry point ``course``)."""
