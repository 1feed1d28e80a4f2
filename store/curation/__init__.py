"""Curation: the analyst's judgements stored as a replayable log over the machine's records.

``operations`` names each kind of change as a typed value; ``log`` keeps them (with undo and
redo) as the file's ``edits`` table; ``state`` folds the active edits into a small summary;
``derive`` computes curated records from machine records and that summary; ``view`` keeps the
curated maps and their indexes up to date record by record.
"""
