/* chainkg pages: the two DOM helpers every page script uses (text only, relative links only). */
var chainkgDom = (function () {
  "use strict";
  return {
    /* Only plain relative links: no scheme, no //host, no backslash, no whitespace or controls. */
    isRelativeHref: function (href) {
      return typeof href === "string" && href !== "" && href.slice(0, 2) !== "//" &&
        !/^[^\/?#]*:/.test(href) && !/[\\\u0000-\u0020\u007f]/.test(href);
    },
    /* A new element holding `text` as text (never markup). */
    el: function (tag, text, className) {
      var node = document.createElement(tag);
      if (text !== undefined && text !== null) node.textContent = String(text);
      if (className) node.className = className;
      return node;
    }
  };
})();
