// Question: Which nodes have a name (or alias, or synonym) containing some text, ignoring case?
//
// Parameters:
//   text         string              required     the text to look for, e.g. 昆仑 or gw
//   label        string              null         only nodes of this label (Chain, Segment, Product, Company, Project, Place, Document); null: any
//   limit        integer(1..100000)  50           at most this many rows
// Columns: label, id, name, matched
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param text => '昆仑'
//   :param label => null
//   :param limit => 50
//
// matched is the first of the name, the aliases and the synonyms that contains the text.
// Shortest names first (the closest matches), then by name and id. Use the id with
// evidence.cypher, company.cypher or chain_overview.cypher.
MATCH (n)
WHERE n.id IS NOT NULL AND n.name IS NOT NULL AND ($label IS NULL OR $label IN labels(n))
WITH n, head([x IN [n.name] + coalesce(n.aliases, []) + coalesce(n.synonyms, []) WHERE toLower(x) CONTAINS toLower($text)]) AS matched
WHERE matched IS NOT NULL
RETURN labels(n)[0] AS label,
       n.id AS id,
       n.name AS name,
       matched
ORDER BY size(n.name), n.name, n.id
LIMIT $limit
