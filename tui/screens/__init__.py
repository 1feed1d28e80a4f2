"""Screens of the dossier UI: the main three-pane screen and its modal overlays."""
