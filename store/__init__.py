"""Records, the TinyDB dossier file, indexes, search and Markdown export (no UI imports)."""
