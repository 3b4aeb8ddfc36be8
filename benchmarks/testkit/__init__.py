"""Helpers of the tests and benchmarks, kept out of the product packages (issue 16, item 5).

Synthetic corpora (:mod:`testkit.synthetic_corpus`), knowledge graphs
(:mod:`testkit.synthetic_graph`) and view graphs (:mod:`testkit.synthetic_view`) of any size, and
the in-browser label measurement of the readability tests (:mod:`testkit.readability`). Nothing
under ``chainkg`` imports them; pytest finds them through ``pythonpath = ["benchmarks"]`` and a
benchmark script run as ``python benchmarks/x.py`` has ``benchmarks/`` on its path.
"""
