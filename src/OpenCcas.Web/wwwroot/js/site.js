// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // A form sent back with errors: the summary lists them in the form's order, each link leading to a field that
  // exists (for a group's error, such as "choose at least one role", the group's first field), and gets the focus,
  // so that it is read first.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    var list = summary.querySelector("ul");
    var items = list ? Array.prototype.slice.call(list.children).map(function (item) {
      var link = item.querySelector("a[href^='#']");
      var target = link && (document.getElementById(link.getAttribute("href").slice(1)) || firstFieldOfGroup(link.getAttribute("data-field")));
      if (target && target.id) link.setAttribute("href", "#" + target.id);
      return { item: item, target: target };
    }) : [];
    // Errors tied to no field (the whole form's) first; Array.sort is stable, so they keep their order.
    items.sort(function (a, b) {
      if (!a.target || !b.target) return (a.target ? 1 : 0) - (b.target ? 1 : 0);
      return a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    items.forEach(function (x) { list.appendChild(x.item); });
    summary.focus();
  }

  // When no element has a field's id (a group of boxes, a person picked from a search): the first field of the
  // fieldset that shows its message, or else of the block around the message.
  function firstFieldOfGroup(name) {
    if (!name) return null;
    var message = document.querySelector("[data-valmsg-for='" + CSS.escape(name) + "']");
    var group = message && (message.closest("fieldset") || message.parentElement);
    return group && group.querySelector("input:not([type=hidden]), select, textarea");
  }

  // A role's site limit only matters when the role is ticked.
  document.querySelectorAll("[data-role-site]").forEach(function (select) {
    var box = document.getElementById(select.getAttribute("data-role-site"));
    if (!box) return;
    var sync = function () { select.disabled = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  });
})();
