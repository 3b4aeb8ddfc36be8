// Question: Which projects are at which status (洽谈 … 投产), most advanced first?
//
// Parameters:
//   status       string            null        only this status key: negotiating, signed, preparing, under_construction, trial, operating; null: all
//   limit        integer(1..100000)  200       at most this many rows
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
//   trial_rank   integer  TRIAL_RANK   lowest status rank whose capacity counts as operating (trial runs included)
// Columns: status, status_rank, status_text, mode, standing, capacity_class, project_id, project, company, product, segment, chain, capacity, place
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param status => 'under_construction'
//   :param limit => 200
//   :param active_rank => 4
//   :param reported => 'reported'
//   :param trial_rank => 5
//
// status is the most advanced status the documents state (status_text as written); mode is
// reported, or planned when the project is only named among this year's tasks. standing and
// capacity_class follow graph/gaps.py (see chain_projects.cypher).
MATCH (p:Project)
WHERE $status IS NULL OR p.status = $status
WITH p, coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank AS active
OPTIONAL MATCH (p)-[:PRODUCES]->(pr:Product)
OPTIONAL MATCH (pr)-[:IN_SEGMENT]->(s:Segment)-[:PART_OF]->(c:Chain)
RETURN p.status AS status,
       coalesce(p.status_rank, 0) AS status_rank,
       p.status_text AS status_text,
       p.mode AS mode,
       CASE WHEN active THEN 'active' ELSE 'planned' END AS standing,
       CASE WHEN NOT active THEN 'planned'
            WHEN coalesce(p.status_rank, 0) >= $trial_rank THEN 'operating'
            ELSE 'under_construction' END AS capacity_class,
       p.id AS project_id,
       p.name AS project,
       head(COLLECT { MATCH (co:Company)-[:BUILDS]->(p) RETURN co.name AS name ORDER BY name }) AS company,
       pr.name AS product,
       s.name AS segment,
       c.name AS chain,
       p.capacity_text AS capacity,
       head(COLLECT { MATCH (p)-[:LOCATED_IN]->(pl:Place) RETURN pl.name AS name ORDER BY name }) AS place
ORDER BY status_rank DESC, p.id
LIMIT $limit
