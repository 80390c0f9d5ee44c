// Search page: Pagefind's UI in the hub's own style (hub.css), with the query
// kept in the page's address, so a reload or the back button keeps it.
(function () {
  "use strict";
  var container = document.getElementById("hub-search");
  if (!container || typeof PagefindUI === "undefined") {
    return;
  }
  container.textContent = "";
  var ui = new PagefindUI({
    element: "#hub-search",
    baseUrl: container.getAttribute("data-base-url"),
    showImages: false,
    showSubResults: false,
    showEmptyFilters: false,
    resetStyles: false,
    translations: { placeholder: "Search the guidance" },
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  var input = container.querySelector(".pagefind-ui__search-input");
  if (!input) {
    return;
  }
  input.setAttribute("aria-label", "Search the guidance");
  input.addEventListener("input", function () {
    var address = new URL(window.location.href);
    if (input.value.trim()) {
      address.searchParams.set("q", input.value);
    } else {
      address.searchParams.delete("q");
    }
    window.history.replaceState(null, "", address);
  });
})();
