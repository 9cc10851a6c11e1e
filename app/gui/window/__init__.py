"""The main window and what it hands to other parts: menus, actions, hooks, settings, help."""
