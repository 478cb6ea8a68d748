// Small behaviours the templates ask for with data- attributes, so that no page needs an
// inline script or an on…= handler: the Content-Security-Policy (core.middleware.
// SecurityHeadersMiddleware) lets scripts run only from our own static files.
(function () {
  "use strict";
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!(el instanceof Element)) return;
    // <select data-autosubmit>, <input type="checkbox" data-autosubmit>: send the form
    // (a plain submit, as the former onchange="this.form.submit()").
    if (el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
    // <input type="checkbox" data-check-all="selector">: tick or clear every box named.
    var selector = el.getAttribute("data-check-all");
    if (selector) {
      document.querySelectorAll(selector).forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });
})();
