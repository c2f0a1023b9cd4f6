"""One search over departments, experts, equipment and news."""
