// Question: How much local capacity is there per product, split into operating, under construction and planned?
//
// Parameters:
//   product      string   null         only this product (its canonical name, e.g. 碳酸锂); null: every product
//   chain        string   null         only this chain (name, e.g. 盐湖化工); null: every chain
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
//   trial_rank   integer  TRIAL_RANK   lowest status rank whose capacity counts as operating (trial runs included)
// Columns: product, chain, base_unit, operating, under_construction, planned, total
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param product => null
//   :param chain => '盐湖化工'
//   :param active_rank => 4
//   :param reported => 'reported'
//   :param trial_rank => 5
//
// The same totals as chainkg.graph.gaps.capacity_totals: per Product node (so a project stated
// as a synonym counts under its product) and the chain of the product's segment ('' when
// unmapped); only projects with a stated capacity count, in base units (t, W, Wh …), never
// adding different units; operating includes trial runs; planned is every project not active.
MATCH (p:Project)-[:PRODUCES]->(pr:Product)
WHERE p.capacity_base_value IS NOT NULL
OPTIONAL MATCH (pr)-[:IN_SEGMENT]->(:Segment)-[:PART_OF]->(c:Chain)
WITH p, pr, coalesce(c.name, '') AS chain
WHERE ($product IS NULL OR pr.name = $product) AND ($chain IS NULL OR chain = $chain)
WITH p, pr, chain, coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank AS active
WITH p, pr, chain, CASE WHEN NOT active THEN 'planned'
             WHEN coalesce(p.status_rank, 0) >= $trial_rank THEN 'operating'
             ELSE 'under_construction' END AS capacity_class
WITH pr.name AS product, chain, p.capacity_base_unit AS base_unit,
     sum(CASE WHEN capacity_class = 'operating' THEN toFloat(p.capacity_base_value) ELSE 0.0 END) AS operating,
     sum(CASE WHEN capacity_class = 'under_construction' THEN toFloat(p.capacity_base_value) ELSE 0.0 END) AS under_construction,
     sum(CASE WHEN capacity_class = 'planned' THEN toFloat(p.capacity_base_value) ELSE 0.0 END) AS planned
RETURN product, chain, base_unit, operating, under_construction, planned,
       operating + under_construction + planned AS total
ORDER BY product, chain, base_unit
