"""The side-by-side comparison: panes, link maps, scroll sync, highlights, entity following,
the synopsis."""
