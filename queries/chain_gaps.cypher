// Question: Which links of a chain are 招商 targets: to fill (补链), extend to (延链) or strengthen (强链), and why?
//
// Parameters:
//   chain        string   null         chain name or id, e.g. 清洁能源; null: every chain
// Columns: chain, kind, kind_zh, segment_order, segment, segment_id, stage, coverage, coverage_zh, reason, fact_count
//
// Example (Neo4j Browser: run the :param line, then the query):
//   :param chain => '清洁能源'
//
// The targets are decided once per build by chainkg.graph.gaps and stored on the Segment node
// (target, reason): fill 补链 = a lacking or unknown link with held links (strong, present,
// building) both upstream and downstream along the chain's own SUPPLIES links; extend 延链 = a
// lacking or unknown link downstream of a held link with nothing held further down; strengthen
// 强链 = a present (not strong) link resting on one company or one project. A link is in at
// most one of them. Rows: fill, then extend, then strengthen, each upstream to downstream.
// coverage is the link's state: strong, present, building, planned, lacking or unknown
// (segment_coverage.cypher says what each means).
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)
WHERE ($chain IS NULL OR c.name = $chain OR c.id = $chain) AND s.target IS NOT NULL
WITH c, s, CASE s.target WHEN 'fill' THEN 0 WHEN 'extend' THEN 1 ELSE 2 END AS k
RETURN c.name AS chain,
       s.target AS kind,
       s.target_zh AS kind_zh,
       s.order AS segment_order,
       s.name AS segment,
       s.id AS segment_id,
       s.stage AS stage,
       s.coverage AS coverage,
       s.coverage_zh AS coverage_zh,
       s.reason AS reason,
       coalesce(s.fact_count, 0) AS fact_count
ORDER BY c.order, c.id, k, s.order, s.id
