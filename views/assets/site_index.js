/* chainkg site index: sortable tables and a search over entity names.
 *
 * Search data comes from the JSON block #ck-search-data; results are built with createElement
 * and textContent only, and a link is set through element.href only when it is relative.
 */
(function () {
  "use strict";
  var entries = JSON.parse(document.getElementById("ck-search-data").textContent);
  var input = document.getElementById("ck-search-input");
  var results = document.getElementById("ck-search-results");
  var MAX_RESULTS = 30;

  var isRelativeHref = chainkgDom.isRelativeHref;
  var el = chainkgDom.el;

  function matches(query) {
    var q = query.trim().toLowerCase().replace(/\s+/g, "");
    if (!q) return [];
    var exact = [], partial = [];
    entries.forEach(function (entry) {
      var names = [entry.name].concat(entry.also);
      var hit = names.some(function (n) { return n.toLowerCase().replace(/\s+/g, "").indexOf(q) !== -1; });
      if (!hit) return;
      (entry.name.toLowerCase() === q ? exact : partial).push(entry);
    });
    return exact.concat(partial);
  }

  function show() {
    results.replaceChildren();
    var found = matches(input.value);
    found.slice(0, MAX_RESULTS).forEach(function (entry) {
      var li = el("li");
      if (isRelativeHref(entry.href)) {
        var a = el("a", entry.name);
        a.href = entry.href;
        li.appendChild(a);
      } else {
        li.appendChild(el("span", entry.name));
      }
      li.appendChild(el("span", entry.kind, "ck-note"));
      if (entry.also.length) li.appendChild(el("span", entry.also.join("、"), "ck-note"));
      results.appendChild(li);
    });
    if (input.value.trim() && !found.length) results.appendChild(el("li", "无结果", "ck-note"));
    if (found.length > MAX_RESULTS) results.appendChild(el("li", "… +" + (found.length - MAX_RESULTS), "ck-note"));
  }

  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var first = results.querySelector("a");
    if (first) window.location.href = first.href;
  });

  /* Sortable tables: click a heading; numbers by value, text in Chinese collation order. */
  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(key) || 0 : key;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.ck-sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-type") === "num";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, index, numeric), y = cellKey(b, index, numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
  });
})();
