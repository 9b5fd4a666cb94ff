"""Exports of the course for other systems: LMS packages (SCORM, cmi5) and question pools."""
