// Question: What are the links of a chain, upstream to downstream, with each link's coverage state and its projects?
//
// Parameters:
//   chain        string   required     chain name or id, e.g. 盐湖化工 or chain:盐湖化工
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is being built
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
// Columns: chain, segment_order, segment, segment_id, stage, coverage, coverage_zh, target_zh, fact_count, projects, active_projects, companies
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param chain => '盐湖化工'
//   :param active_rank => 4
//   :param reported => 'reported'
//
// coverage is the link's state as chainkg.graph.gaps decided it at build time (stored on the
// Segment node; see segment_coverage.cypher for the states and targets). projects counts the
// projects producing a product of the link; active_projects those reported at least under
// construction; companies names the builders of the active ones.
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
       s.coverage AS coverage,
       s.coverage_zh AS coverage_zh,
       s.target_zh AS target_zh,
       coalesce(s.fact_count, 0) AS fact_count,
       size(projects) AS projects,
       size(active) AS active_projects,
       COLLECT { UNWIND active AS a MATCH (co:Company)-[:BUILDS]->(a) RETURN DISTINCT co.name AS name ORDER BY name } AS companies
ORDER BY c.order, c.id, s.order, s.id
