"""The equipment catalogue."""
