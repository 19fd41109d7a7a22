"""Document structure passes: site chrome, bylines, repeated headlines and paragraphs."""
