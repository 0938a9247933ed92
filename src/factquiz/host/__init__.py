"""host stage."""
