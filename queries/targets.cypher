// Question: Whom could we invite for each 补链 / 延链 / 强链 target link: the candidate firms, ranked, each with a one-line reason and its source?
//
// Parameters:
//   chain        string   null         chain name or id, e.g. 盐湖化工; null: every chain
// Rules (chainkg fills them from chainkg.graph.gaps; in Neo4j Browser set them with :param):
//   active_rank  integer  ACTIVE_RANK  lowest status rank at which a reported project is active
//   reported     string   REPORTED     the mode of a project the text reports (not only plans)
// Columns: chain, target, target_zh, segment_order, segment, segment_id, coverage_zh, reason, rank, company, company_id, company_kind, kind_zh, province, makes, why, source
//
// Example (Neo4j Browser: run the :param lines, then the query):
//   :param chain => '盐湖化工'
//   :param active_rank => 4
//   :param reported => 'reported'
//
// One row per (target link, candidate firm); the same rows as chainkg.graph.candidates. The
// target links are those chainkg.graph.gaps stored on the Segment node (target, reason).
// Ranking rule, per target link: first the kind, then within it:
//   1. local 本地上下游: firms with local facts on a link next to the target along any SUPPLIES
//      relationship (either direction, cross-chain too): an active project (reported, status
//      rank >= $active_rank) or a statement BY the firm with standing present or building;
//      downstream firms are local demand, upstream firms local supply. More facts first.
//   2. corpus 语料中的意向企业: firms with only planned (not active) projects in the target link
//      itself (first) or in a link next to it.
//   3. leader 全国龙头: the curated national leaders (LEADS_IN, data/industry_firms.yaml) in the
//      file's order (LEADS_IN.rank).
// Ties: company name, then id; rank counts 1, 2, … A firm already holding the target link (an
// active project, or a present/building statement, in it) is no candidate; a firm qualifying
// several ways is listed once, under its first kind and its best line there (most facts, then
// the neighbouring link's id). A target link with no candidate gives one row with company null
// and why saying so (the segment's leaders_niche reason when there is one). source: the latest
// mention of the firm's facts (date, then document id, then sentence) as 《title》date, plus
// 表「sheet」第row行 for a ledger row; a curated firm's: title(publisher,year).
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)
WHERE ($chain IS NULL OR c.name = $chain OR c.id = $chain) AND s.target IN ['fill', 'extend', 'strengthen']
WITH c, s, COLLECT {
  MATCH (x:Company)-[:BUILDS]->(p:Project)-[:PRODUCES]->(:Product)-[:IN_SEGMENT]->(s)
  WHERE coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank
  RETURN x.id AS id
  UNION
  MATCH (x:Company)<-[:BY]-(st:Statement)-[:ABOUT]->(:Product)-[:IN_SEGMENT]->(s)
  WHERE st.standing IN ['present', 'building']
  RETURN x.id AS id
} AS holders
OPTIONAL CALL (s, holders) {
  // 1. local firms on a neighbouring link
  MATCH (s)-[sup:SUPPLIES]-(n:Segment)
  WHERE n <> s
  WITH s, holders, n, sup, startNode(sup) = n AS up
  CALL (n, holders) {
    MATCH (co:Company)-[:BUILDS]->(p:Project)-[:PRODUCES]->(pr:Product)-[:IN_SEGMENT]->(n)
    WHERE NOT co.id IN holders AND coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank
    RETURN co, p AS f, pr
    UNION
    MATCH (co:Company)<-[:BY]-(f:Statement)-[:ABOUT]->(pr:Product)-[:IN_SEGMENT]->(n)
    WHERE NOT co.id IN holders AND f.standing IN ['present', 'building']
    RETURN co, f, pr
  }
  WITH n, sup, up, co, collect(DISTINCT f) AS facts, collect(DISTINCT pr.name) AS products
  WITH n, sup, up, co, facts, products, coalesce(sup.via, []) AS via,
       CASE WHEN sup.cross_chain THEN '跨链' ELSE '' END + CASE WHEN up THEN '上游' ELSE '下游' END AS side,
       COLLECT { UNWIND facts AS f RETURN DISTINCT f.name AS x ORDER BY x } AS named
  RETURN co, 0 AS kind, -size(facts) AS sub, n.id AS tie,
         side + '「' + n.name + '」本地已有其' + toString(size(facts)) + '项:' + reduce(acc = '', x IN named[0..2] |
           acc + CASE WHEN acc = '' THEN '' ELSE '、' END + x) + ';' +
         CASE WHEN size(via) = 0 THEN CASE WHEN up THEN '可就地供应本环节原料' ELSE '需要本环节产品' END
              ELSE CASE WHEN up THEN '可就地供应「' ELSE '需要本环节产品「' END +
                   reduce(acc = '', x IN via | acc + CASE WHEN acc = '' THEN '' ELSE '、' END + x) + '」' END AS why,
         facts, products, null AS source
  UNION
  // 2. firms of the documents with only planned projects, in the target link or next to it
  MATCH (n:Segment)
  WHERE n = s OR (s)-[:SUPPLIES]-(n)
  WITH s, holders, n
  OPTIONAL MATCH (s)-[sup:SUPPLIES]-(n)
  WITH s, holders, n, sup
  MATCH (co:Company)-[:BUILDS]->(p:Project)-[:PRODUCES]->(pr:Product)-[:IN_SEGMENT]->(n)
  WHERE NOT co.id IN holders AND NOT (coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank)
  WITH s, n, sup, co, collect(DISTINCT p) AS facts, collect(DISTINCT pr.name) AS products
  WITH s, n, sup, co, facts, products, size(facts) AS k,
       COLLECT { UNWIND facts AS f RETURN DISTINCT f.name AS x ORDER BY x } AS named
  WITH s, n, sup, co, facts, products, k,
       reduce(acc = '', x IN named[0..2] | acc + CASE WHEN acc = '' THEN '' ELSE '、' END + x) AS names
  RETURN co, 1 AS kind, CASE WHEN n = s THEN 0 ELSE 1 END AS sub, n.id AS tie,
         CASE WHEN n = s THEN '本环节已有其' + toString(k) + '个洽谈、签约或规划项目:' + names
              ELSE '在' + CASE WHEN sup.cross_chain THEN '跨链' ELSE '' END +
                   CASE WHEN startNode(sup) = n THEN '上游' ELSE '下游' END + '「' + n.name + '」有其' +
                   toString(k) + '个洽谈、签约或规划项目:' + names + ',可延伸到本环节' END AS why,
         facts, products, null AS source
  UNION
  // 3. the curated national leaders of the target link
  MATCH (co:Company)-[l:LEADS_IN]->(s)
  WHERE NOT co.id IN holders
  RETURN co, 2 AS kind, l.rank AS sub, '' AS tie,
         '全国龙头企业,主营' + l.makes + CASE WHEN co.in_haixi THEN ',已在海西布局' ELSE '' END AS why,
         [] AS facts, [l.makes] AS products,
         l.source_title + '(' + l.source_publisher + ',' + toString(l.source_year) + ')' AS source
}
WITH c, s, co, kind, sub, tie, why, facts, products, source
ORDER BY kind, sub, tie, why
WITH c, s, co, head(collect({kind: kind, sub: sub, why: why, facts: facts, products: products, source: source})) AS best
ORDER BY best.kind, best.sub, co.name, co.id
WITH c, s, collect(CASE WHEN co IS NULL THEN null ELSE {co: co, best: best} END) AS found
WITH c, s, CASE WHEN size(found) = 0 THEN [null] ELSE found END AS found
UNWIND range(0, size(found) - 1) AS i
WITH c, s, found[i] AS cand, CASE WHEN found[i] IS NULL THEN null ELSE i + 1 END AS rank
WITH c, s, cand, rank, cand.co AS co, cand.best AS best
WITH c, s, cand, rank, co, best,
     head(COLLECT {
       UNWIND coalesce(best.facts, []) AS f
       MATCH (f)-[m:MENTIONED_IN]->(d:Document)
       WITH d, m, toString(coalesce(m.date, d.date, d.published, '')) AS date
       RETURN '《' + d.title + '》' + CASE WHEN date = '' THEN '日期不详' ELSE date END +
              CASE WHEN m.row IS NULL THEN ''
                   ELSE ' ' + CASE WHEN m.sheet IS NULL THEN '' ELSE '表「' + m.sheet + '」' END +
                        '第' + toString(m.row) + '行' END AS text
       ORDER BY date DESC, d.id, coalesce(m.sentence_index, 0)
     }) AS mentioned
