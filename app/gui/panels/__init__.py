"""The docked panels: library, entities, differences, annotations, and their models."""
