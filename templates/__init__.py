"""Built-in report templates (Jinja). A package only so that importlib.resources
finds them in a wheel and in an editable install alike; see docs/report.md."""
