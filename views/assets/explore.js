/* chainkg whole-graph explorer: one node per chain first, a chain's nodes added when it is
 * opened (click it, choose it, or find something in it), projects filtered by status and place.
 *
 * data.explore (views/whole.py explore_data) holds each chain's member ids, the nodes in no
 * chain, the chain-to-chain links and each project's [status, place]. Only what is open is in
 * the vis DataSets, so a graph of tens of thousands of nodes opens as a dozen. Names go on the
 * page with textContent only.
 *
 * On a large graph (views/whole_parts.py) the page holds each chain's segments, products and
 * most connected firms and projects; a group's "file" (whole/<hash>.js beside the page) holds
 * its next members and is added as a <script> when the group is first opened (file:// and
 * iframes allow that, not reading files): it calls chainkgExplore.receive(part), which adds
 * the part's nodes, edges, looks, panel texts and filters, and draws them if the group is open.
 *
 * For scripts and tests: window.chainkgExplorer with open(id), close(id), find(text),
 * shown() (ids in the view), isOpen(id) and loaded(id) (its file is in; true without one).
 */
var chainkgExplore = (function () {
  "use strict";
  var UNASSIGNED = "cluster:unassigned";
  var current = null;

  /* A group's file has arrived (the whole of it is one call to this). */
  function receive(part) { if (current) current.receive(part); }

  /* ``withLook(edge)`` gives an edge the look of its type (page.js). */
  function create(data, withLook) {
    var ex = data.explore;
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var pairs = {};
    data.edges.forEach(function (e, i) {
      if (e.id === undefined) e.id = "edge" + i;
      pairs[e.from + ">" + e.to] = true;
    });
    var groups = {};
    ex.groups.forEach(function (g) { groups[g.id] = g; });
    var rest = { id: UNASSIGNED, name: "未归入产业链", members: ex.unassigned, file: ex.unassignedFile,
                 total: ex.unassignedTotal || ex.unassigned.length };
    var inGroups = {};
    function enter(key, ids) { ids.forEach(function (m) { (inGroups[m] = inGroups[m] || []).push(key); }); }
    ex.groups.forEach(function (g) { enter(g.id, g.members); });
    enter(UNASSIGNED, rest.members);
    var open = {}, loaded = {}, info = {};
    var network = null, nodes = null, edges = null;

    function group(key) { return key === UNASSIGNED ? rest : groups[key]; }
    function members(key) { return group(key) ? group(key).members : []; }

    function chainLabel(key) {
      var mark = open[key] ? " ▾" : " ▸";
      if (key === UNASSIGNED) return rest.name + "\n" + rest.total + " 个节点" + mark;
      var g = groups[key];
      var covered = "已有 " + g.covered[0] + "/" + g.covered[1] + " 环节" + (g.covered[2] ? " · 缺 " + g.covered[2] : "");
      return g.name + "\n" + covered + "\n项目 " + g.projects + " · 企业 " + g.companies + mark;
    }

    /* The chains on a grid, in chain order, held in place: their names never overlap, and an
       opened chain's nodes gather round it. */
    function initialNodes() {
      var out = ex.groups.map(function (g) {
        return Object.assign({}, byId[g.id], { label: chainLabel(g.id), size: 14 + Math.min(16, Math.sqrt(g.total || g.members.length)) });
      });
      if (rest.total) {
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

    /* Draw members ``ids`` of open group ``key`` on a golden-angle spiral round it, from place ``from`` on. */
    function draw(key, ids, from) {
      var centre = network.getPosition(key);
      var add = [];
      ids.forEach(function (id, j) {
        var i = from + j;
        if (nodes.get(id) || !byId[id]) return;
        var angle = i * 2.399963, radius = 60 + 14 * Math.sqrt(i);
        add.push(Object.assign({}, byId[id], { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) }));
      });
      nodes.add(add);
    }

    function openGroup(key, quiet) {
      if (open[key] || !nodes.get(key)) return;
      open[key] = true;
      draw(key, members(key), 0);
      nodes.update({ id: key, label: chainLabel(key) });
      syncEdges();
      applyFilters();
      load(key);
      if (!quiet) relax();
    }

    /* Add the <script> of group ``key``'s file, once (relative paths only, written by Python). */
    function load(key) {
      var g = group(key);
      if (!g || !g.file || loaded[key] !== undefined || !chainkgDom.isRelativeHref(g.file)) return;
      loaded[key] = false;
      var script = document.createElement("script");
      script.src = g.file;
      script.onerror = function () {
        delete loaded[key];
        document.getElementById("ck-find-note").textContent = "无法载入 " + g.file + "(请与本页放在同一文件夹)";
      };
      document.head.appendChild(script);
    }

    function receivePart(part) {
      var key = part.group, g = group(key);
      if (!g || loaded[key] === true) return;
      network.setOptions({ groups: part.groups });
      Object.keys(part.edgeLooks).forEach(function (k) { data.edgeLooks[k] = part.edgeLooks[k]; });
      var ids = part.nodes.map(function (n) {
        if (!byId[n.id]) { byId[n.id] = n; data.nodes.push(n); }
        return n.id;
      });
      part.edges.forEach(function (e, i) {
        if (pairs[e.from + ">" + e.to]) return;
        pairs[e.from + ">" + e.to] = true;
        e.id = "edge:" + key + ":" + i;
        withLook(e);
        data.edges.push(e);
      });
      Object.keys(part.info).forEach(function (id) { info[id] = part.info[id]; });
      Object.keys(part.filters).forEach(function (id) { ex.filters[id] = part.filters[id]; });
      var from = g.members.length;
      g.members = g.members.concat(ids);
      enter(key, ids);
      loaded[key] = true;
      if (open[key]) {
        draw(key, ids, from);
        syncEdges();
        applyFilters();
        relax();
      }
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
      var keys = Object.keys(open);
      if (keys.length === 0) { note.textContent = "点击产业链展开"; return; }
      var drawn = 0, total = 0;
      keys.forEach(function (k) { drawn += members(k).length; total += group(k).total || members(k).length; });
      note.textContent = "已展开 " + keys.length + " 条链,显示 " + shownProjects + " 个项目"
        + (total > drawn ? ";画出联系最多的 " + drawn + " / " + total + " 个节点,全部见各链的产业链图与总览表" : "");
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
      if (!hits.length) {
        var partial = ex.groups.some(function (g) { return g.file; });
        note.textContent = "没有找到「" + text + "」" + (partial ? "(只查已载入的节点;全部企业和项目可在总览页查找)" : "");
        return null;
      }
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
        shown: function () { return nodes.getIds(); }, isOpen: function (key) { return !!open[key]; },
        loaded: function (key) { return group(key) && group(key).file ? loaded[key] === true : true; }
      };
    }

    current = { receive: receivePart };
    return { initialNodes: initialNodes, initialEdges: initialEdges, attach: attach,
             infoOf: function (id) { return info[id]; } };
  }

  return { create: create, receive: receive, UNASSIGNED: UNASSIGNED };
})();
