"""orgkg extraction: parse Chinese Wikipedia articles (pandoc Markdown) and extract RDF facts."""
