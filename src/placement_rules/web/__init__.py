"""The web page for people: a form to enter an event in Swedish and the answer page
(:mod:`.form`, a FastAPI router the service includes)."""
