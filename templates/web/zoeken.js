// The search page: Pagefind's interface, fed by the form above it. The form also works
// without JavaScript (it only reloads this page), so the page never depends on this file.
window.addEventListener("DOMContentLoaded", function () {
  // baseUrl: the folder of this page, so result links work wherever the site is placed.
  var ui = new PagefindUI({ element: "#zoekresultaten", showSubResults: true, showImages: false,
                            resetStyles: false, autofocus: false,
                            baseUrl: new URL(".", window.location.href).pathname });
  var form = document.querySelector(".search-form");
  var input = document.getElementById("zoekterm");
  function search() {
    if (input.value.trim()) { ui.triggerSearch(input.value.trim()); }
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; search(); }
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", search);
});
