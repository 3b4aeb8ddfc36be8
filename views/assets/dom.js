/* chainkg pages: the DOM helpers every page script uses (text only, relative links only), and
 * the loading of a page's data files: a file beside the page is one call,
 * chainkgDom.receive({file: …, …}), added as a <script> (a page opened from file:// may not read
 * a file with fetch/XHR, but loads a script, in a window or an iframe, with no server). */
var chainkgDom = (function () {
  "use strict";
  var loading = {}, waiting = {};

  /* Only plain relative links: no scheme, no //host, no backslash, no whitespace or controls. */
  function isRelativeHref(href) {
    return typeof href === "string" && href !== "" && href.slice(0, 2) !== "//" &&
      !/^[^\/?#]*:/.test(href) && !/[\\\u0000-\u0020\u007f]/.test(href);
  }

  return {
    isRelativeHref: isRelativeHref,
    /* A new element holding `text` as text (never markup). */
    el: function (tag, text, className) {
      var node = document.createElement(tag);
      if (text !== undefined && text !== null) node.textContent = String(text);
      if (className) node.className = className;
      return node;
    },
    /* The data files of a long list, {stem, size, rest} (views/paged.py): [{file, count}]. */
    parts: function (files) {
      var parts = [];
      for (var n = 0; n * files.size < files.rest; n++) {
        parts.push({ file: files.stem + "-" + n + ".js", count: Math.min(files.size, files.rest - n * files.size) });
      }
      return parts;
    },
    /* A promise of the data file `file` (relative to the page), added as a script once. */
    load: function (file) {
      if (!loading[file]) {
        loading[file] = new Promise(function (resolve, reject) {
          if (!isRelativeHref(file)) { reject(new Error(file)); return; }
          waiting[file] = resolve;
          var script = document.createElement("script");
          script.src = file;
          script.onerror = function () { delete loading[file]; delete waiting[file]; reject(new Error(file)); };
          document.head.appendChild(script);
        });
      }
      return loading[file];
    },
    /* A data file has run: the whole of it is one call to this, with its own name in `file`. */
    receive: function (part) {
      var resolve = waiting[part.file];
      delete waiting[part.file];
      if (resolve) resolve(part);
    }
  };
})();
