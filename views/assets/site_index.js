/* chainkg site index: the chains table, the project table and the search, at any corpus size.
 *
 * The page's data (#ck-index-data, views/index_page.py) lists the files beside the page that
 * hold the projects (index/projects-<chain>-<n>.js, each chain's rows in order) and the search
 * entries (index/search-<n>.js); chainkgDom.load adds one as a <script> (works from file:// and
 * in an iframe). The project table shows a page of rows at a time and loads only the files
 * that page needs; sorting, the status choice or the filter first load every file of the chosen
 * chain (or of all chains), so they work across files. The first search typed loads the search
 * files and searches what has arrived, again as each one arrives. Text goes on the page with
 * textContent only; a link is set through element.href only when it is relative.
 *
 * For scripts and tests: #ck-projects has data-state="loading" or "ready"; the search list
 * #ck-search-results has data-complete="true" once every search file is in.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ck-index-data").textContent);
  var el = chainkgDom.el;
  var isRelativeHref = chainkgDom.isRelativeHref;
  var collator = new Intl.Collator("zh-CN");

  function link(text, href) {
    if (!isRelativeHref(href)) return el("span", text);
    var a = el("a", text);
    a.href = href;
    return a;
  }

  /* Every file of `parts`, in order; `progress(done, all)` as each one arrives. */
  function loadAll(parts, progress) {
    var done = 0;
    return Promise.all(parts.map(function (p) {
      return chainkgDom.load(p.file).then(function (part) {
        done += 1;
        if (progress) progress(done, parts.length);
        return part;
      });
    }));
  }

  /* ---- search ---------------------------------------------------------------------------- */
  var input = document.getElementById("ck-search-input");
  var results = document.getElementById("ck-search-results");
  var MAX_RESULTS = 30;
  var searchFiles = chainkgDom.parts(data.search);
  var searchParts = [];  // the files' entries, in file order, as they arrive
  var searchArrived = 0;
  var searchStarted = false;

  function norm(text) { return String(text).toLowerCase().replace(/\s+/g, ""); }

  function matches(query) {
    var q = norm(query);
    if (!q) return [];
    var exact = [], partial = [];
    searchParts.forEach(function (entries) {
      (entries || []).forEach(function (entry) {
        var hit = [entry.name].concat(entry.also).some(function (n) { return norm(n).indexOf(q) !== -1; });
        if (hit) (norm(entry.name) === q ? exact : partial).push(entry);
      });
    });
    return exact.concat(partial);
  }

  function startSearch() {
    if (searchStarted) return;
    searchStarted = true;
    searchFiles.forEach(function (p, i) {
      chainkgDom.load(p.file).then(function (part) {
        searchParts[i] = part.items;
        searchArrived += 1;
        if (searchArrived === searchFiles.length) results.setAttribute("data-complete", "true");
        show();
      }, function () {
        results.replaceChildren(el("li", "无法载入 " + p.file + "(请与本页放在同一文件夹)", "ck-note"));
      });
    });
    if (!searchFiles.length) results.setAttribute("data-complete", "true");
  }

  function show() {
    results.replaceChildren();
    if (!input.value.trim()) return;
    var found = matches(input.value);
    found.slice(0, MAX_RESULTS).forEach(function (entry) {
      var li = el("li");
      li.appendChild(link(entry.name, entry.href));
      li.appendChild(el("span", entry.kind, "ck-note"));
      if (entry.also.length) li.appendChild(el("span", entry.also.join("、"), "ck-note"));
      results.appendChild(li);
    });
    if (searchArrived < searchFiles.length) {
      results.appendChild(el("li", "正在载入搜索数据(" + searchArrived + "/" + searchFiles.length + ")…", "ck-note"));
    } else if (!found.length) {
      results.appendChild(el("li", "无结果", "ck-note"));
    }
    if (found.length > MAX_RESULTS) results.appendChild(el("li", "… +" + (found.length - MAX_RESULTS), "ck-note"));
  }

  input.addEventListener("focus", startSearch);
  input.addEventListener("input", function () { startSearch(); show(); });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var first = results.querySelector("a");
    if (first) window.location.href = first.href;
  });

  /* ---- the chains table: a dozen rows in the page, sorted in place ----------------------- */
  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(key) || 0 : key;
  }
  function sortable(th, sort) {
    th.tabIndex = 0;
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
  }
  var chainsTable = document.getElementById("ck-chains");
  var chainHeads = chainsTable.tHead.rows[0].cells;
  Array.prototype.forEach.call(chainHeads, function (th, index) {
    sortable(th, function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "num";
      Array.prototype.forEach.call(chainHeads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = chainsTable.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = cellKey(a, index, numeric), y = cellKey(b, index, numeric);
        var order = numeric ? x - y : collator.compare(String(x), String(y));
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  /* ---- the project table ----------------------------------------------------------------- */
  var table = document.getElementById("ck-projects");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var chainChoice = document.getElementById("ck-project-chain");
  var statusChoice = document.getElementById("ck-project-status");
  var filterInput = document.getElementById("ck-project-filter");
  var note = document.getElementById("ck-project-note");
  var pageText = document.getElementById("ck-page-text");
  var prev = document.getElementById("ck-page-prev");
  var next = document.getElementById("ck-page-next");
  var state = { page: 0, key: null, ascending: true, code: false };
  var turn = 0;         // the latest request: an answer to an older one is dropped
  var ordered = null;   // {what, rows}: the sorted and filtered rows of the last such request

  var names = function (pairs) { return pairs.map(function (p) { return p[0]; }).join("、"); };
  var SORT_KEYS = {
    name: function (r) { return r.name; },
    companies: function (r) { return names(r.companies); },
    products: function (r) { return names(r.products); },
    chain: function (r) { return r.chain + " / " + r.segment; },
    capacity: function (r) { return r.capacity_key; },
    status: function (r) { return r.status_key; },
    places: function (r) { return names(r.places); }
  };

  function scopeParts() {
    var key = chainChoice.value;
    var parts = [];
    data.groups.forEach(function (g) { if (!key || g.key === key) parts = parts.concat(chainkgDom.parts(g.files)); });
    return parts;
  }

  function searchText(row) {
    if (row.text === undefined) {
      row.text = norm([row.name, names(row.companies), names(row.products), row.chain, row.segment,
        names(row.places)].join(" "));
    }
    return row.text;
  }

  /* The rows of every part, sorted and filtered as asked (made again only when asked otherwise). */
  function orderedRows(loaded) {
    var what = JSON.stringify([chainChoice.value, statusChoice.value, norm(filterInput.value), state.key, state.ascending]);
    if (ordered && ordered.what === what) return ordered.rows;
    var rows = [].concat.apply([], loaded.map(function (part) { return part.items; }));
    var status = statusChoice.value, q = norm(filterInput.value);
    if (status) rows = rows.filter(function (r) { return r.status_key === status; });
    if (q) rows = rows.filter(function (r) { return searchText(r).indexOf(q) !== -1; });
    if (state.key) {
      var key = SORT_KEYS[state.key], sign = state.ascending ? 1 : -1;
      var keyed = rows.map(function (r, i) { return { k: String(key(r)), i: i, r: r }; });
      keyed.sort(function (a, b) {
        var order = state.code ? (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) : collator.compare(a.k, b.k);
        return order * sign || a.i - b.i;
      });
      rows = keyed.map(function (x) { return x.r; });
    }
    ordered = { what: what, rows: rows };
    return rows;
  }

  function cellOf(pairs, empty) {
    var td = el("td");
    pairs.forEach(function (p, i) {
      if (i) td.appendChild(document.createTextNode("、"));
      td.appendChild(p[1] ? link(p[0], p[1]) : el("span", p[0]));
    });
    if (!pairs.length && empty) td.appendChild(el("span", empty, "ck-note"));
    return td;
  }

  function rowOf(r) {
    var tr = el("tr", null, r.style ? "ck-row-" + r.style : "");
    var name = el("td");
    name.appendChild(link(r.name, r.href));
    tr.appendChild(name);
    tr.appendChild(cellOf(r.companies, "未具名"));
    tr.appendChild(cellOf(r.products));
    var chain = el("td");
    chain.appendChild(r.chain_href ? link(r.chain, r.chain_href) : document.createTextNode(r.chain));
    chain.appendChild(document.createTextNode(" / " + r.segment));
    tr.appendChild(chain);
    var capacity = el("td", r.capacity);
    capacity.setAttribute("data-sort", r.capacity_key);
    if (r.capacity_base) {
      capacity.title = r.capacity_base;
      capacity.appendChild(el("br"));
      capacity.appendChild(el("span", r.capacity_base, "ck-note"));
    }
    tr.appendChild(capacity);
    var status = el("td", r.status);
    status.setAttribute("data-sort", r.status_key);
    tr.appendChild(status);
    tr.appendChild(cellOf(r.places));
    return tr;
  }

  function draw(rows, first, total) {
    body.replaceChildren();
    rows.forEach(function (r) { body.appendChild(rowOf(r)); });
    var pages = Math.max(1, Math.ceil(total / data.pageRows));
    pageText.textContent = total ? "第 " + (first + 1) + "–" + (first + rows.length) + " 条,共 " + total + " 条(第 "
      + (state.page + 1) + "/" + pages + " 页)" : "没有符合条件的项目";
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    note.textContent = "点击表头排序。";
    table.setAttribute("data-state", "ready");
  }

  function failed(error) {
    note.textContent = "无法载入 " + error.message + "(请与本页放在同一文件夹)";
    table.setAttribute("data-state", "ready");
  }

  /* Show the current page: the files it needs, or every file of the scope when sorted or filtered. */
  function render() {
    var mine = ++turn;
    var parts = scopeParts();
    var size = data.pageRows, first = state.page * size;
    table.setAttribute("data-state", "loading");
    if (state.key || statusChoice.value || norm(filterInput.value)) {
      var progress = function (done, all) {
        if (mine === turn && done < all) note.textContent = "正在载入项目数据(" + done + "/" + all + " 个文件)…";
      };
      progress(0, parts.length);
      loadAll(parts, progress).then(function (loaded) {
        if (mine !== turn) return;
        var rows = orderedRows(loaded);
        draw(rows.slice(first, first + size), first, rows.length);
      }, function (error) { if (mine === turn) failed(error); });
      return;
    }
    var total = 0, wanted = [], offset = 0;
    parts.forEach(function (p) {
      if (total + p.count > first && total < first + size) {
        if (!wanted.length) offset = first - total;
        wanted.push(p);
      }
      total += p.count;
    });
    loadAll(wanted).then(function (loaded) {
      if (mine !== turn) return;
      var rows = [].concat.apply([], loaded.map(function (part) { return part.items; }));
      draw(rows.slice(offset, offset + size), first, total);
    }, function (error) { if (mine === turn) failed(error); });
  }

  Array.prototype.forEach.call(heads, function (th) {
    sortable(th, function () {
      state.ascending = !(th.getAttribute("aria-sort") === "ascending");
      state.key = th.getAttribute("data-key");
      state.code = th.getAttribute("data-type") === "code";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.ascending ? "ascending" : "descending");
      state.page = 0;
      render();
    });
  });
  function again() { state.page = 0; render(); }
  chainChoice.addEventListener("change", again);
  statusChoice.addEventListener("change", again);
  filterInput.addEventListener("input", again);
  prev.addEventListener("click", function () { if (state.page > 0) { state.page -= 1; render(); } });
  next.addEventListener("click", function () { state.page += 1; render(); });
  render();
})();
