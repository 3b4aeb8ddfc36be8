// Question: What lies downstream of a product: which segments its segment supplies, directly or through others, and are they covered locally?
//
// Parameters:
//   product      string        required     product name, synonym or id, e.g. 多晶硅 or 晶硅组件
//   depth        integer(1..12)  3          how many SUPPLIES steps to follow (the pattern's bound is 12)
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
// Columns: from_chain, from_segment, depth, chain, segment, segment_id, stage, coverage
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param product => '多晶硅'
//   :param depth => 3
//   :param active_rank => 4
//   :param reported => 'reported'
//
// depth is the fewest SUPPLIES steps from the product's segment (from_segment) to the segment;
// coverage is covered / planned / gap as in chain_overview.cypher.
MATCH (pr:Product)-[:IN_SEGMENT]->(start:Segment)-[:PART_OF]->(fc:Chain)
WHERE pr.name = $product OR pr.id = $product OR $product IN coalesce(pr.synonyms, [])
MATCH path = (start)-[:SUPPLIES*1..12]->(s:Segment)
WHERE length(path) <= $depth
WITH fc, start, s, min(length(path)) AS depth
MATCH (s)-[:PART_OF]->(c:Chain)
OPTIONAL MATCH (p:Project)-[:PRODUCES]->(:Product)-[:IN_SEGMENT]->(s)
WITH fc, start, s, c, depth, collect(DISTINCT p) AS projects
WITH fc, start, s, c, depth, projects,
     [p IN projects WHERE coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank] AS active
RETURN fc.name AS from_chain,
       start.name AS from_segment,
       depth,
       c.name AS chain,
       s.name AS segment,
       s.id AS segment_id,
       s.stage AS stage,
       CASE WHEN size(active) > 0 THEN 'covered' WHEN size(projects) > 0 THEN 'planned' ELSE 'gap' END AS coverage
ORDER BY start.id, depth, c.order, c.id, s.order, s.id
