// Question: What are the segments of a chain, upstream to downstream, and is each covered, planned only, or a gap?
//
// Parameters:
//   chain        string   required     chain name or id, e.g. 盐湖化工 or chain:盐湖化工
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
// Columns: chain, segment_order, segment, segment_id, stage, coverage, projects, active_projects, companies
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param chain => '盐湖化工'
//   :param active_rank => 4
//   :param reported => 'reported'
//
// How coverage is decided (graph/gaps.py): a segment's projects are those producing a product of
// the segment; covered = at least one active project (reported, status rank >= $active_rank);
// planned = projects but none active; gap = no project. companies = builders of the active projects.
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)
WHERE c.name = $chain OR c.id = $chain
OPTIONAL MATCH (p:Project)-[:PRODUCES]->(:Product)-[:IN_SEGMENT]->(s)
WITH c, s, collect(DISTINCT p) AS projects
WITH c, s, projects,
     [p IN projects WHERE coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank] AS active
RETURN c.name AS chain,
       s.order AS segment_order,
       s.name AS segment,
       s.id AS segment_id,
       s.stage AS stage,
       CASE WHEN size(active) > 0 THEN 'covered' WHEN size(projects) > 0 THEN 'planned' ELSE 'gap' END AS coverage,
       size(projects) AS projects,
       size(active) AS active_projects,
       COLLECT { UNWIND active AS a MATCH (co:Company)-[:BUILDS]->(a) RETURN DISTINCT co.name AS name ORDER BY name } AS companies
ORDER BY c.order, c.id, s.order, s.id
