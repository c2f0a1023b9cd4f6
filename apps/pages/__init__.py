"""Pages that compose the others: home, patient-service pages, 导诊 and sitemaps."""
