"""Hospital profile, key figures, timeline of milestones, honours and accreditations."""
