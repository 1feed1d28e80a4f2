"""The seed dossier: two real scraped articles, kept byte-for-byte and shipped as package data."""
