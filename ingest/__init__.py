"""Reading documents and extracting actors and events from them (no UI imports)."""
