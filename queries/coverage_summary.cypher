// Question: For every chain, how many segments are covered, planned only or gaps, the coverage ratio, and the 补链 / 延链 / 强链 segments?
//
// Parameters:
//   official     boolean  null         true: only the chains the chain-leader text names; false: only the others; null: all
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
// Columns: chain, official, segments, covered, planned, gaps, coverage_ratio, fill, extend, strengthen
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param official => null
//   :param active_rank => 4
//   :param reported => 'reported'
//
// One row per chain in the text's order, the same numbers as chainkg.graph.gaps.chain_gaps:
// coverage_ratio = covered / segments rounded to 4 places (half to even); fill, extend and
// strengthen list segment names upstream to downstream (see chain_gaps.cypher for the rules).
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)
WHERE $official IS NULL OR c.official = $official
OPTIONAL MATCH (p:Project)-[:PRODUCES]->(:Product)-[:IN_SEGMENT]->(s)
WITH c, s, collect(DISTINCT p) AS projects
WITH c, s, projects,
     [p IN projects WHERE coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank] AS active
WITH c, s, size(projects) AS n_projects, size(active) AS n_active,
     size([a IN active WHERE NOT EXISTS { (:Company)-[:BUILDS]->(a) }]) AS n_unattributed,
     size(COLLECT { UNWIND active AS a MATCH (co:Company)-[:BUILDS]->(a) RETURN DISTINCT co.id AS id }) AS n_companies
WITH c, s, n_active, n_unattributed, n_companies,
     CASE WHEN n_active > 0 THEN 'covered' WHEN n_projects > 0 THEN 'planned' ELSE 'gap' END AS coverage
ORDER BY c.order, c.id, s.order, s.id
WITH c, collect({s: s, n_active: n_active, n_unattributed: n_unattributed, n_companies: n_companies,
                 coverage: coverage}) AS segments
WITH c, segments, [x IN segments WHERE x.coverage = 'covered'] AS covered
WITH c, segments, covered, [x IN covered | x.s] AS covered_segments
RETURN c.name AS chain,
       c.official AS official,
       size(segments) AS segments,
       size(covered) AS covered,
       size([x IN segments WHERE x.coverage = 'planned']) AS planned,
       size([x IN segments WHERE x.coverage = 'gap']) AS gaps,
       round(toFloat(size(covered)) / size(segments), 4, 'HALF_EVEN') AS coverage_ratio,
       [x IN segments WHERE x.coverage = 'gap' | x.s.name] AS fill,
       [x IN segments WHERE x.coverage <> 'covered'
          AND EXISTS { MATCH (a:Segment)-[:SUPPLIES*1.. {cross_chain: false}]->(t:Segment) WHERE t = x.s AND a IN covered_segments }
          AND NOT EXISTS { MATCH (t:Segment)-[:SUPPLIES*1.. {cross_chain: false}]->(b:Segment) WHERE t = x.s AND b IN covered_segments }
          | x.s.name] AS extend,
       [x IN covered WHERE x.n_active = 1 OR (x.n_companies = 1 AND x.n_unattributed = 0) | x.s.name] AS strengthen
ORDER BY c.order, c.id
