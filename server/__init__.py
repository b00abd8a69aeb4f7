"""The SPARQL endpoint over the built store (Flask app factory `create_app`)."""