RETURN c.name AS chain,
       s.target AS target,
       s.target_zh AS target_zh,
       s.order AS segment_order,
       s.name AS segment,
       s.id AS segment_id,
       s.coverage_zh AS coverage_zh,
       s.reason AS reason,
       rank,
       co.name AS company,
       co.id AS company_id,
       CASE best.kind WHEN 0 THEN 'local' WHEN 1 THEN 'corpus' WHEN 2 THEN 'leader' END AS company_kind,
       CASE best.kind WHEN 0 THEN '本地上下游' WHEN 1 THEN '语料中的意向企业' WHEN 2 THEN '全国龙头' END AS kind_zh,
       co.province AS province,
       CASE WHEN co IS NULL THEN null
            ELSE reduce(acc = '', x IN COLLECT { UNWIND best.products AS x RETURN DISTINCT x ORDER BY x } |
                        acc + CASE WHEN acc = '' THEN '' ELSE '、' END + x) END AS makes,
       CASE WHEN co IS NULL THEN
              CASE WHEN s.leaders_niche IS NULL
                   THEN '未找到候选企业:相邻环节没有本地企业,资料中没有意向企业,也没有整理全国龙头。'
                   ELSE '暂无候选企业:' + s.leaders_niche END
            ELSE best.why END AS why,
       coalesce(best.source, mentioned) AS source
ORDER BY c.order, c.id, CASE s.target WHEN 'fill' THEN 0 WHEN 'extend' THEN 1 ELSE 2 END, s.order, s.id, rank
