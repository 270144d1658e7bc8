"""What the edition knows of its documents: typed metadata, records, the domain, pointers."""
