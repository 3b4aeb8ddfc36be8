// Question: Everything about a company: its names, the documents naming it, and each of its projects with product, segment, chain, capacity, status and place.
//
// Parameters:
//   company      string   required     company name, alias or id, e.g. 赣锋锂电 or company:赣锋锂业
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
//   trial_rank   integer  TRIAL_RANK   lowest status rank whose capacity counts as operating (trial runs included)
// Columns: company_id, company, aliases, merge_rules, documents, project_id, project, product, segment, chain, capacity, capacity_base_value, capacity_base_unit, status, status_text, mode, standing, capacity_class, place
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param company => '赣锋锂业'
//   :param active_rank => 4
//   :param reported => 'reported'
//   :param trial_rank => 5
//
// One row per project (one row with empty project columns for a company with none). documents
// are the titles of the documents that mention the company (people read titles, not ids);
// merge_rules say why names were merged.
MATCH (co:Company)
WHERE co.name = $company OR co.id = $company OR $company IN coalesce(co.aliases, [])
OPTIONAL MATCH (co)-[:BUILDS]->(p:Project)
WITH co, p, coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank AS active
WITH co, p, active, CASE WHEN NOT active THEN 'planned'
                         WHEN coalesce(p.status_rank, 0) >= $trial_rank THEN 'operating'
                         ELSE 'under_construction' END AS capacity_class
OPTIONAL MATCH (p)-[:PRODUCES]->(pr:Product)
OPTIONAL MATCH (pr)-[:IN_SEGMENT]->(s:Segment)-[:PART_OF]->(c:Chain)
RETURN co.id AS company_id,
       co.name AS company,
       coalesce(co.aliases, []) AS aliases,
       coalesce(co.merge_rules, []) AS merge_rules,
       [d IN coalesce(co.docs, []) | COLLECT { MATCH (doc:Document {id: 'document:' + d}) RETURN doc.title }[0]]
         AS documents,
       p.id AS project_id,
       p.name AS project,
       pr.name AS product,
       s.name AS segment,
       c.name AS chain,
       p.capacity_text AS capacity,
       p.capacity_base_value AS capacity_base_value,
       p.capacity_base_unit AS capacity_base_unit,
       p.status AS status,
       p.status_text AS status_text,
       p.mode AS mode,
       CASE WHEN p IS NULL THEN null WHEN active THEN 'active' ELSE 'planned' END AS standing,
       CASE WHEN p IS NULL THEN null ELSE capacity_class END AS capacity_class,
       head(COLLECT { MATCH (p)-[:LOCATED_IN]->(pl:Place) RETURN pl.name AS name ORDER BY name }) AS place
ORDER BY co.id, p.id
