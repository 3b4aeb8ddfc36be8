// Question: Which other chains is a chain linked to, through which segments, and which way do the products flow?
//
// Parameters:
//   chain        string   required     chain name or id, e.g. 盐湖化工
// Columns: direction, linked_chain, from_chain, from_segment, to_chain, to_segment, via
//
// Example (Neo4j Browser: run the :param line, then the query):
//   :param chain => '盐湖化工'
//
// One row per cross-chain SUPPLIES link touching the chain: direction is downstream when the
// chain supplies the linked chain, upstream when the linked chain supplies it; via lists the
// products that flow along the link (lithium salts -> batteries -> storage …).
MATCH (c:Chain)
WHERE c.name = $chain OR c.id = $chain
MATCH (a:Segment)-[r:SUPPLIES]->(b:Segment), (a)-[:PART_OF]->(ac:Chain), (b)-[:PART_OF]->(bc:Chain)
WHERE r.cross_chain = true AND (ac = c OR bc = c)
WITH c, a, r, b, ac, bc, CASE WHEN ac = c THEN 'downstream' ELSE 'upstream' END AS direction
WITH direction, CASE WHEN direction = 'downstream' THEN bc ELSE ac END AS linked, a, r, b, ac, bc
RETURN direction,
       linked.name AS linked_chain,
       ac.name AS from_chain,
       a.name AS from_segment,
       bc.name AS to_chain,
       b.name AS to_segment,
       coalesce(r.via, []) AS via
ORDER BY direction, linked.order, linked.id, a.order, a.id, b.order, b.id, r.key
