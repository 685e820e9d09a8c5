// reprint UI: the only script. On the diff page, hovering a shared passage
// outlines its counterpart in the other text. No inline handlers (the CSP
// forbids them); pages work without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var diff = document.getElementById("diff");
  if (!diff) return;
  function mark(p, on) {
    diff.querySelectorAll('mark[data-p="' + p + '"]').forEach(function (m) {
      m.classList.toggle("hover", on);
    });
  }
  diff.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark[data-p]");
    if (m) mark(m.getAttribute("data-p").replace(/[^0-9]/g, ""), true);
  });
  diff.addEventListener("mouseout", function (e) {
    var m = e.target.closest && e.target.closest("mark[data-p]");
    if (m) mark(m.getAttribute("data-p").replace(/[^0-9]/g, ""), false);
  });
  document.documentElement.classList.add("js");
});
