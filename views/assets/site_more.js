/* chainkg entity pages: a long list (projects, firms, sentences) shows its first items; the
 * rest are in data files beside the page (views/paged.py), loaded one at a time by the button
 * under the list. Items are built with createElement and textContent only; a link is set
 * through element.href only when it is relative.
 */
(function () {
  "use strict";
  var el = chainkgDom.el;

  function linkItem(item) {
    var li = el("li");
    if (item.href && chainkgDom.isRelativeHref(item.href)) {
      var a = el("a", item.text);
      a.href = item.href;
      li.appendChild(a);
    } else {
      li.appendChild(document.createTextNode(item.text));
    }
    if (item.note) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", item.note, "ck-note"));
    }
    return li;
  }

  function evidenceItem(item) {
    var li = el("li");
    li.appendChild(el("blockquote", item.sentence));
    li.appendChild(el("cite", item.document));
    if (item.rule !== undefined) li.appendChild(el("p", "为何得出:" + item.rule, "ck-why"));
    return li;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".ck-more"), function (list) {
    var parts = chainkgDom.parts(JSON.parse(list.getAttribute("data-files")));
    var total = list.children.length + parts.reduce(function (n, p) { return n + p.count; }, 0);
    var make = list.getAttribute("data-kind") === "evidence" ? evidenceItem : linkItem;
    var next = 0;
    var button = el("button", "", "ck-more-button");
    button.type = "button";
    var note = el("span", "", "ck-note");
    function label() {
      var left = total - list.children.length;
      button.textContent = "再显示 " + Math.min(left, parts[next].count) + " 条(还有 " + left + " 条)";
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      note.textContent = "正在载入…";
      chainkgDom.load(parts[next].file).then(function (part) {
        part.items.forEach(function (item) { list.appendChild(make(item)); });
        next += 1;
        note.textContent = "";
        button.disabled = false;
        if (next < parts.length) label(); else button.remove();
      }, function () {
        button.disabled = false;
        note.textContent = "无法载入 " + parts[next].file + "(请与本页放在同一文件夹)";
      });
    });
    label();
    var bar = el("p", "", "ck-more-bar");
    bar.appendChild(button);
    bar.appendChild(note);
    list.parentNode.insertBefore(bar, list.nextSibling);
  });
})();
