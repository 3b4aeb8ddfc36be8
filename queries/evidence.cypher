// Question: Where does a fact come from: the documents and sentences that mention a node?
//
// Parameters:
//   id           string   required     node id, e.g. project:南玻/多晶硅/-, company:中信昆仑锂业 or a statement id from segment_coverage (search.cypher finds ids)
// Columns: node_id, label, name, document_id, document, published, sentence_index, sentence, start, end, status_text, rule, rule_zh
//
// Example (Neo4j Browser: run the :param line, then the query):
//   :param id => 'company:中信昆仑锂业'
//
// One row per piece of evidence (MENTIONED_IN): the document's id and title, the sentence, and
// the mention's character offsets in the document's normalized text (start, end), and why the
// fact was read there: the named extraction rule (rule, see chainkg/rules.py) and its meaning
// (rule_zh, e.g. 规模+产品 · 主语承前句 · 状态在项目之后; null on a bare mention of a name). The node is
// looked up label by label so each lookup uses that label's unique-id index.
CALL {
  MATCH (n:Chain {id: $id}) RETURN n
  UNION MATCH (n:Segment {id: $id}) RETURN n
  UNION MATCH (n:Product {id: $id}) RETURN n
  UNION MATCH (n:Company {id: $id}) RETURN n
  UNION MATCH (n:Project {id: $id}) RETURN n
  UNION MATCH (n:Place {id: $id}) RETURN n
  UNION MATCH (n:Document {id: $id}) RETURN n
  UNION MATCH (n:Statement {id: $id}) RETURN n
}
MATCH (n)-[m:MENTIONED_IN]->(d:Document)
RETURN n.id AS node_id,
       labels(n)[0] AS label,
       n.name AS name,
       d.id AS document_id,
       d.title AS document,
       d.published AS published,
       m.sentence_index AS sentence_index,
       m.sentence AS sentence,
       m.start AS start,
       m.end AS end,
       m.status_text AS status_text,
       m.rule AS rule,
       m.rule_zh AS rule_zh
ORDER BY d.id, m.sentence_index, m.start, m.end, m.key
