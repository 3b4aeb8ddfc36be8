// Question: What lies upstream of a product: which segments supply its segment, directly or through others, and are they covered locally?
//
// Parameters:
//   product      string        required     product name, synonym or id, e.g. 碳酸锂 or 电池级碳酸锂
//   depth        integer(1..12)  3          how many SUPPLIES steps to follow (the pattern's bound is 12)
// Columns: from_chain, from_segment, depth, chain, segment, segment_id, stage, coverage
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param product => '碳酸锂'
//   :param depth => 3
//
// depth is the fewest SUPPLIES steps from the segment to the product's segment (from_segment);
// coverage is the link's state as stored by chainkg.graph.gaps (see segment_coverage.cypher).
MATCH (pr:Product)-[:IN_SEGMENT]->(start:Segment)-[:PART_OF]->(fc:Chain)
WHERE pr.name = $product OR pr.id = $product OR $product IN coalesce(pr.synonyms, [])
MATCH path = (s:Segment)-[:SUPPLIES*1..12]->(start)
WHERE length(path) <= $depth
WITH fc, start, s, min(length(path)) AS depth
MATCH (s)-[:PART_OF]->(c:Chain)
RETURN fc.name AS from_chain,
       start.name AS from_segment,
       depth,
       c.name AS chain,
       s.name AS segment,
       s.id AS segment_id,
       s.stage AS stage,
       s.coverage AS coverage
ORDER BY start.id, depth, c.order, c.id, s.order, s.id
