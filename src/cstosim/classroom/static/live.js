// cstosim classroom: live updates from /events (server-sent events). The pages work without
// it (reload to see changes); with it, counts update in place and the page is drawn again
// when the phase, the item, the decisions or the readings change.
(function () {
  "use strict";
  if (!window.EventSource) { return; }
  var stage = document.body.getAttribute("data-stage");
  var source = new EventSource("/events");
  source.onmessage = function (event) {
    var state;
    try { state = JSON.parse(event.data); } catch (e) { return; }
    if (state.stage && state.stage !== stage) {
      source.close();
      window.location.reload();
      return;
    }
    var cast = state.cast || [];
    document.querySelectorAll("[data-live=cast]").forEach(function (el) {
      el.textContent = String(cast.length);
    });
    document.querySelectorAll("[data-cast]").forEach(function (el) {
      el.classList.toggle("voted", cast.indexOf(el.getAttribute("data-cast")) >= 0);
    });
    var seats = state.seats || {};
    document.querySelectorAll("[data-seat]").forEach(function (el) {
      var taken = seats[el.getAttribute("data-seat")] === true;
      if (el.tagName === "BUTTON") {
        if (taken && !el.disabled) { el.disabled = true; }
      } else {
        el.classList.toggle("taken", taken);
      }
    });
  };
})();
