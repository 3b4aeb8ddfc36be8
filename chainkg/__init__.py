"""chainkg: the industrial-chain knowledge graph of Haixi (海西州).

Stages, one folder each at the repo root and one sub-package each here:
``chainkg.reading`` (read, normalize, split into sentences) -> ``chainkg.ingest`` (extract,
resolve) -> ``chainkg.graph``
(model, embedded networkx store, Neo4j store) -> ``chainkg.queries`` (Cypher library and
its embedded twins) -> ``chainkg.views`` (pyvis pages). ``chainkg.cli`` is the command line.
"""

__version__ = "0.1.0"
