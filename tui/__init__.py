"""The Textual app: panes for actors, events and source text, linked by the keyboard."""
