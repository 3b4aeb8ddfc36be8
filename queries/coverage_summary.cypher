// Question: For every chain, how many links are strong, present, building, planned, lacking or unknown, what share is held, and which links are 补链 / 延链 / 强链 targets?
//
// Parameters:
//   official     boolean  null         true: only the chains the chain-leader text names; false: only the others; null: all
// Columns: chain, official, segments, strong, present, building, planned, lacking, unknown, coverage_ratio, fill, extend, strengthen
//
// Example (Neo4j Browser: run the :param line, then the query):
//   :param official => null
//
// One row per chain in the text's order, read from what chainkg.graph.gaps stored on the Chain
// node at build time: counts per state, coverage_ratio = (strong + present) / links, and the
// target links' names upstream to downstream (see segment_coverage.cypher for the definitions).
MATCH (c:Chain)
WHERE $official IS NULL OR c.official = $official
RETURN c.name AS chain,
       c.official AS official,
       COUNT { (c)<-[:PART_OF]-(:Segment) } AS segments,
       coalesce(c.n_strong, 0) AS strong,
       coalesce(c.n_present, 0) AS present,
       coalesce(c.n_building, 0) AS building,
       coalesce(c.n_planned, 0) AS planned,
       coalesce(c.n_lacking, 0) AS lacking,
       coalesce(c.n_unknown, 0) AS unknown,
       coalesce(c.coverage_ratio, 0.0) AS coverage_ratio,
       coalesce(c.fill, []) AS fill,
       coalesce(c.extend, []) AS extend,
       coalesce(c.strengthen, []) AS strengthen
ORDER BY c.order, c.id
