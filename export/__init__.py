"""Exports for people who work outside the tool: the 招商 work pack (Excel workbooks, a printable A4 chain sheet with its chain map), GraphML and CSV."""
