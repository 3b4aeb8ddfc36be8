// Question: Where are a chain's gaps: which segments to fill (补链), extend to (延链) and strengthen (强链)?
//
// Parameters:
//   chain        string   null         chain name or id, e.g. 清洁能源; null: every chain
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
// Columns: chain, kind, kind_zh, segment_order, segment, segment_id, stage, coverage, projects, active_projects, companies
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param chain => '清洁能源'
//   :param active_rank => 4
//   :param reported => 'reported'
//
// The targets (graph/gaps.py): fill = gap segments (no project); extend = segments not covered
// that a covered segment of the chain reaches along the chain's own SUPPLIES links
// (cross_chain false) and from which no covered segment is reached (nothing covered further
// down); strengthen = covered segments resting on a single active project, or whose active
// projects are all built by one named company. A segment can be both fill and extend.
// projects and active_projects count the segment's projects and the active ones; companies names
// the builders of the active ones.
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)
WHERE $chain IS NULL OR c.name = $chain OR c.id = $chain
OPTIONAL MATCH (p:Project)-[:PRODUCES]->(:Product)-[:IN_SEGMENT]->(s)
WITH c, s, collect(DISTINCT p) AS projects
WITH c, s, projects,
     [p IN projects WHERE coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank] AS active
WITH c, s, size(projects) AS n_projects, size(active) AS n_active,
     size([a IN active WHERE NOT EXISTS { (:Company)-[:BUILDS]->(a) }]) AS n_unattributed,
     COLLECT { UNWIND active AS a MATCH (co:Company)-[:BUILDS]->(a) RETURN DISTINCT co.name AS name ORDER BY name } AS companies
WITH c, s, n_projects, n_active, n_unattributed, companies,
     CASE WHEN n_active > 0 THEN 'covered' WHEN n_projects > 0 THEN 'planned' ELSE 'gap' END AS coverage
WITH c, collect({s: s, n_projects: n_projects, n_active: n_active, n_unattributed: n_unattributed,
                 companies: companies, coverage: coverage}) AS segments
WITH c, segments, [x IN segments WHERE x.coverage = 'covered' | x.s] AS covered
UNWIND segments AS x
WITH c, x, covered,
     x.coverage <> 'covered'
       AND EXISTS { MATCH (a:Segment)-[:SUPPLIES*1.. {cross_chain: false}]->(t:Segment) WHERE t = x.s AND a IN covered }
       AND NOT EXISTS { MATCH (t:Segment)-[:SUPPLIES*1.. {cross_chain: false}]->(b:Segment) WHERE t = x.s AND b IN covered }
       AS is_extend
UNWIND [k IN range(0, 2) WHERE
          (k = 0 AND x.coverage = 'gap')
       OR (k = 1 AND is_extend)
       OR (k = 2 AND x.coverage = 'covered'
                 AND (x.n_active = 1 OR (size(x.companies) = 1 AND x.n_unattributed = 0)))] AS k
RETURN c.name AS chain,
       ['fill', 'extend', 'strengthen'][k] AS kind,
       ['补链', '延链', '强链'][k] AS kind_zh,
       x.s.order AS segment_order,
       x.s.name AS segment,
       x.s.id AS segment_id,
       x.s.stage AS stage,
       x.coverage AS coverage,
       x.n_projects AS projects,
       x.n_active AS active_projects,
       x.companies AS companies
ORDER BY c.order, c.id, k, x.s.order, x.s.id
