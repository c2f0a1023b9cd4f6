"""Mechanisms every app of the portal uses: publishing, rich text, images, campuses, health, errors."""
