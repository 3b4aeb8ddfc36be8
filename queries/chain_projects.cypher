// Question: Which local projects does a chain have: company, product, capacity, status and place, segment by segment?
//
// Parameters:
//   chain        string   required     chain name or id, e.g. 盐湖化工
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
//   trial_rank   integer  TRIAL_RANK   lowest status rank whose capacity counts as operating (trial runs included)
// Columns: chain, segment_order, segment, project_id, project, company, product, capacity, capacity_base_value, capacity_base_unit, status, status_text, mode, standing, capacity_class, place
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param chain => '盐湖化工'
//   :param active_rank => 4
//   :param reported => 'reported'
//   :param trial_rank => 5
//
// A project belongs to the chain of the segment of the product it produces. standing is active
// (reported and status rank >= $active_rank) or planned; capacity_class is operating,
// under_construction or planned, as the capacity totals count it (graph/gaps.py).
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)<-[:IN_SEGMENT]-(pr:Product)<-[:PRODUCES]-(p:Project)
WHERE c.name = $chain OR c.id = $chain
WITH DISTINCT c, s, pr, p,
     coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank AS active
RETURN c.name AS chain,
       s.order AS segment_order,
       s.name AS segment,
       p.id AS project_id,
       p.name AS project,
       head(COLLECT { MATCH (co:Company)-[:BUILDS]->(p) RETURN co.name AS name ORDER BY name }) AS company,
       pr.name AS product,
       p.capacity_text AS capacity,
       p.capacity_base_value AS capacity_base_value,
       p.capacity_base_unit AS capacity_base_unit,
       p.status AS status,
       p.status_text AS status_text,
       p.mode AS mode,
       CASE WHEN active THEN 'active' ELSE 'planned' END AS standing,
       CASE WHEN NOT active THEN 'planned'
            WHEN coalesce(p.status_rank, 0) >= $trial_rank THEN 'operating'
            ELSE 'under_construction' END AS capacity_class,
       head(COLLECT { MATCH (p)-[:LOCATED_IN]->(pl:Place) RETURN pl.name AS name ORDER BY name }) AS place
ORDER BY c.order, c.id, s.order, s.id, p.id
