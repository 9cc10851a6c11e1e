"""The Qt desktop application: turns app.core results into widgets."""
