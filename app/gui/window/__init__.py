"""The main window (main_window.py) and its parts: the action table and the menus laid out from
it, the dialogs it opens, its re-analysis controller, its toolbar controls, settings, help."""
