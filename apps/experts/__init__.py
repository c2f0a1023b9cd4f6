"""Experts, their workstations and teams, and weekly clinic schedules with their exceptions."""
