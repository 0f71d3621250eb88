/* Notices (data/notices.yml, overrides/partials/xl-notices.html) shown only within their hours,
   by the reader's clock: a page built before a notice ended stops showing it at its end, and one
   built before a notice started shows it from its start, without a rebuild. Each notice carries
   its hours as data-start and data-end (ISO 8601 with offset). Without JavaScript, or with hours
   this script cannot read, a notice stays shown, with its dates written out in the reader's
   language. While the page stays open, it is checked again at the next start or end. */
(function () {
  "use strict";
  var LONGEST = 2147483647; // setTimeout's longest wait (about 24.8 days)
  var timer = null;

  function update() {
    var now = Date.now();
    var next = Infinity;
    var notices = document.querySelectorAll(".xl-notice[data-start][data-end]");
    for (var i = 0; i < notices.length; i++) {
      var start = Date.parse(notices[i].getAttribute("data-start"));
      var end = Date.parse(notices[i].getAttribute("data-end"));
      if (isNaN(start) || isNaN(end)) continue;
      notices[i].hidden = now < start || now >= end;
      if (now < start) next = Math.min(next, start);
      if (now < end) next = Math.min(next, end);
    }
    if (timer !== null) clearTimeout(timer);
    timer = next === Infinity ? null : setTimeout(update, Math.min(next - now, LONGEST));
  }

  update();
  // a phone woken from sleep (or a tab brought back) may have missed its timer
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) update();
  });
})();
