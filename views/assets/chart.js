/* chainkg chart pages (the fixed layout of a chain map): the first view, the lane bands and
 * cards drawn behind the nodes, and the "+N" expanders.
 *
 * The builder (views/layered.py) placed every node and gave the page, in data.chart, each
 * card's rectangle and each lane's band in both layouts (closed, "+N" open), the extent of
 * everything and the zoom range of the first view. The first view
 * shows everything when that fits at minScale or more (labels of 14 px at >= 12 px on screen);
 * otherwise it opens at minScale on the upstream, top-left corner, and the user pans. Lane
 * names are drawn at 13 px on screen whatever the zoom (never below 12 px until zoomed out
 * past about two thirds). Nothing here puts document text into the DOM.
 */
var chainkgChart = (function () {
  "use strict";
  var FONT = "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

  function setUp(network, nodes, data, container, status) {
    var chart = data.chart;
    var open = false;

    function state() { return open ? "open" : "closed"; }

    /* Everything the map draws, with room for the lane names on the left. */
    function extent() {
      var e = chart.extent[state()];
      if (!e) return null;
      var left = e[0] - (chart.lanes.length > 1 ? chart.laneMargin : 0);
      return { left: left - 12, top: e[1] - 28, right: e[2] + 24, bottom: e[3] + 24 };
    }

    function roundRect(ctx, x, y, w, h, r) {
      ctx.beginPath();
      ctx.moveTo(x + r, y);
      ctx.arcTo(x + w, y, x + w, y + h, r);
      ctx.arcTo(x + w, y + h, x, y + h, r);
      ctx.arcTo(x, y + h, x, y, r);
      ctx.arcTo(x, y, x + w, y, r);
      ctx.closePath();
    }

    network.on("beforeDrawing", function (ctx) {
      var e = chart.extent[state()];
      if (!e) return;
      var scale = network.getScale();
      var left = e[0] - (chart.lanes.length > 1 ? chart.laneMargin : 0);
      if (chart.lanes.length > 1) {
        chart.lanes.forEach(function (lane, i) {
          var band = lane[state()];
          if (!band) return;
          ctx.fillStyle = i % 2 ? "#eef2f7" : "#f7f8fa";
          ctx.fillRect(left, band[0] - 20, e[2] - left + 20, band[1] - band[0] + 40);
          ctx.fillStyle = "#4a5566";
          ctx.textBaseline = "top";
          ctx.font = "600 " + Math.min(13 / scale, 20) + "px " + FONT;
          ctx.fillText(lane.name, left + 8, band[0] - 12);
        });
      }
      chart.cards.forEach(function (card) {
        var r = card[state()];
        if (!r) return;
        var seg = network.body.nodes[card.segment];
        roundRect(ctx, r[0] - 10, r[1] - 8, r[2] - r[0] + 20, r[3] - r[1] + 16, 8);
        ctx.fillStyle = "rgba(255,255,255,0.92)";
        ctx.fill();
        ctx.lineWidth = 1.2;
        ctx.strokeStyle = seg ? seg.options.color.border : "#bbbbbb";
        ctx.globalAlpha = 0.45;
        ctx.stroke();
        ctx.globalAlpha = 1;
      });
    });

    /* The first view: everything if it fits at minScale or more, else the upstream corner at minScale. */
    function initialView() {
      var e = extent();
      var w = container.clientWidth, h = container.clientHeight;
      if (!e || !w || !h) return;
      var bw = e.right - e.left, bh = e.bottom - e.top;
      var fit = Math.min(w / bw, h / bh);
      var scale = Math.max(chart.minScale, Math.min(chart.maxScale, fit));
      var x = bw * scale <= w ? (e.left + e.right) / 2 : e.left + w / 2 / scale;
      var y = bh * scale <= h ? (e.top + e.bottom) / 2 : e.top + h / 2 / scale;
      network.moveTo({ position: { x: x, y: y }, scale: scale, animation: false });
      var clipped = bw * scale > w + 1 || bh * scale > h + 1;
      /* the hint sits in the header, never over a label */
      var hint = document.getElementById("chainkg-hint") || status;
      if (clipped) {
        hint.textContent = "拖动画面看其余环节";
        hint.hidden = false;
        var hide = function () { hint.hidden = true; };
        network.once("dragStart", hide);
        network.once("zoom", hide);
      } else {
        hint.hidden = true;
      }
      return clipped;
    }

    /* Open or close every "+N" expander: hidden nodes show, nodes move to their open places. */
    function setOpen(value) {
      open = !!value;
      nodes.update(data.nodes.map(function (n) {
        var u = { id: n.id };
        if (n.xOpen !== undefined) {
          u.x = open ? n.xOpen : n.x;
          u.y = open ? n.yOpen : n.y;
        }
        if (n.hidden) u.hidden = !open;
        if (n.expands) u.label = open ? "收起" : n.label;
        return u;
      }));
    }

    /* Until the user moves the view, a resized window or frame gets the first view again. */
    var touched = false;
    network.on("dragStart", function () { touched = true; });
    network.on("zoom", function () { touched = true; });
    network.on("resize", function () {
      if (!touched) window.requestAnimationFrame(initialView);
    });

    network.on("click", function (params) {
      if (params.nodes.length) {
        var node = nodes.get(params.nodes[0]);
        if (node && node.expands) setOpen(!open);
      }
    });

    return { initialView: initialView, setOpen: setOpen, isOpen: function () { return open; },
             laneCount: chart.lanes.length };
  }

  return { setUp: setUp };
})();
