// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // A form sent back with errors: move the focus to the summary, so that it is read first.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();

  // A role's site limit only matters when the role is ticked.
  document.querySelectorAll("[data-role-site]").forEach(function (select) {
    var box = document.getElementById(select.getAttribute("data-role-site"));
    if (!box) return;
    var sync = function () { select.disabled = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  });
})();
