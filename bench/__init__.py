"""`make bench`: dossier's speed and extraction quality at 1k, 5k and ~23.8k corpus articles.

Run as ``python -m bench``; every measurement runs in a fresh child process so start-up,
memory and cold imports are what a user meets. See docs/performance.md.
"""
