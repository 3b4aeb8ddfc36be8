/* chainkg whole-graph explorer: one node per chain first, a chain's nodes added when it is
 * opened (click it, choose it, or find something in it), projects filtered by status and place.
 *
 * data.explore (views/whole.py explore_data) holds each chain's member ids, the nodes in no
 * chain, the chain-to-chain links and each project's [status, place]. Only what is open is in
 * the vis DataSets, so a graph of tens of thousands of nodes opens as a dozen. Names go on the
 * page with textContent only.
 *
 * For scripts and tests: window.chainkgExplorer with open(id), close(id), find(text) and
 * shown() (ids in the view).
 */
var chainkgExplore = (function () {
  "use strict";
  var UNASSIGNED = "cluster:unassigned";

  function create(data) {
    var ex = data.explore;
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    data.edges.forEach(function (e, i) { if (e.id === undefined) e.id = "edge" + i; });
    var groups = {};
    ex.groups.forEach(function (g) { groups[g.id] = g; });
    var inGroups = {};
    ex.groups.forEach(function (g) {
      g.members.forEach(function (m) { (inGroups[m] = inGroups[m] || []).push(g.id); });
    });
    ex.unassigned.forEach(function (m) { inGroups[m] = [UNASSIGNED]; });
    var open = {};
    var network = null, nodes = null, edges = null;

    function members(key) { return key === UNASSIGNED ? ex.unassigned : (groups[key] ? groups[key].members : []); }

    function chainLabel(key) {
      var mark = open[key] ? " ▾" : " ▸";
      if (key === UNASSIGNED) return "未归入产业链\n" + ex.unassigned.length + " 个节点" + mark;
      var g = groups[key];
      return g.name + "\n" + g.projects + " 个项目 · " + g.companies + " 家企业" + mark;
    }

    /* The chains on a grid, in chain order, held in place: their names never overlap, and an
       opened chain's nodes gather round it. */
    function initialNodes() {
      var out = ex.groups.map(function (g) {
        return Object.assign({}, byId[g.id], { label: chainLabel(g.id), size: 14 + Math.min(16, Math.sqrt(g.members.length)) });
      });
      if (ex.unassigned.length) {
        out.push({ id: UNASSIGNED, label: chainLabel(UNASSIGNED), shape: "hexagon", kind: "Chain", viewStyle: null,
                   size: 14, color: { background: "#cccccc", border: "#888888" } });
      }
      var columns = Math.max(1, Math.ceil(Math.sqrt(out.length * 1.8)));
      out.forEach(function (n, i) {
        n.x = (i % columns) * 320;
        n.y = Math.floor(i / columns) * 210;
        n.fixed = { x: true, y: true };
      });
      return out;
    }

    function initialEdges() {
      return ex.links.map(function (l) {
        return { id: "link:" + l[0] + ">" + l[1], from: l[0], to: l[1], relType: "SUPPLIES", crossChain: true,
                 dashes: [10, 6], color: { color: "#e07b00" }, width: Math.min(6, 1 + Math.log(1 + l[2])) };
      });
    }

    function syncEdges() {
      var shown = {};
      nodes.getIds().forEach(function (id) { shown[id] = true; });
      var add = [];
      data.edges.forEach(function (e) {
        if (shown[e.from] && shown[e.to] && !edges.get(e.id)) add.push(e);
      });
      edges.add(add);
      edges.remove(edges.getIds({ filter: function (e) { return !shown[e.from] || !shown[e.to]; } }));
    }

    function relax() {
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(120);
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
      });
    }

    function openGroup(key, quiet) {
      if (open[key] || !nodes.get(key)) return;
      open[key] = true;
      var centre = network.getPosition(key);
      var add = [];
      members(key).forEach(function (id, i) {
        if (nodes.get(id) || !byId[id]) return;
        var angle = i * 2.399963, radius = 60 + 14 * Math.sqrt(i);  // a golden-angle spiral round the chain
        add.push(Object.assign({}, byId[id], { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) }));
      });
      nodes.add(add);
      nodes.update({ id: key, label: chainLabel(key) });
      syncEdges();
      applyFilters();
      if (!quiet) relax();
    }

    function closeGroup(key) {
      if (!open[key]) return;
      delete open[key];
      var keep = {};
      Object.keys(open).forEach(function (k) { members(k).forEach(function (m) { keep[m] = true; }); });
      nodes.remove(members(key).filter(function (m) { return !keep[m] && !groups[m]; }));
      nodes.update({ id: key, label: chainLabel(key) });
      syncEdges();
    }

    function applyFilters() {
      var status = document.getElementById("ck-filter-status").value;
      var place = document.getElementById("ck-filter-place").value;
      var updates = [], shownProjects = 0;
      nodes.forEach(function (n) {
        var f = ex.filters[n.id];
        if (!f) return;
        var hide = (status !== "" && f[0] !== status) || (place !== "" && f[1] !== place);
        if (!hide) shownProjects += 1;
        if (!!n.hidden !== hide) updates.push({ id: n.id, hidden: hide });
      });
      nodes.update(updates);
      var note = document.getElementById("ck-find-note");
      if (Object.keys(open).length === 0) note.textContent = "点击产业链展开";
      else note.textContent = "已展开 " + Object.keys(open).length + " 条链,显示 " + shownProjects + " 个项目";
    }

    var lastFind = { text: "", index: -1 };
    function find(text) {
      var q = String(text || "").trim().toLowerCase();
      var note = document.getElementById("ck-find-note");
      if (!q) return null;
      var exact = [], partial = [];
      data.nodes.forEach(function (n) {
        var name = String(n.label || "").replace(/\n/g, "").toLowerCase();
        if (name === q) exact.push(n.id);
        else if (name.indexOf(q) !== -1) partial.push(n.id);
      });
      var hits = exact.concat(partial);
      if (!hits.length) { note.textContent = "没有找到「" + text + "」"; return null; }
      lastFind.index = lastFind.text === q ? (lastFind.index + 1) % hits.length : 0;
      lastFind.text = q;
      var id = hits[lastFind.index];
      (inGroups[id] || []).slice(0, 1).forEach(function (key) { openGroup(key, true); });
      if (!nodes.get(id)) return null;
      nodes.update({ id: id, hidden: false });
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
      if (window.chainkgShowInfo) window.chainkgShowInfo(id);
      note.textContent = "找到 " + hits.length + " 个,第 " + (lastFind.index + 1) + " 个(回车看下一个)";
      return id;
    }

    function attach(net, nodeSet, edgeSet) {
      network = net; nodes = nodeSet; edges = edgeSet;
      network.on("click", function (params) {
        if (params.nodes.length !== 1) return;
        var key = params.nodes[0];
        if (groups[key] || key === UNASSIGNED) {
          if (open[key]) closeGroup(key); else openGroup(key);
        }
      });
      var input = document.getElementById("ck-find");
      input.addEventListener("keydown", function (event) { if (event.key === "Enter") find(input.value); });
      document.getElementById("ck-filter-chain").addEventListener("change", function (event) {
        var key = event.target.value;
        Object.keys(open).forEach(closeGroup);
        if (key) {
          openGroup(key);
          network.focus(key, { scale: 0.6, animation: false });
        }
        applyFilters();
      });
      document.getElementById("ck-filter-status").addEventListener("change", applyFilters);
      document.getElementById("ck-filter-place").addEventListener("change", applyFilters);
      document.getElementById("ck-collapse").addEventListener("click", function () {
        Object.keys(open).forEach(closeGroup);
        applyFilters();
        network.fit({ animation: false });
      });
      applyFilters();
      window.chainkgExplorer = {
        open: function (key) { openGroup(key); }, close: closeGroup, find: find,
        shown: function () { return nodes.getIds(); }, isOpen: function (key) { return !!open[key]; }
      };
    }

    return { initialNodes: initialNodes, initialEdges: initialEdges, attach: attach };
  }

  return { create: create, UNASSIGNED: UNASSIGNED };
})();
