"""Highlights and notes: the annotator, its undoable commands, dialog and list model."""
