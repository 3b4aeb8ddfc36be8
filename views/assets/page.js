/* chainkg view page: draws the embedded view graph with vis-network and shows node details.
 *
 * Everything shown comes from the JSON block #chainkg-data and is put on the page with
 * textContent / createElement only (never innerHTML), so names and sentences from documents
 * stay text. Links are set through element.href and only when relative.
 *
 * For scripts and tests: window.chainkgNetwork (vis.Network), window.chainkgNodes and
 * window.chainkgEdges (vis.DataSet), and <body data-settled="true"> once physics is off, at
 * window.chainkgSettledAt (ms since the page started loading, for benchmarks); on a chart
 * (fixed layout) window.chainkgChart with initialView() and setOpen(bool) for the expanders.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chainkg-data").textContent);
  /* In a small window or iframe the legend starts folded so the graph keeps the room (before
     the network measures its canvas). */
  var legend = document.getElementById("chainkg-legend");
  var small = window.matchMedia("(max-width: 480px), (max-height: 320px)").matches;
  if (legend && small) legend.open = false;
  var container = document.getElementById("chainkg-canvas");
  var info = document.getElementById("chainkg-info");
  var status = document.getElementById("chainkg-status");
  /* The whole-graph explorer starts from one node per chain (explore.js adds them). */
  /* Each edge gets the look of its type (kept once per type in data.edgeLooks; arrows are in the options). */
  function withLook(e) {
    var look = data.edgeLooks[e.relType + "|" + (e.crossChain ? 1 : 0)] || {};
    Object.keys(look).forEach(function (k) { if (e[k] === undefined) e[k] = look[k]; });
  }
  data.edges.forEach(withLook);
  var explorer = data.explore ? chainkgExplore.create(data, withLook) : null;
  var nodes = new vis.DataSet(explorer ? explorer.initialNodes() : data.nodes);
  var edges = new vis.DataSet(explorer ? explorer.initialEdges() : data.edges);
  /* Panel texts are parsed on first use: a large page opens without reading them. */
  var infoData = null;
  function infoOf(id) {
    if (infoData === null) infoData = JSON.parse(document.getElementById("chainkg-info-data").textContent);
    var item = infoData[id] || (explorer ? explorer.infoOf(id) : undefined);
    /* a node drawn a second time points at the first drawing's panel */
    return item && typeof item.ref === "string" ? infoData[item.ref] : item;
  }
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var pinned = null;

  window.chainkgNetwork = network;
  window.chainkgNodes = nodes;
  window.chainkgEdges = edges;

  /* Stop moving once the bounded stabilization is over (at most data.options' iterations and
     data.layoutBudgetMs of layout time): no endless jiggling on big graphs. */
  var layoutStart = performance.now();
  function settle() {
    network.setOptions({ physics: { enabled: false } });
    /* An embedded force or hierarchical view (or the whole-graph explorer in a small frame)
       that opens too small to read zooms to the legible scale, on its left (upstream) end,
       centred where it fits (a chart sets its own first view). */
    if ((data.embed || (data.explore && small)) && !data.chart && nodes.length && network.getScale() < data.minScale) {
      var s = data.minScale, w = container.clientWidth, h = container.clientHeight;
      var b = null;
      nodes.getIds().forEach(function (id) {
        var p = network.getPosition(id);
        b = b ? { l: Math.min(b.l, p.x), t: Math.min(b.t, p.y), r: Math.max(b.r, p.x), u: Math.max(b.u, p.y) }
              : { l: p.x, t: p.y, r: p.x, u: p.y };
      });
      var x = (b.r - b.l + 160) * s <= w ? (b.l + b.r) / 2 : b.l - 80 + w / 2 / s;
      var y = (b.u - b.t + 80) * s <= h ? (b.t + b.u) / 2 : b.t - 30 + h / 2 / s;
      network.moveTo({ position: { x: x, y: y }, scale: s, animation: false });
    }
    status.hidden = true;
    window.chainkgSettledAt = performance.now();
    document.body.setAttribute("data-settled", "true");
  }
  network.once("startStabilizing", function () {
    layoutStart = performance.now();
  });
  network.on("stabilizationProgress", function (p) {
    status.textContent = "布局中… " + Math.round((100 * p.iterations) / p.total) + "%";
    if (performance.now() - layoutStart > data.layoutBudgetMs) network.stopSimulation();
  });
  network.once("stabilizationIterationsDone", settle);
  /* A fixed layout (every node placed by the builder) has nothing to settle: it opens at its
     first view (chart.js) and is settled. */
  var chart = data.chart ? chainkgChart.setUp(network, nodes, data, container, status) : null;
  window.chainkgChart = chart;
  window.chainkgShowInfo = function (id) { pinned = id; showInfo(id); };
  if (explorer) explorer.attach(network, nodes, edges);
  if (data.options.physics && data.options.physics.enabled === false) {
    settle();
    if (chart) chart.initialView();
  }
  if (nodes.length === 0) {
    status.textContent = "此视图为空";
    window.chainkgSettledAt = performance.now();
    document.body.setAttribute("data-settled", "true");
  }

  var isRelativeHref = chainkgDom.isRelativeHref;
  var el = chainkgDom.el;

  function showInfo(id) {
    var item = infoOf(id);
    if (!item) return;
    info.replaceChildren();
    var close = el("button", "×", "ck-close");
    close.type = "button";
    close.title = "关闭";
    close.addEventListener("click", hideInfo);
    info.appendChild(close);
    info.appendChild(el("h2", item.name));
    var kind = el("p", item.kind, "ck-kind");
    if (item.style) {
      kind.appendChild(document.createTextNode(" · "));
      kind.appendChild(el("span", item.styleText, "ck-style-" + item.style));
    }
    info.appendChild(kind);
    if (item.facts.length) {
      info.appendChild(el("h3", "要点"));
      var dl = el("dl");
      item.facts.forEach(function (pair) {
        dl.appendChild(el("dt", pair[0]));
        dl.appendChild(el("dd", pair[1]));
      });
      info.appendChild(dl);
    }
    if (item.evidence.length) {
      var total = item.evidenceTotal || item.evidence.length;
      info.appendChild(el("h3", total > item.evidence.length
        ? "来源(共 " + total + " 句,列出前 " + item.evidence.length + " 句,全部见详情页)"
        : "来源(" + total + " 句)"));
      var ol = el("ol");
      item.evidence.forEach(function (ev) {
        var li = el("li");
        li.appendChild(el("blockquote", ev.sentence));
        li.appendChild(el("cite", ev.document));
        if (ev.rule) li.appendChild(el("p", "为何得出:" + ev.rule, "ck-why"));
        ol.appendChild(li);
      });
      info.appendChild(ol);
    }
    if (isRelativeHref(item.href)) {
      var link = el("a", "打开详情页 →", "ck-open");
      link.href = item.href;
      if (window.top !== window.self) link.target = "_top";
      info.appendChild(link);
    }
    info.hidden = false;
  }

  function hideInfo() {
    pinned = null;
    info.hidden = true;
    network.unselectAll();
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      pinned = params.nodes[0];
      showInfo(pinned);
    } else {
      hideInfo();
    }
  });
  network.on("hoverNode", function (params) {
    if (pinned === null) showInfo(params.node);
  });
  network.on("blurNode", function () {
    if (pinned === null) info.hidden = true;
  });
  document.getElementById("chainkg-fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideInfo();
  });
})();
