// Question: What state is each link of a chain in (strong, present, building, planned, lacking, unknown), is it a 补链 / 延链 / 强链 target, why, and which facts say so?
//
// Parameters:
//   chain        string   null         chain name or id, e.g. 盐湖化工 or chain:盐湖化工; null: every chain
// Columns: chain, segment_order, segment, segment_id, stage, state, state_zh, target, target_zh, reason, fact_count, facts, sources, disagreement
//
// Example (Neo4j Browser: run the :param line, then the query):
//   :param chain => '盐湖化工'
//
// The state, target and reason are decided once per build by chainkg.graph.gaps (the one
// definition) and stored on the Segment node; this query reads them, so Neo4j and the embedded
// store give the same answer. States: strong 强 = presence from two or more independent sources;
// present 有 = presence from one source (output, standing capacity, an operating firm or finished
// work, a base, a strong industry, an operating project); building 在建 = being built, nothing
// present; planned 规划 = only negotiations, signings, plans; lacking 缺 = a source says the link
// is missing or weak and no later source shows it present; unknown 待核实 = the sources are
// silent (never a gap). Targets: fill 补链 = lacking/unknown with held (strong, present,
// building) links both upstream and downstream along the chain's own SUPPLIES links; extend 延链
// = lacking/unknown downstream of a held link with nothing held further down; strengthen 强链 =
// present (not strong) resting on one company or one project. facts are the ids of the Project
// and Statement nodes behind the state (evidence.cypher shows their sentences).
MATCH (c:Chain)<-[:PART_OF]-(s:Segment)
WHERE $chain IS NULL OR c.name = $chain OR c.id = $chain
RETURN c.name AS chain,
       s.order AS segment_order,
       s.name AS segment,
       s.id AS segment_id,
       s.stage AS stage,
       s.coverage AS state,
       s.coverage_zh AS state_zh,
       s.target AS target,
       s.target_zh AS target_zh,
       s.reason AS reason,
       coalesce(s.fact_count, 0) AS fact_count,
       coalesce(s.facts, []) AS facts,
       coalesce(s.sources, 0) AS sources,
       s.disagreement AS disagreement
ORDER BY c.order, c.id, s.order, s.id
