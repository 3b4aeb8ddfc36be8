// Question: What status did each source report for a project, and when: its history from signing to operation?
//
// Parameters:
//   project      string   required     project id or name, e.g. project:南玻/多晶硅/- or 南玻10万吨多晶硅
// Columns: project_id, project, current_status, date, status, status_text, document_id, document, sheet, row, sentence
//
// Example (Neo4j Browser: run the :param line, then the query):
//   :param project => '南玻10万吨多晶硅'
//
// One row per piece of evidence that states a status (MENTIONED_IN with status_text), oldest
// first by the source's date (the evidence's own date, a ledger row's, else its document's).
// current_status is the project's status: the one the latest-dated source reports.
MATCH (p:Project)-[m:MENTIONED_IN]->(d:Document)
WHERE (p.id = $project OR p.name = $project) AND m.status_text IS NOT NULL
RETURN p.id AS project_id,
       p.name AS project,
       p.status AS current_status,
       coalesce(m.date, d.date, '') AS date,
       m.status AS status,
       m.status_text AS status_text,
       d.id AS document_id,
       d.title AS document,
       m.sheet AS sheet,
       m.row AS row,
       m.sentence AS sentence
ORDER BY project_id, date, document_id, m.sentence_index
