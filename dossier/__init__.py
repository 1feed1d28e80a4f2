"""dossier: turn news articles into a browsable dossier of actors, events and sources."""

__version__ = "0.1.0"
