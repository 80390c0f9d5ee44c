// Printed pages show where they came from: each link's full address after
// its text, and the page's own address. The stylesheet prints
// data-print-href; without this script it prints the href as written.
(function () {
  "use strict";
  var main = document.getElementById("main-content");
  var own = document.querySelector("[data-hub-page-address]");
  var canonical = document.querySelector('link[rel="canonical"]');
  if (own && canonical) {
    own.textContent = canonical.href;
  }
  if (!main) {
    return;
  }
  var links = main.querySelectorAll("a[href]");
  for (var i = 0; i < links.length; i += 1) {
    var href = links[i].getAttribute("href");
    if (href.charAt(0) !== "#" && /^https?:/.test(links[i].href)) {
      links[i].setAttribute("data-print-href", links[i].href);
    }
  }
})();
