"""Departments, their grouping, designations, centres and alliances, and the conditions each treats."""
