"""News articles, categories, captioned images, scheduled publishing and the feed."""
