// Search page: Pagefind's UI, with the query from the header's search box.
(function () {
  "use strict";
  var container = document.getElementById("hub-search");
  if (!container || typeof PagefindUI === "undefined") {
    return;
  }
  // Pagefind's styles load only with its UI, so they never delay the page.
  var styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = container.getAttribute("data-base-url") + "pagefind/pagefind-ui.css";
  document.head.appendChild(styles);
  container.textContent = "";
  var ui = new PagefindUI({
    element: "#hub-search",
    baseUrl: container.getAttribute("data-base-url"),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    processResult: function (result) {
      // Show each result's topic with its title.
      if (result.meta && result.meta.topic) {
        result.meta.title = result.meta.title + " (" + result.meta.topic + ")";
      }
      return result;
    },
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
